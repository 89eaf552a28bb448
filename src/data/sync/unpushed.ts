/**
 * This device's changes the server has not acknowledged yet: SyncStatus.pending. The pump hands
 * the outbox to the local replica at once, online or not, so the outbox alone reads 0 while a
 * change made offline waits in the replica. Each document the pump writes is therefore kept here
 * (settings `syncUnpushed`, this device's own) with the replica's sequence after its write, in the
 * transaction that deletes its outbox rows; the push replication's checkpoint — the replica's
 * sequence up to which the server took everything (its 'checkpoint' event) — drops those at or
 * below it. One small record per device and no scan of the replica's changes: a save costs the
 * same at 100,000 persons, and a first push of a whole book counts down as the push goes.
 *
 * The count is of documents (records): a save of a person is one change, its audit entries travel
 * with it. Audit entries alone (an export logged) count as their segments.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import type { OutboxRow } from '../middleware/outbox';
import { SYNC_UNPUSHED_KEY } from '../core/syncSettings';
import { docIdOf, parseDocId } from './docs';

export interface Unpushed {
  /** The push replication's last checkpoint: the replica's sequence the server has everything up to. */
  pushed: number;
  /** Each document written into the replica since, with the replica's sequence after its write. */
  docs: Record<string, number>;
  /**
   * Writes beyond TRACKED_MAX documents (a whole book's first push): [sequence, documents] per pump
   * batch, counted without telling a document written twice apart — the record stays small, not
   * rewritten whole with a hundred thousand ids after every batch.
   */
  beyond?: [number, number][];
}

/** The documents kept one by one; past them the count is per batch (an upper bound). */
export const TRACKED_MAX = 5000;

type Settings = ConsentbookDB['settings'];

const NONE: Unpushed = { pushed: 0, docs: {} };

/** The rows of the outbox read to tell its documents apart (the pump's batch); any beyond count one each. */
const OUTBOX_READ = 500;

/** A replica's sequence as a number (PouchDB's local adapters count; anything else reads as 0). */
export function seqNumber(seq: unknown): number {
  const n = typeof seq === 'number' ? seq : Number(seq);
  return Number.isFinite(n) ? n : 0;
}

/** After the pump wrote `docIds` into the replica, whose sequence is `seq` then. */
export function afterWrite(state: Unpushed, docIds: readonly string[], seq: number): Unpushed {
  // The push's checkpoint passed it already (the push ran between the write and this): acknowledged.
  if (seq <= state.pushed || docIds.length === 0) return state;
  const docs = { ...state.docs };
  let over = 0;
  let tracked = Object.keys(docs).length;
  for (const id of docIds) {
    if (id in docs || tracked < TRACKED_MAX) {
      if (!(id in docs)) tracked++;
      docs[id] = seq;
    } else over++;
  }
  const beyond = over ? [...(state.beyond ?? []), [seq, over] as [number, number]] : state.beyond;
  return { pushed: state.pushed, docs, ...(beyond?.length && { beyond }) };
}

/** After the push replication's checkpoint `seq`: what was written up to it is on the server. */
export function afterPush(state: Unpushed, seq: number): Unpushed {
  if (seq <= state.pushed) return state;
  const docs = Object.fromEntries(Object.entries(state.docs).filter(([, at]) => at > seq));
  const beyond = state.beyond?.filter(([at]) => at > seq);
  return { pushed: seq, docs, ...(beyond?.length && { beyond }) };
}

/**
 * The changes not yet on the server: the distinct documents waiting in the outbox or in the
 * replica; only when no record waits, the audit log's (its outbox rows and segments).
 */
export function pendingChanges(
  state: Unpushed,
  outbox: readonly Pick<OutboxRow, 'table' | 'key'>[],
  beyond = 0,
): number {
  const records = new Set<string>();
  let log = 0;
  for (const [id, at] of Object.entries(state.docs)) {
    if (at <= state.pushed) continue;
    if (parseDocId(id).table === 'auditLog') log++;
    else records.add(id);
  }
  for (const row of outbox) {
    if (row.table === 'auditLog') log++;
    else records.add(docIdOf(row.table, row.key));
  }
  for (const [at, count] of state.beyond ?? []) if (at > state.pushed) beyond += count;
  return records.size + beyond > 0 ? records.size + beyond : log;
}

export async function readUnpushed(settings: Settings): Promise<Unpushed> {
  const stored = (await settings.get(SYNC_UNPUSHED_KEY)) as { value?: Unpushed } | undefined;
  return stored?.value ?? NONE;
}

/** Inside the pump's transaction (settings in its scope): the documents it wrote at replica sequence `seq`. */
export async function recordWritten(settings: Settings, docIds: readonly string[], seq: number): Promise<void> {
  const state = await readUnpushed(settings);
  const next = afterWrite(state, docIds, seq);
  if (next !== state) await settings.put({ key: SYNC_UNPUSHED_KEY, value: next });
}

/** The push replication checkpointed at `seq`. */
export async function recordPushed(db: ConsentbookDB, seq: number): Promise<void> {
  const raw = rawConnection(db);
  await raw.transaction('rw', raw.settings, async () => {
    const state = await readUnpushed(raw.settings);
    const next = afterPush(state, seq);
    if (next !== state) await raw.settings.put({ key: SYNC_UNPUSHED_KEY, value: next });
  });
}

/** SyncStatus.pending: this device's changes the server has not acknowledged (outbox and replica). */
export async function countPending(db: ConsentbookDB): Promise<number> {
  const raw = rawConnection(db);
  return raw.transaction('r', raw.settings, raw.outbox, async () => {
    const [state, total, rows] = await Promise.all([
      readUnpushed(raw.settings),
      raw.outbox.count(),
      raw.outbox.limit(OUTBOX_READ).toArray() as Promise<OutboxRow[]>,
    ]);
    return pendingChanges(state, rows, total - rows.length);
  });
}

/** The replica was dropped: its sequences start again, and nothing it held is waiting. */
export async function forgetUnpushed(db: ConsentbookDB): Promise<void> {
  await rawConnection(db).settings.delete(SYNC_UNPUSHED_KEY);
}
