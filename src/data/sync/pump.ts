/**
 * The pump: hands this device's outbox to the local replica (PouchDB), which replicates it to the
 * server. Each record is read as stored at the time of pumping (several changes of one record
 * become one revision). Outbox rows are deleted only after the replica accepted their documents,
 * in one transaction with the revisions written; a stop in between sends the same bytes again,
 * which is recognised by their hash and not written twice.
 *
 * A record changed here while another device's version was applied since (the replica's winner
 * is not the revision this device's copy descends from) is written as a branch of its own
 * (new_edits: false): CouchDB keeps both, picks the same winner everywhere, and the conflict shows.
 * Each record's document carries its version clock: the clock of the version this device holds
 * (syncRevs), its own count one up (domain/versionClock.ts).
 */
import type { Doc } from 'pouchdb-core';
import type { ChainedEntry } from '../../domain/auditChain';
import { rawConnection, type ConsentbookDB } from '../db';
import type { OutboxRow } from '../middleware/outbox';
import {
  auditDocId,
  docIdOf,
  isAuthentic,
  SEGMENT_ENTRIES,
  toDoc,
  toSegmentDoc,
  type StoredDoc,
  type SyncDoc,
} from './docs';
import type { Keyring } from '../core/crypto/keyring';
import type { Pouch } from './pouch';
import { forgetInReplica } from './erasure';
import { entriesAt } from '../core/auditEntries';
import { readSecrets } from '../core/personSecrets';
import type { SyncRev } from '../core/records';
import { clockOr, mergedClock, nextClock, type VersionClock } from '../../domain/versionClock';
import { SYNC_CLOCK_COUNT_KEY } from '../core/syncSettings';
import { recordWritten, seqNumber } from './unpushed';

const BATCH = 500;

interface Pending {
  docId: string;
  row: OutboxRow;
  resolves: string[];
  /** A segment of this device's audit chain: its entries, read already. */
  entries?: ChainedEntry[];
}

function randomRevHash(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A revision descending from `base` rather than from the current winner. */
function branchOf(doc: SyncDoc, base: string): StoredDoc {
  const [gen, hash] = base.split('-');
  const start = Number(gen) + 1;
  const id = randomRevHash();
  return { ...doc, _rev: `${start}-${id}`, _revisions: { start, ids: [id, hash] } };
}

/** Who writes: this device, and the server account it writes with. */
export interface Writer {
  device: string;
  account: string;
}

async function docsOf(
  db: ConsentbookDB,
  writer: Writer,
  pending: Pending[],
  clocks: readonly (VersionClock | undefined)[],
): Promise<SyncDoc[]> {
  const raw = rawConnection(db);
  const byTable = new Map<string, [Pending, number][]>();
  const docs: SyncDoc[] = [];
  for (const [i, p] of pending.entries()) {
    if (p.entries)
      docs[i] = toSegmentDoc(
        db.keyring,
        { id: p.docId, table: p.row.table, author: p.row.author, ...writer },
        p.entries,
      );
    else byTable.set(p.row.table, [...(byTable.get(p.row.table) ?? []), [p, i]]);
  }
  for (const [table, items] of byTable) {
    const keys = items.map(([p]) => p.row.key);
    const [stored, secrets] = await Promise.all([
      raw.table(table).bulkGet(keys) as Promise<(Record<string, unknown> | undefined)[]>,
      table === 'persons' ? readSecrets(raw, keys as string[]) : Promise.resolve([]),
    ]);
    items.forEach(([p, at], i) => {
      const record = stored[i];
      const env = { id: p.docId, table, author: p.row.author, ...writer, clock: clocks[at] };
      docs[at] = toDoc(db.keyring, env, record, record ? secrets[i]?.secret : undefined);
    });
  }
  return docs;
}

/** The same bytes by the same author (a record sent again in another's name is a new version). */
function sameContent(a: SyncDoc | undefined, b: SyncDoc): boolean {
  return (
    !!a &&
    a.bodyHash === b.bodyHash &&
    a.author === b.author &&
    !!a.deleted === !!b.deleted &&
    (a.key ?? '') === (b.key ?? '')
  );
}

function throwOnErrors(results: { error?: unknown; reason?: string; id?: string }[]): void {
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`The local replica refused ${failed.id ?? 'a document'}: ${failed.reason ?? 'error'}`);
}

