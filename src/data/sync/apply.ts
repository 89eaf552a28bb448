/**
 * Applies checked documents into Dexie, a batch in one transaction on the raw connection (the
 * records as they arrived, sealed; no middleware, so nothing goes back out): the records, their
 * key secrets, the worklist flags of the persons touched, each document's revision, conflict flags,
 * quarantined documents and the feed's checkpoint — together, so a stop mid-batch repeats the batch
 * and applying is idempotent (a put of the same bytes; an audit entry by its origin).
 * A record with a change of this device still in the outbox is left alone: the pump sends that
 * change as a branch of its own, and the conflict shows.
 */
import type { Transaction } from 'dexie';
import type { ChainedEntry } from '../../domain/auditChain';
import { AUDIT_HEAD_KEY, type ChainHead } from '../../domain/auditChain';
import { originOf, SEGMENT_MAX, segmentOf } from '../../domain/auditSegment';
import { lastEntry } from '../core/auditEntries';
import { rawConnection, type ConsentbookDB } from '../db';
import { bucketOf, DIRECTORY_IMAGE_KEY } from '../core/derived';
import { refreshStatuses } from '../core/personStatus';
import { PERSONS_BY_PURPOSE } from '../core/purposeUse';
import type { QuarantineRecord, SyncRev } from '../core/records';
import type { VersionClock } from '../../domain/versionClock';
import type { Incoming } from './check';
import { docIdOf } from './docs';
import { CHECKPOINT_KEY } from './state';
import type { HeldEntries } from './held';
import { REPLICATED_TABLES, SYNC_CLOCKED_DEVICES_KEY, SYNC_WAITING_KEY, type OutboxRow } from '../middleware/outbox';
import { eraseFromDrafts } from '../middleware/sealing';
import { bookRecordNames, retagCore } from '../middleware/bookTags';
import { deleteSecrets, GROUP_FROM, groupsOf, SECRET_TABLES } from '../core/personSecrets';
import type { PersonKeyRecord } from '../core/crypto/keyring';
import type { SetAside } from './types';
import { conflictsLeft, dropHeldBack, heldBackTable, keepRefusals, settleHeldBack } from './heldBack';
import { writeOver, type WriteOver } from './writeOver';
import { noteWrittenOver } from './writtenOver';
import type { Session } from '../core/session';

/** A remote chain's entries sit between two of this device's (fractions of a step: never a local seq). */
const REMOTE_STEP = 2 ** -20;

export interface BatchWrite {
  docId: string;
  rev: string;
  /** Who wrote the revision (kept beside it: team/vouch.ts finds a member's documents by it). */
  author?: string;
  /** The record's version clock as known here with this revision (sync/versions.ts). */
  clock?: VersionClock;
  incoming?: Incoming;
  /** A person's version where one of it is held back here: the revisions it descends from (heldBack.ts). */
  ancestors?: string[];
}

export interface Batch {
  writes: BatchWrite[];
  quarantine: QuarantineRecord[];
  /** Conflict flags: revisions standing per person (none: cleared). */
  conflicts: Map<string, string[]>;
  checkpoint: number | string;
  /** This device's records to send again: an older version of them came back (sync/versions.ts, ownVersion). */
  resend?: OutboxRow[];
  /** The devices seen sending version clocks, when the batch saw a new one (sync/versions.ts). */
  clockedDevices?: string[];
  /** The documents set aside, waiting for what they need, as they stand after the batch (feed.ts). */
  waiting?: Map<string, SetAside>;
  /** What this device holds of the other devices' chains (the applier's, across its batches). */
  held: HeldEntries;
  /** Refresh the worklist flags of the persons touched (not during a pull: it rebuilds them at its end). */
  flags: boolean;
  /**
   * During a joining device's pull (which starts on an empty device): the persons whose secrets it
   * stored so far. The others' secrets a batch brings are stored as groups (core/personSecrets.ts);
   * a person arriving again gets a record of their own, the same secret, taken first by readers.
   */
  pulledSecrets?: Set<string>;
  /** On an administrator's device: the refused versions it writes over (writeOver.ts). */
  writeOver?: { writer: Session; versions: WriteOver[] };
}

/** The persons a batch erases: by an erasure record or their sealed tombstone. */
export function erasedIn(batch: Batch): string[] {
  return batch.writes.flatMap(({ incoming: i }) =>
    i && i.kind !== 'audit' && i.table === (i.kind === 'put' ? 'erasures' : 'persons') ? [i.key] : [],
  );
}

/** Every table a batch writes: the replicated records and this device's own sync state. */
const TABLES = [
  ...REPLICATED_TABLES,
  ...SECRET_TABLES,
  'auditSegments',
  'personStatus',
  'directory',
  'directoryKeys',
  'outbox',
  'quarantine',
  'syncRevs',
  'conflicts',
  'drafts',
];

