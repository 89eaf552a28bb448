/**
 * Filling a fresh database fast, with data the app could have written.
 *
 * Why not importPersons for the bulk: it gives every natural person the batch's purpose (the
 * middleware stamps the reason's purpose), so the compliance worklist would be empty, and 100,000
 * persons through the rules plus 900,000 further audit entries would take many minutes. So the
 * fill writes as a restore does, through a connection with the sealing layer and no rules (the
 * restore privilege belongs to the data layer alone) — with the derived index fields recomputed (withDerivedFields) and the audit
 * entries chained (chainEntries) with the head in settings 'auditHead'. The story it tells:
 *
 * - natural persons with a purpose were created with a reason → one 'create' entry each;
 * - natural persons without a purpose, and all non-natural persons, were taken over while GDPR
 *   support was off (or are not natural) → no entry, as the middleware would have done;
 * - consents were recorded (entry 'consentGiven'), some later withdrawn ('consentWithdrawn');
 * - the remaining entries are 'update's of natural persons with a purpose; versions and
 *   updatedAt of the persons match the number and time of their updates;
 * - person 0 is the access-report target with exactly 1,000 audit entries.
 */
import type { Table, Transaction } from 'dexie';
import { AUDIT_HEAD_KEY, chainEntries, EMPTY_HEAD, type ChainHead } from '../domain/auditChain';
import type { AuditAction, AuditEntry } from '../domain/audit';
import { CONSENT_CHANNELS, type Consent } from '../domain/consent';
import { changedWatchedFields } from '../domain/diff';
import { DEFAULT_PURPOSES } from '../domain/purpose';
import { TRANSACTION_KINDS, type BusinessTransaction } from '../domain/transaction';
import { ConsentbookDB, type StoredPerson } from '../data/db';
import { readAuditHead } from '../data/queries/auditIntegrity';
import { withDerivedFields } from '../data/core/derived';
import type { Session } from '../data/core/session';
import { updateController } from '../data/commands/settings';
import { openKeyring } from '../data/auth';
import { rebuildStatuses, statusTables } from '../data/core/personStatus';
import { offerPresealed } from '../data/middleware/presealed';
import { presealNewPersons } from '../data/middleware/presealPersons';
import { nextTask } from '../data/core/nextTask';
import { personOf, rng, traitsOf, type Traits } from './generate';

export const TARGET_AUDIT_ENTRIES = 1000;

export interface FillOptions {
  persons: number;
  /**
   * Audit entries in the log when the fill is done (those already there count); 'fewest': only the
   * entries the story needs (the creates, consents, withdrawals and the target's 1,000).
   */
  auditEntries: number | 'fewest';
  personBatch?: number;
  auditBatch?: number;
}

export interface FillResult {
  persons: number;
  auditEntries: number;
  consents: number;
  transactions: number;
  targetPersonId: string;
  /** Natural persons without purpose, transaction or valid consent: what noReasonPersonIds must find. */
  expectedWorklist: number;
  ms: { persons: number; updates: number; total: number };
}

const PURPOSE_NAME = new Map(DEFAULT_PURPOSES.map((p) => [p.id, p.name] as const));
const UPDATES: readonly [string[], string][] = [
  [['phone'], 'Neue Telefonnummer telefonisch mitgeteilt'],
  [['email'], 'E-Mail-Adresse laut Schreiben geändert'],
  [['street', 'postalCode', 'city'], 'Umzug mitgeteilt'],
  [['furtherPhones'], 'Mobilnummer ergänzt'],
  [['lastName'], 'Namensänderung nach Heirat'],
  [['fax'], 'Faxnummer entfernt'],
];
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Person 0 is the access-report target: a natural contact with purpose, a consent and a transaction. */
function traitsAt(i: number): Traits {
  const t = traitsOf(i);
  if (i !== 0) return t;
  return {
    ...t,
    kind: 'contact',
    private: false,
    natural: true,
    purposeId: 'purpose-contract',
    consent: 'given',
    transaction: true,
    linksNext: false,
  };
}