/**
 * This device's audit entries of a batch as segments: runs of consecutive entries, up to
 * SEGMENT_ENTRIES each. A run starting where a segment in the replica starts ends where that one
 * ends, so a pump repeated after a stop writes the same segments again (recognised by their hash)
 * and never a second, longer version of one. An entry no longer stored is not sent.
 */
async function segmentsOf(db: ConsentbookDB, local: Pouch, device: string, rows: OutboxRow[]): Promise<Pending[]> {
  if (rows.length === 0) return [];
  const stored = await entriesAt<ChainedEntry>(
    rawConnection(db),
    rows.map((r) => Number(r.key)),
  );
  const present = rows.flatMap((row, i) => (stored[i] ? [{ row, entry: stored[i] }] : []));
  const segments: Pending[] = [];
  for (let start = 0; start < present.length;) {
    let end = start + 1;
    while (
      end < present.length &&
      end - start < SEGMENT_ENTRIES &&
      present[end].entry.seq === present[end - 1].entry.seq + 1
    )
      end++;
    const docId = auditDocId(device, present[start].entry.seq);
    const sent = (await local.get(docId).catch(() => undefined)) as SyncDoc | undefined;
    // A segment written before segments existed holds one entry.
    const last = sent ? (typeof sent.plain.last === 'number' ? sent.plain.last : present[start].entry.seq) : Infinity;
    while (end - 1 > start && present[end - 1].entry.seq > last) end--;
    const run = present.slice(start, end);
    segments.push({ docId, row: run[run.length - 1].row, resolves: [], entries: run.map((r) => r.entry) });
    start = end;
  }
  return segments;
}

/**
 * Each record's new version clock: over what this device knows — the version it holds, and where
 * the new version is written over the replica's winner (or resolves a conflict), that winner's and
 * the resolved versions' clocks too: it descends from them; a branch (this device's copy descends
 * from another revision) knows only its own — its own entry is the next of this device's counts
 * (`own`, taken before the replica is written). So its count never repeats for other contents,
 * which the other devices would take for an older version — not even after a stop between the
 * replica taking a version and its revision being kept here.
 */
async function clocksOf(
  keyring: Keyring,
  local: Pouch,
  own: () => number,
  device: string,
  pending: readonly Pending[],
  held: readonly (SyncRev | undefined)[],
  replica: readonly { value?: { rev: string }; doc?: unknown }[],
): Promise<(VersionClock | undefined)[]> {
  return Promise.all(
    pending.map(async (p, i) => {
      if (p.entries) return undefined;
      const winner = replica[i].value?.rev;
      const base = held[i]?.rev;
      let known = held[i]?.clock;
      if (!winner || !base || base === winner || p.resolves.length) {
        known = mergedClock(known, authenticClock(keyring, replica[i].doc as SyncDoc | undefined));
        for (const rev of p.resolves) {
          const resolved = (await local.get(p.docId, { rev }).catch(() => undefined)) as SyncDoc | undefined;
          known = mergedClock(known, authenticClock(keyring, resolved));
        }
      }
      return nextClock(known, device, own());
    }),
  );
}

/**
 * A replica's version's clock where a member made it (its MAC): one the server made up — counts far
 * ahead, in any device's name — is not descended from, or every device would take this device's
 * next versions for newer than their own later ones forever (feed.ts refuses such a document).
 */
function authenticClock(keyring: Keyring, doc: SyncDoc | undefined): VersionClock | undefined {
  return doc && isAuthentic(keyring, doc) ? clockOr(doc.clock) : undefined;
}

/** Takes `n` of this device's version counts (kept before any is used: a stop leaves a gap, never a repeat). */
async function takeCounts(db: ConsentbookDB, n: number): Promise<() => number> {
  const raw = rawConnection(db);
  const first = await raw.transaction('rw', raw.settings, async () => {
    const last = ((await raw.settings.get(SYNC_CLOCK_COUNT_KEY))?.value as number | undefined) ?? 0;
    await raw.settings.put({ key: SYNC_CLOCK_COUNT_KEY, value: last + n });
    return last + 1;
  });
  let next = first;
  return () => next++;
}