function personsTouched(incoming: Incoming): string[] {
  if (incoming.kind === 'audit') return [];
  if (incoming.table === 'persons' || incoming.table === 'erasures') return [incoming.key];
  if (incoming.kind === 'delete') return [];
  const s = incoming.stored;
  if (incoming.table === 'consents' && typeof s.personId === 'string') return [s.personId];
  if (incoming.table === 'transactions' && Array.isArray(s.personIds)) return s.personIds as string[];
  return [];
}

/**
 * The entries of other devices' chains a batch brings, appended in order as segments (a record per
 * run of a chain's consecutive entries, not one per entry: a new device's first pull brings
 * 100,000); those held already are skipped. Returns what it appended, by chain.
 */
async function appendRemoteEntries(
  tx: Transaction,
  held: HeldEntries,
  chains: readonly { device: string; entries: ChainedEntry[] }[],
): Promise<Map<string, number[]>> {
  const have = new Map<string, Set<number>>();
  for (const device of new Set(chains.map((c) => c.device))) {
    const seqs = chains.filter((c) => c.device === device).flatMap((c) => c.entries.map((e) => e.seq));
    have.set(device, await held.held(device, seqs, tx));
  }
  let after = await lastSeqHere(tx);
  const runs: { device: string; first: number; last: number; rows: ChainedEntry[] }[] = [];
  const appended = new Map<string, number[]>();
  for (const { device, entries } of chains) {
    const seen = have.get(device) ?? new Set<number>();
    for (const entry of entries) {
      if (seen.has(entry.seq)) continue;
      seen.add(entry.seq);
      after += REMOTE_STEP;
      const row = { ...entry, seq: after, origin: originOf(device, entry.seq) };
      const run = runs.at(-1);
      if (run && run.device === device && entry.seq === run.last + 1 && run.rows.length < SEGMENT_MAX) {
        run.rows.push(row);
        run.last = entry.seq;
      } else runs.push({ device, first: entry.seq, last: entry.seq, rows: [row] });
      // Pushed, not copied: a pull's batch appends tens of thousands of one chain's entries.
      const seqs = appended.get(device);
      if (seqs) seqs.push(entry.seq);
      else appended.set(device, [entry.seq]);
    }
  }
  await tx.table('auditSegments').bulkAdd(runs.map((r) => segmentOf(r.rows, [r.device, r.first, r.last])));
  return appended;
}

/** The highest seq of the log here (its last entry, however stored, and the chain's head): remote entries go after it. */
async function lastSeqHere(tx: Transaction): Promise<number> {
  const last = await lastEntry(tx.db);
  const head = (await tx.table('settings').get(AUDIT_HEAD_KEY)) as { value: ChainHead } | undefined;
  return Math.max(last?.seq ?? 0, head?.value.lastSeq ?? 0);
}

/**
 * Puts of records gathered per table and written in bulk (one request per table, not one per
 * record) — flushed before any write that reads or deletes, so the order of the batch holds.
 */
class Puts {
  private readonly tables = new Map<string, unknown[]>();
  private readonly buckets = new Set<number>();
  private secrets: PersonKeyRecord[] = [];
  /** Persons whose secrets went into groups (known to the pull once the batch is committed). */
  readonly grouped: string[] = [];

  constructor(private readonly pulled: ReadonlySet<string> | undefined) {}

  secret(record: PersonKeyRecord): void {
    this.secrets.push(record);
  }

  put(table: string, record: unknown): void {
    const list = this.tables.get(table);
    if (list) list.push(record);
    else this.tables.set(table, [record]);
  }

  /** The directory re-reads this bucket at the next sign-in (no stale copy of a name is kept). */
  dropBucket(personId: string): void {
    this.buckets.add(bucketOf(personId));
  }

  get empty(): boolean {
    return this.tables.size === 0 && this.buckets.size === 0 && this.secrets.length === 0;
  }

  async flush(tx: Transaction): Promise<void> {
    for (const [table, records] of this.tables) await tx.table(table).bulkPut(records);
    await this.flushSecrets(tx);
    if (this.buckets.size) {
      await tx.table('directory').bulkDelete([...this.buckets]);
      // The image holds these persons as they were, maybe under a later `updatedAt`: not read again (directory/image.ts).
      await tx.table('directoryKeys').delete(DIRECTORY_IMAGE_KEY);
    }
    this.tables.clear();
    this.buckets.clear();
  }

