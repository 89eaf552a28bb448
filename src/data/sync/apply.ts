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
import { rawConnection, type ConsentbookDB } from '../db';
import { bucketOf } from '../core/derived';
import { refreshStatuses } from '../core/personStatus';
import type { QuarantineRecord } from '../core/records';
import type { Incoming } from './check';
import { docIdOf } from './docs';
import { CHECKPOINT_KEY } from './state';
import { REPLICATED_TABLES } from '../middleware/outbox';

/** A remote chain's entries sit between two of this device's (fractions of a step: never a local seq). */
const REMOTE_STEP = 2 ** -20;

export interface BatchWrite {
  docId: string;
  rev: string;
  incoming?: Incoming;
}

export interface Batch {
  writes: BatchWrite[];
  quarantine: QuarantineRecord[];
  /** Conflict flags: revisions standing per person (none: cleared). */
  conflicts: Map<string, string[]>;
  checkpoint: number | string;
}

/** Every table a batch writes: the replicated records and this device's own sync state. */
const TABLES = [
  ...REPLICATED_TABLES,
  'personKeys',
  'personStatus',
  'directory',
  'outbox',
  'quarantine',
  'syncRevs',
  'conflicts',
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

async function appendRemoteEntry(tx: Transaction, device: string, originSeq: number, entry: ChainedEntry) {
  const origin = `${device}/${originSeq}`;
  const log = tx.table('auditLog');
  if ((await log.where('origin').equals(origin).count()) > 0) return;
  const [last, head] = await Promise.all([
    log.orderBy('seq').last() as Promise<ChainedEntry | undefined>,
    tx.table('settings').get(AUDIT_HEAD_KEY) as Promise<{ value: ChainHead } | undefined>,
  ]);
  const after = Math.max(last?.seq ?? 0, head?.value.lastSeq ?? 0);
  await log.add({ ...entry, seq: after + REMOTE_STEP, origin });
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
  await tx.table('personKeys').delete(personId);
  await tx.table('erasures').put(erasure);
  await tx.table('directory').delete(bucketOf(personId));
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

async function write(tx: Transaction, incoming: Incoming): Promise<void> {
  if (incoming.kind === 'audit') return appendRemoteEntry(tx, incoming.device, incoming.originSeq, incoming.entry);
  if (incoming.kind === 'put' && incoming.table === 'erasures') return erase(tx, incoming.stored);
  const table = tx.table(incoming.table);
  if (incoming.kind === 'put') {
    await table.put(incoming.stored);
    if (incoming.secret) await tx.table('personKeys').put(incoming.secret);
  } else {
    await table.delete(incoming.key);
    if (incoming.table === 'persons') {
      // Erased on another device: the key goes (crypto-erasure), a tombstone stays.
      await tx.table('personKeys').delete(incoming.key);
      await tx.table('erasures').put({ personId: incoming.key, at: new Date().toISOString() });
    }
  }
  // The directory re-reads this bucket at the next sign-in (no stale copy of a name is kept).
  if (incoming.table === 'persons') await tx.table('directory').delete(bucketOf(incoming.key));
}

function pendingKey(table: string, key: unknown): string {
  return docIdOf(table, key);
}

/** Applies a batch; returns the ids of the records it changed (for the keyring and the UI). */
export async function applyBatch(db: ConsentbookDB, batch: Batch): Promise<string[]> {
  const raw = rawConnection(db);
  const applied: string[] = [];
  await raw.transaction('rw', TABLES, async (tx) => {
    const pending = new Set(
      ((await tx.table('outbox').toArray()) as { table: string; key: unknown }[]).map((r) =>
        pendingKey(r.table, r.key),
      ),
    );
    const touched = new Set<string>();
    const erased = new Set<string>();
    for (const w of batch.writes) {
      if (w.incoming && w.incoming.kind !== 'audit') {
        if (pending.has(pendingKey(w.incoming.table, w.incoming.key))) continue;
        await write(tx, w.incoming);
        for (const id of personsTouched(w.incoming)) touched.add(id);
        if (w.incoming.kind === 'put' && w.incoming.table === 'erasures') erased.add(w.incoming.key);
        applied.push(w.docId);
      } else if (w.incoming) {
        await write(tx, w.incoming);
      }
      await tx.table('syncRevs').put({ docId: w.docId, rev: w.rev });
    }
    if (touched.size) await refreshStatuses(raw.core, tx.idbtrans, touched);
    for (const [personId, revs] of batch.conflicts) {
      if (erased.has(personId)) continue;
      if (revs.length > 1) await tx.table('conflicts').put({ personId, revs });
      else await tx.table('conflicts').delete(personId);
    }
    if (batch.quarantine.length) await tx.table('quarantine').bulkPut(batch.quarantine);
    await tx.table('settings').put({ key: CHECKPOINT_KEY, value: batch.checkpoint });
  });
  return applied;
}