const logsCreate = (t: Traits) => t.natural && t.purposeId !== '';

/**
 * Batches prepared (generated, chained, sealed: this thread's work) while the batch before is
 * written (IndexedDB's work, in the browser's storage process); writes stay in order, one at a time.
 */
async function pipelined<T>(
  count: number,
  prepare: (n: number) => T | Promise<T>,
  write: (prepared: T, n: number) => Promise<void>,
): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  for (let n = 0; n < count; n++) {
    const prepared = await prepare(n);
    await writing;
    writing = write(prepared, n);
    writing.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    // Lets the transaction hand its requests to IndexedDB before this thread prepares the next batch.
    await nextTask();
  }
  await writing;
}

export async function fillDatabase(
  db: ConsentbookDB,
  session: Session,
  opts: FillOptions,
  log: (m: string) => void,
): Promise<FillResult> {
  const start = performance.now();
  // Written as a restore writes: sealed (when the app's database is), with no rules.
  const target = new ConsentbookDB(db.name, { sealing: db.sealing, rules: false });
  // Opened here: sealing ahead of the writes needs the connection's tables (db.core).
  await target.open();
  if (db.keyring.unlocked) await openKeyring(target, db.keyring.requireDataKey());
  const N = opts.persons;
  const personBatch = opts.personBatch ?? 5000;
  const auditBatch = opts.auditBatch ?? 25_000;

  // The letterhead of the Auskunft; through the real command (it logs one 'settingsChanged').
  await updateController(db, session, {
    name: 'Muster Handels GmbH',
    street: 'Industriestraße 7',
    postalCode: '70565',
    city: 'Stuttgart',
    country: 'Deutschland',
    email: 'datenschutz@muster-handel.de',
    phone: '0711 123456',
    dataProtectionOfficer: 'Dr. Eva Schutz',
  });

  // Plan: who gets which entries, so versions, timestamps and the chain agree.
  let creates = 0;
  let consents = 0;
  let withdrawn = 0;
  let expectedWorklist = 0;
  const updatable: number[] = [];
  let prevLinksNext = false;
  for (let i = 0; i < N; i++) {
    const t = traitsAt(i);
    if (logsCreate(t)) {
      creates++;
      if (i !== 0) updatable.push(i);
    }
    if (t.consent !== 'none') consents++;
    if (t.consent === 'withdrawn') withdrawn++;
    const hasTransaction = t.transaction || prevLinksNext;
    if (t.natural && !t.purposeId && t.consent !== 'given' && !hasTransaction) expectedWorklist++;
    prevLinksNext = t.linksNext;
  }
  let head: ChainHead = (await readAuditHead(db)) ?? EMPTY_HEAD;
  const targetUpdates = TARGET_AUDIT_ENTRIES - 2; // its create and its consent are the other two
  const updates =
    opts.auditEntries === 'fewest' ? targetUpdates : opts.auditEntries - head.count - creates - consents - withdrawn;
  if (updates < targetUpdates) throw new Error(`Too few audit entries (${opts.auditEntries}) for ${N} persons`);

  const updatePerson = new Int32Array(updates);
  const r = rng(4711);
  const step = updates / targetUpdates;
  for (let k = 0; k < updates; k++) updatePerson[k] = updatable[Math.floor(r() * updatable.length)] ?? 0;
  for (let k = 0; k < targetUpdates; k++) updatePerson[Math.floor(k * step)] = 0;
  const updateCount = new Uint32Array(N);
  const lastUpdate = new Int32Array(N).fill(-1);
  updatePerson.forEach((p, k) => {
    updateCount[p]++;
    lastUpdate[p] = k;
  });

  // Entry offsets: phase 1 creates and consents (by batch), phase 2 updates, phase 3 withdrawals.
  const total = creates + consents + updates + withdrawn;
  const phase2 = creates + consents;
  const phase3 = phase2 + updates;
  const t0 = Date.now() - 3 * YEAR_MS;
  const span = Date.now() - 60_000 - t0;
  const timeAt = (offset: number) => new Date(t0 + (span * offset) / total).toISOString();
  const entry = (
    action: AuditAction,
    personId: string,
    fieldKeys: string[],
    purposeId: string,
    comment: string,
    at: string,
    context = '',
  ): AuditEntry => ({
    at,
    userId: session.userId,
    userName: session.userName,
    staffNumber: session.staffNumber,
    personId,
    action,
    purposeId,
    purposeName: PURPOSE_NAME.get(purposeId) ?? '',
    comment,
    fieldKeys,
    context,
  });
  const restore = (tables: Table[], work: (tx: Transaction) => Promise<void>) => target.transaction('rw', tables, work);
  const chain = (entries: AuditEntry[]) => {
    const linked = chainEntries(head, entries, db.keyring.auditKey());
    head = linked.head;
    return linked;
  };

  let offset = 0;
  let withdrawnSoFar = 0;
  let transactions = 0;
  const withdrawals: AuditEntry[] = [];
  /** One batch of persons with their records and entries: generated, chained and sealed before its transaction. */
  const personsBatch = (b: number) => {
    const persons: StoredPerson[] = [];
    const entries: AuditEntry[] = [];
    const consentRecords: Consent[] = [];
    const txs: BusinessTransaction[] = [];
    const batch: [number, Traits, string][] = [];
    for (let i = b; i < Math.min(N, b + personBatch); i++) {
      const t = traitsAt(i);
      const p = personOf(i, t);
      const createdAt = timeAt(offset);
      if (logsCreate(t))
        entries.push(
          entry('create', t.id, changedWatchedFields(null, p), t.purposeId, 'Kontakt aufgenommen', timeAt(offset++)),
        );
      const updatedAt = lastUpdate[i] >= 0 ? timeAt(phase2 + lastUpdate[i]) : createdAt;
      persons.push(withDerivedFields({ ...p, version: 1 + updateCount[i], createdAt, updatedAt }));
      batch.push([i, t, createdAt]);
      if (t.transaction) {
        const tr = rng(i * 7 + 3);
        const date = new Date(Date.now() - tr() * 12 * YEAR_MS).toISOString().slice(0, 10);
        const kind = TRANSACTION_KINDS[Math.floor(tr() * TRANSACTION_KINDS.length)];
        const personIds = t.linksNext && i + 1 < N ? [t.id, traitsAt(i + 1).id] : [t.id];
        txs.push({
          id: t.transactionId,
          kind,
          date,
          title: `Vorgang ${date.slice(0, 4)}-${String(i).padStart(6, '0')}`,
          personIds,
          attachment: null,
          createdAt,
        });
      }
    }
    // Consents after the batch's creates, so each consent's entry follows its person's.
    for (const [i, t] of batch) {
      if (t.consent === 'none') continue;
      const givenAt = timeAt(offset);
      const purposeIds = ['purpose-advertising'];
      entries.push(
        entry(
          'consentGiven',
          t.id,
          purposeIds.map((id) => `purpose:${id}`),
          purposeIds[0],
          '',
          timeAt(offset++),
          `consent:${t.consentId}`,
        ),
      );
      const channel = CONSENT_CHANNELS[i % CONSENT_CHANNELS.length];
      const isWithdrawn = t.consent === 'withdrawn';
      const withdrawnAt = isWithdrawn ? timeAt(phase3 + withdrawnSoFar++) : null;
      if (withdrawnAt)
        withdrawals.push(
          entry(
            'consentWithdrawn',
            t.id,
            purposeIds.map((id) => `purpose:${id}`),
            purposeIds[0],
            'Widerruf per E-Mail',
            withdrawnAt,
            `consent:${t.consentId}`,
          ),
        );
      consentRecords.push({
        id: t.consentId,
        personId: t.id,
        purposeIds,
        status: isWithdrawn ? 'withdrawn' : 'given',
        givenAt: givenAt.slice(0, 10),
        channel,
        text: 'Ich willige ein, per E-Mail über Angebote informiert zu werden (Fassung 2023-01).',
        channelNote: channel === 'verbal' ? 'Am Messestand, gegenüber Frau Beispiel' : '',
        evidence: { type: 'none', note: '' },
        withdrawnAt: withdrawnAt?.slice(0, 10) ?? null,
        withdrawalEvidence: isWithdrawn ? { type: 'none', note: 'Widerruf per E-Mail' } : null,
        campaignId: '',
        createdAt: givenAt,
      });
    }
    // Sealed as the import seals new persons (presealPersons.ts), here before the batch's transaction.
    const presealed = target.sealing ? presealNewPersons(target, persons).persons : null;
    return { persons, consentRecords, txs, presealed, ...chain(entries) };
  };
  await pipelined(
    Math.ceil(N / personBatch),
    (k) => Promise.resolve(personsBatch(k * personBatch)),
    async ({ persons, consentRecords, txs, presealed, chained, head: next }, k) => {
      await restore(
        [target.persons, target.consents, target.transactions, target.auditLog, target.settings],
        async (tx) => {
          if (presealed) offerPresealed(tx.idbtrans, 'persons', presealed);
          await target.persons.bulkAdd(persons);
          if (consentRecords.length) await target.consents.bulkAdd(consentRecords);
          if (txs.length) await target.transactions.bulkAdd(txs);
          if (chained.length) await target.auditLog.bulkAdd(chained);
          await target.settings.put({ key: AUDIT_HEAD_KEY, value: next });
        },
      );
      transactions += txs.length;
      if (k % 5 === 4) log(`fill: ${Math.min(N, (k + 1) * personBatch)} / ${N} persons`);
    },
  );
  const personsDone = performance.now();

  // Updates, then withdrawals: in seq order, so the log's time order is its chain order.
  const writeEntries = async ({ chained, head: next }: { chained: AuditEntry[]; head: ChainHead }) =>
    restore([target.auditLog, target.settings], async () => {
      await target.auditLog.bulkAdd(chained);
      await target.settings.put({ key: AUDIT_HEAD_KEY, value: next });
    });
  await pipelined(
    Math.ceil(updates / auditBatch),
    (n) => {
      const k = n * auditBatch;
      const entries: AuditEntry[] = [];
      for (let j = k; j < Math.min(updates, k + auditBatch); j++) {
        const t = traitsAt(updatePerson[j]);
        const [fieldKeys, comment] = UPDATES[j % UPDATES.length];
        entries.push(entry('update', t.id, fieldKeys, t.purposeId, comment, timeAt(phase2 + j)));
      }
      return chain(entries);
    },
    async (linked, n) => {
      await writeEntries(linked);
      if (n % 8 === 7) log(`fill: ${Math.min(updates, (n + 1) * auditBatch)} / ${updates} update entries`);
    },
  );
  if (withdrawals.length) await writeEntries(chain(withdrawals));
  // The restore path writes around the middleware: the worklist flags are rebuilt as a restore
  // does, from plain fields through the raw connection (nothing to open).
  const raw = new ConsentbookDB(db.name, { raw: true });
  await raw.transaction('rw', [raw.persons, raw.purposes, raw.transactions, raw.consents, raw.personStatus], (tx) =>
    rebuildStatuses(statusTables(tx)),
  );
  raw.close();
  const end = performance.now();
  target.keyring.lock();
  target.close();
  return {
    persons: N,
    auditEntries: head.count,
    consents,
    transactions,
    targetPersonId: traitsAt(0).id,
    expectedWorklist,
    ms: {
      persons: Math.round(personsDone - start),
      updates: Math.round(end - personsDone),
      total: Math.round(end - start),
    },
  };
}