  /** A pull's secrets of persons new here as groups (a record per 50, not per person); the others as records. */
  private async flushSecrets(tx: Transaction): Promise<void> {
    const pulled = this.pulled;
    // Each person once (a batch may bring two versions of one person, with the same secret).
    const once = pulled ? [...new Map(this.secrets.map((s) => [s.personId, s])).values()] : [];
    const fresh = once.filter((s) => !pulled?.has(s.personId));
    const grouped = fresh.length >= GROUP_FROM ? new Set(fresh.map((s) => s.personId)) : new Set<string>();
    const own = this.secrets.filter((s) => !grouped.has(s.personId));
    this.secrets = [];
    if (own.length) await tx.table('personKeys').bulkPut(own);
    if (grouped.size === 0) return;
    // Added, never put: a group of the same id is another group's, not one to overwrite.
    await tx.table('personKeyGroups').bulkAdd(groupsOf(fresh));
    this.grouped.push(...grouped);
  }
}

/**
 * An erasure record from another device: the person's records, key secret and directory bucket go
 * here too, with this device's changes of them not yet sent (an offline edit does not bring them
 * back); the record stays, so later changes of the person are refused (check.ts). The replica is
 * cleaned after the batch (engine: forgetInReplica).
 */
async function erase(tx: Transaction, erasure: Record<string, unknown>): Promise<void> {
  const personId = String(erasure.personId);
  const consents = (await tx.table('consents').where('personId').equals(personId).primaryKeys()) as string[];
  const files = (await tx
    .table('files')
    .where('ownerId')
    .anyOf([personId, ...consents])
    .primaryKeys()) as string[];
  await tx.table('files').bulkDelete(files);
  await tx.table('consents').bulkDelete(consents);
  await tx.table('persons').delete(personId);
  await deleteSecrets(tx, [personId]);
  await tx.table('erasures').put(erasure);
  await dropDirectoryBucket(tx, personId);
  await tx.table('conflicts').delete(personId);
  const gone = new Set([
    docIdOf('persons', personId),
    ...consents.map((id) => docIdOf('consents', id)),
    ...files.map((id) => docIdOf('files', id)),
  ]);
  await tx
    .table('outbox')
    .filter((row: { table: string; key: unknown }) => gone.has(docIdOf(row.table, row.key)))
    .delete();
}

/** An erasure record, or a person deleted on another device: both erase the person here. */
function isErasure(incoming: RecordWrite): boolean {
  return (
    (incoming.kind === 'put' && incoming.table === 'erasures') ||
    (incoming.kind === 'delete' && incoming.table === 'persons')
  );
}

/** An erased person's directory bucket and its secret (no stored copy of the bucket opens again). */
async function dropDirectoryBucket(tx: Transaction, personId: string): Promise<void> {
  await tx.table('directory').delete(bucketOf(personId));
  await tx.table('directoryKeys').bulkDelete([bucketOf(personId), DIRECTORY_IMAGE_KEY]);
}

type RecordWrite = Exclude<Incoming, { kind: 'audit' }>;

/** A put of a record (not an erasure) joins the bulk puts; false for the writes that go one by one. */
function buffered(puts: Puts, incoming: RecordWrite): boolean {
  if (incoming.kind !== 'put' || incoming.table === 'erasures') return false;
  puts.put(incoming.table, incoming.stored);
  if (incoming.secret) puts.secret(incoming.secret);
  if (incoming.table === 'persons') puts.dropBucket(incoming.key);
  return true;
}

/** A deletion or an erasure, after the puts gathered before it. */
async function write(tx: Transaction, puts: Puts, incoming: RecordWrite): Promise<void> {
  if (!puts.empty) await puts.flush(tx);
  if (incoming.kind === 'put') return erase(tx, incoming.stored);
  await tx.table(incoming.table).delete(incoming.key);
  if (incoming.table === 'persons') {
    // Erased on another device: the key goes (crypto-erasure), a tombstone stays.
    await deleteSecrets(tx, [incoming.key]);
    await tx.table('erasures').put({ personId: incoming.key, at: new Date().toISOString() });
    await dropDirectoryBucket(tx, incoming.key);
  }
}

function pendingKey(table: string, key: unknown): string {
  return docIdOf(table, key);
}

