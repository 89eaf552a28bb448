/**
 * The worklist flags (core/personStatus.ts) against the records they are derived from, once a
 * session, in the background: the flags are plain rows of their own that no seal covers, so a
 * Prüfliste emptied or altered on disk would show nothing until a restore or a migration rebuilt
 * them. The persons' purpose ids, the consents' statuses and purposes and the transactions' persons
 * are plain too but bound by their records' seals — the flags are recomputed from them as stored
 * (nothing opened: the persons by index keys, the consents and transactions in runs), the rows
 * that differ are computed again inside one transaction (a save meanwhile is no difference) and,
 * if any still differ, logged by count in the keyed chain and rewritten. The entry is written
 * before the rows: a session ending between the two finds and logs them again, never nothing.
 */
import type { ConsentbookDB } from '../db';
import { rawConnection } from '../db';
import type { Session } from '../core/session';
import type { Consent } from '../../domain/consent';
import type { Purpose } from '../../domain/purpose';
import type { BusinessTransaction } from '../../domain/transaction';
import { isFlagged, statusesNow, statusFor, writeStatuses, type PersonStatus } from '../core/personStatus';
import { tableInRuns } from '../core/tableInRuns';
import { PERSONS_BY_PURPOSE } from '../core/purposeUse';
import { logFinding } from './findings';

export interface WorklistCheck {
  /** Persons whose flags were checked (the natural persons whose flags can be set, and those with a row). */
  checked: number;
  /** Persons whose stored flags differed from their records and were computed again. */
  repaired: number;
}

/** Records read a run at a time: a run of sealed consents is one short task, not the table's. */
const RUN = 5_000;

type ConsentFacts = Pick<Consent, 'status' | 'purposeIds'>;

export async function checkWorklistFlags(db: ConsentbookDB, session: Session): Promise<WorklistCheck> {
  const raw = rawConnection(db);
  const expected = await expectedFlags(raw);
  const stored = new Map((await raw.personStatus.toArray()).map((row) => [row.personId, row]));
  const seen = new Set([...expected.keys(), ...stored.keys()]);
  const candidates = [...seen].filter((id) => !sameFlags(expected.get(id), stored.get(id)));
  const checked = seen.size;
  if (candidates.length === 0) return { checked, repaired: 0 };
  // What the flags are derived from, and the flags.
  const tables = [raw.persons, raw.purposes, raw.transactions, raw.consents, raw.personStatus];
  // Read and compared in one transaction: what a save changed since the runs above is no difference.
  const differing = await raw.transaction('r', tables, async (tx) => {
    const [{ statuses, deletes }, rows] = await Promise.all([
      statusesNow(raw.core, tx.idbtrans, candidates),
      raw.personStatus.bulkGet(candidates),
    ]);
    const now = new Map(statuses.filter(isFlagged).map((s) => [s.personId, s]));
    const before = new Map(rows.filter((r): r is PersonStatus => !!r).map((r) => [r.personId, r]));
    const gone = new Set(deletes);
    return candidates.filter((id) => !sameFlags(gone.has(id) ? undefined : now.get(id), before.get(id)));
  });
  if (differing.length === 0) return { checked, repaired: 0 };
  await logFinding(db, session, 'worklist', String(differing.length));
  await raw.transaction('rw', tables, async (tx) => {
    const { statuses, deletes } = await statusesNow(raw.core, tx.idbtrans, differing);
    await writeStatuses(raw.core, tx.idbtrans, statuses, deletes);
  });
  return { checked, repaired: differing.length };
}

/**
 * The flags every person should have, by the same rule the middleware applies (`statusFor`), from
 * what is stored: only natural persons can be flagged — those without a purpose (no reason held?)
 * and those held for a purpose that needs consent (a consent gap?); everyone else has no flag.
 */
async function expectedFlags(raw: ConsentbookDB): Promise<Map<string, PersonStatus>> {
  const purposes: Purpose[] = await raw.purposes.toArray();
  const needingConsent = purposes.filter((p) => p.requiresConsent);
  const byIndex = (purposeId: string) =>
    raw.persons.where(PERSONS_BY_PURPOSE).equals([1, purposeId]).primaryKeys() as Promise<string[]>;
  const [withoutPurpose, ...held] = await Promise.all([byIndex(''), ...needingConsent.map((p) => byIndex(p.id))]);
  // Each natural person who can be flagged, with their purpose ('' for none).
  const purposeOf = new Map<string, string>(withoutPurpose.map((id) => [id, '']));
  needingConsent.forEach((p, i) => held[i].forEach((id) => purposeOf.set(id, p.id)));

  const linked = new Set<string>();
  for await (const run of tableInRuns<BusinessTransaction>(raw.transactions, RUN))
    for (const t of run) for (const id of t.personIds) if (purposeOf.get(id) === '') linked.add(id);
  const consentsOf = new Map<string, ConsentFacts[]>();
  for await (const run of tableInRuns<Consent>(raw.consents, RUN))
    for (const c of run) {
      if (!purposeOf.has(c.personId)) continue;
      const facts = consentsOf.get(c.personId) ?? [];
      facts.push({ status: c.status, purposeIds: c.purposeIds });
      consentsOf.set(c.personId, facts);
    }

  const purposeById = new Map(purposes.map((p) => [p.id, p]));
  const expected = new Map<string, PersonStatus>();
  for (const [id, purposeId] of purposeOf) {
    const person = { id, natural: 1 as const, purposeId };
    const status = statusFor(person, purposeById.get(purposeId), linked.has(id), consentsOf.get(id) ?? []);
    if (isFlagged(status)) expected.set(id, status);
  }
  return expected;
}

/** Two flag rows alike (an absent row is "no flag"). */
function sameFlags(a: PersonStatus | undefined, b: PersonStatus | undefined): boolean {
  const flags = (s: PersonStatus | undefined) => (s && isFlagged(s) ? `${s.noReason}/${s.consentGap}` : '');
  return flags(a) === flags(b);
}

const checks = new WeakMap<Session, Promise<WorklistCheck>>();

/** The session's check: started by the first screen that shows the flags, then shared; one that failed is tried again. */
export function worklistCheckOf(db: ConsentbookDB, session: Session): Promise<WorklistCheck> {
  let check = checks.get(session);
  if (!check) {
    check = checkWorklistFlags(db, session);
    checks.set(session, check);
    check.catch(() => checks.delete(session));
  }
  return check;
}