/** Pushes one batch of the outbox; returns how many rows it took (0: the outbox is empty) and the persons it erased. */
async function pumpBatch(db: ConsentbookDB, local: Pouch, writer: Writer): Promise<{ rows: number; erased: string[] }> {
  const raw = rawConnection(db);
  const rows = await raw.outbox.orderBy('seq').limit(BATCH).toArray();
  if (rows.length === 0) return { rows: 0, erased: [] };
  const byDoc = new Map<string, Pending>();
  for (const row of rows) {
    if (row.table === 'auditLog') continue;
    const docId = docIdOf(row.table, row.key);
    const resolves = [...(byDoc.get(docId)?.resolves ?? []), ...(row.resolves ?? [])];
    byDoc.delete(docId);
    byDoc.set(docId, { docId, row, resolves });
  }
  const audit = rows.filter((r) => r.table === 'auditLog').sort((a, b) => Number(a.key) - Number(b.key));
  const pending = [...byDoc.values(), ...(await segmentsOf(db, local, writer.device, audit))];
  const ids = pending.map((p) => p.docId);
  const [bases, existing] = await Promise.all([
    raw.syncRevs.bulkGet(ids),
    local.allDocs({ keys: ids, include_docs: true }),
  ]);
  const own = await takeCounts(db, pending.filter((p) => !p.entries).length);
  const clocks = await clocksOf(db.keyring, local, own, writer.device, pending, bases, existing.rows);
  const docs = await docsOf(db, writer, pending, clocks);
  const normal: Doc[] = [];
  const branches: StoredDoc[] = [];
  /** Each document's revision now, who wrote it, and its clock as known here. */
  const kept = new Map<string, { rev: string; author: string; clock?: VersionClock }>();
  pending.forEach((p, i) => {
    const doc = docs[i];
    const row = existing.rows[i];
    const winner = row.value?.rev;
    const current = row.value?.deleted ? undefined : (row.doc as SyncDoc | undefined);
    const base = bases[i]?.rev;
    if (winner && sameContent(current, doc) && p.resolves.length === 0) {
      // Sent before (a stop before its row went) or the same bytes by the same author: that version stays.
      const theirs = clockOr(current?.clock);
      const clock = theirs && mergedClock(bases[i]?.clock, theirs);
      kept.set(p.docId, { rev: winner, author: doc.author, ...(clock && { clock }) });
    } else if (!winner || !base || base === winner || p.resolves.length) {
      normal.push(winner ? { ...doc, _rev: winner } : doc);
      for (const loser of p.resolves) normal.push({ _id: p.docId, _rev: loser, _deleted: true });
    } else {
      branches.push(branchOf(doc, base));
    }
  });
  const written = await local.bulkDocs(normal);
  // A losing revision another device deleted already is gone: not an error.
  throwOnErrors(written.filter((_r, i) => !normal[i]._deleted));
  if (branches.length) throwOnErrors(await local.bulkDocs(branches, { new_edits: false }));
  const sent = new Map(docs.map((d) => [d._id, d] as const));
  for (const [i, r] of written.entries())
    if (!normal[i]._deleted && r.id && r.rev) {
      const doc = sent.get(r.id);
      kept.set(r.id, { rev: r.rev, author: doc?.author ?? '', ...(doc?.clock && { clock: doc.clock }) });
    }
  for (const b of branches) kept.set(b._id, { rev: b._rev, author: b.author, ...(b.clock && { clock: b.clock }) });
  const erased = rows.filter((r) => r.table === 'erasures').map((r) => String(r.key));
  await forgetInReplica(local, erased);
  // Written, not yet on the server: the count moves from the outbox to the replica's (unpushed.ts).
  const replicaSeq = seqNumber((await local.info()).update_seq);
  const lastSeq = rows[rows.length - 1].seq ?? 0;
  await raw.transaction('rw', raw.outbox, raw.syncRevs, raw.settings, async () => {
    await raw.syncRevs.bulkPut([...kept].map(([docId, row]) => ({ docId, ...row })));
    await recordWritten(raw.settings, [...kept.keys()], replicaSeq);
    await raw.outbox.where('seq').belowOrEqual(lastSeq).delete();
  });
  return { rows: rows.length, erased };
}

/** Pushes the whole outbox; returns the persons whose erasure it sent. */
export async function pump(db: ConsentbookDB, local: Pouch, writer: Writer): Promise<string[]> {
  const erased: string[] = [];
  for (let batch = await pumpBatch(db, local, writer); batch.rows > 0; batch = await pumpBatch(db, local, writer))
    erased.push(...batch.erased);
  return erased;
}