/** Applies a batch; returns the ids of the records it changed (for the keyring and the UI). */
export async function applyBatch(db: ConsentbookDB, batch: Batch): Promise<string[]> {
  const raw = rawConnection(db);
  const applied: string[] = [];
  let appended = new Map<string, number[]>();
  let grouped: readonly string[] = [];
  await raw.transaction('rw', TABLES, async (tx) => {
    const pending = new Set(
      ((await tx.table('outbox').toArray()) as { table: string; key: unknown }[]).map((r) =>
        pendingKey(r.table, r.key),
      ),
    );
    const touched = new Set<string>();
    const purposesWritten: string[] = [];
    const bookWritten: string[] = [];
    const erased = new Set<string>();
    const erasedHere = new Set<string>();
    const puts = new Puts(batch.pulledSecrets);
    const chains: Extract<Incoming, { kind: 'audit' }>[] = [];
    const revs: SyncRev[] = [];
    for (const w of batch.writes) {
      if (w.incoming && w.incoming.kind !== 'audit') {
        if (pending.has(pendingKey(w.incoming.table, w.incoming.key))) continue;
        if (!buffered(puts, w.incoming)) await write(tx, puts, w.incoming);
        for (const id of personsTouched(w.incoming)) touched.add(id);
        if (w.incoming.table === 'purposes') purposesWritten.push(w.incoming.key);
        bookWritten.push(...bookRecordNames(w.incoming.table, w.incoming.key));
        if (w.incoming.kind === 'put' && w.incoming.table === 'erasures') erased.add(w.incoming.key);
        if (isErasure(w.incoming)) erasedHere.add(w.incoming.key);
        applied.push(w.docId);
      } else if (w.incoming) {
        chains.push(w.incoming);
      }
      revs.push({
        docId: w.docId,
        rev: w.rev,
        ...(w.author !== undefined && { author: w.author }),
        ...(w.clock && { clock: w.clock }),
      });
    }
    // Every awaited step does a Dexie operation: Dexie follows its transaction across those awaits only.
    if (!puts.empty) await puts.flush(tx);
    // A purpose or a book setting from another device: this device's tags of them, as now stored (bookTags.ts).
    if (bookWritten.length && db.keyring.unlocked) await retagCore(raw.core, tx.idbtrans, db.keyring, bookWritten);
    // Erased elsewhere: out of this device's kept drafts too (they are sealed under the record key).
    if (erasedHere.size && db.keyring.unlocked) await eraseFromDrafts(raw.core, tx.idbtrans, db.keyring, erasedHere);
    if (chains.length) appended = await appendRemoteEntries(tx, batch.held, chains);
    await noteWrittenOver(tx, chains);
    await tx.table('syncRevs').bulkPut(revs);
    if (batch.writeOver) await writeOver(tx, db.keyring, batch.writeOver, pending, batch.quarantine);
    // A purpose's need of consent decides the consent-gap flag of everyone held for it (as the
    // purposes' rule does for this device's own changes).
    if (batch.flags)
      for (const purposeId of purposesWritten)
        for (const id of await tx.table('persons').where(PERSONS_BY_PURPOSE).equals([1, purposeId]).primaryKeys())
          touched.add(id as string);
    if (touched.size && batch.flags) await refreshStatuses(raw.core, tx.idbtrans, touched);
    // Never a conflict of an erased person — erased in this batch or before (a branch made offline
    // may arrive after the erasure did: its person is gone, there is nothing to choose between).
    const candidates = [...batch.conflicts].filter(([personId]) => !erased.has(personId));
    const erasedBefore = candidates.length
      ? await tx.table('erasures').bulkGet(candidates.map(([personId]) => personId))
      : [];
    const flags = candidates.filter((_, i) => !erasedBefore[i]);
    const left = await conflictsLeft(tx, flags);
    const standing = flags.filter(([, revs]) => revs.length > 1).map(([personId, revs]) => ({ personId, revs }));
    const cleared = flags.filter(([, revs]) => revs.length <= 1).map(([personId]) => personId);
    if (standing.length) await tx.table('conflicts').bulkPut(standing);
    if (cleared.length) await tx.table('conflicts').bulkDelete(cleared);
    if (batch.quarantine.length) await keepRefusals(tx, batch.quarantine);
    // A later version of the author of one held back (a person, a consent, a transaction), applied: that change is in now.
    const appliedHere = new Set(applied);
    await settleHeldBack(
      tx,
      batch.writes.filter(
        (w) => w.incoming?.kind === 'put' && heldBackTable(w.incoming.table) && appliedHere.has(w.docId),
      ),
    );
    // A conflict resolved, here or elsewhere: its versions held back that it took out stay out.
    await dropHeldBack(tx, left);
    await tx.table('settings').put({ key: CHECKPOINT_KEY, value: batch.checkpoint });
    if (batch.waiting)
      await tx.table('settings').put({ key: SYNC_WAITING_KEY, value: Object.fromEntries(batch.waiting) });
    if (batch.resend?.length) await tx.table('outbox').bulkAdd(batch.resend);
    if (batch.clockedDevices)
      await tx.table('settings').put({ key: SYNC_CLOCKED_DEVICES_KEY, value: batch.clockedDevices });
    grouped = puts.grouped;
  });
  for (const [device, seqs] of appended) batch.held.committed(device, seqs);
  for (const id of grouped) batch.pulledSecrets?.add(id);
  return applied;
}
