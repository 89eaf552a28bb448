/**
 * One of the directory's row readers off the main thread (rowReader.ts): given reads of stored
 * buckets with their secrets, opens them, decrypts and parses their rows (bucketLoad.ts) and gives
 * them packed (packedRows.ts: one moved buffer, not an object per person to clone); keeps the id,
 * sort name and search words of every row it read, to give their name order at the end and then
 * the search index of them — built from the words derived here, so no text goes back and forth again.
 */
import { loadCipher } from '../core/crypto/seal';
import { byName, mergeRuns, mergeTwo } from './bucketRows';
import { readKeyedBuckets, type KeyedBucket } from './bucketLoad';
import type { KeptRow, PackedRows } from './packedRows';
import { buildSearchIndex } from './searchIndex';

export type RowWorkerMessage =
  | { type: 'read'; job: number; recordKey: Uint8Array; buckets: KeyedBucket[] }
  | { type: 'add'; job: number; entries: Pick<Read, 'id' | 'sortName' | 'searchText'>[] }
  | { type: 'order'; job: number; dropped: string[] }
  | { type: 'index'; job: number };

/** The buffers of packed rows, moved to the main thread, not copied. */
const movable = ({ json, rowAt, nameAt, search }: PackedRows) => [
  json.buffer,
  rowAt.buffer,
  nameAt.buffer,
  ...(search ? [search.at.buffer] : []),
];
/** An entry read, with where the main thread has it: the message's job and the place in it. */
type Read = KeptRow;
/**
 * What was read, in runs each in name order: a message's entries are sorted as they come (after
 * its reply is posted) and merged with the run before while that is not longer — a binary
 * counter's carries, so the runs left are few and of falling length. The order at the end merges
 * only those: sorting everything then was the last long task before the directory was complete.
 */
let runs: Read[][] = [];
/** Every run merged, in name order (the index's slots), once the order is given. */
let read: Read[] = [];

/** A message's entries (sorted in place: the array is the worker's own) into the runs. */
function keep(entries: Read[]): void {
  let run = entries.sort(byName);
  while (runs.length > 0 && runs[runs.length - 1].length <= run.length) run = mergeTwo(runs.pop() as Read[], run);
  runs.push(run);
}

self.onmessage = async (event: MessageEvent<RowWorkerMessage>) => {
  const msg = event.data;
  try {
    if (msg.type === 'read') {
      await loadCipher();
      const { held, packed, kept } = await readKeyedBuckets(msg.recordKey, msg.buckets, msg.job);
      self.postMessage({ job: msg.job, held, rows: packed }, { transfer: movable(packed) });
      keep(kept);
    } else if (msg.type === 'add') {
      // Entries read elsewhere (the first screen's, on the main thread) belong in the order and index too.
      self.postMessage({ job: msg.job, added: true });
      keep(msg.entries.map(({ id, sortName, searchText }, at) => ({ id, sortName, searchText, job: msg.job, at })));
    } else if (msg.type === 'order') {
      // Persons changed since the snapshot are left out here: the directory holds their current entries.
      const dropped = new Set(msg.dropped);
      read = mergeRuns(dropped.size ? runs.map((run) => run.filter((e) => !dropped.has(e.id))) : runs);
      runs = [];
      // As (job, place) pairs, not ids: the main thread takes its entries without a lookup by id.
      const order = new Int32Array(2 * read.length);
      read.forEach((e, i) => {
        order[2 * i] = e.job;
        order[2 * i + 1] = e.at;
      });
      self.postMessage({ job: msg.job, order }, { transfer: [order.buffer] });
    } else {
      // Slot i is the i-th id of the order given before.
      const index = buildSearchIndex(read.map((e) => e.searchText));
      read = [];
      self.postMessage(
        { job: msg.job, index },
        { transfer: [index.wordAt.buffer, index.postingAt.buffer, index.postings.buffer] },
      );
    }
  } catch (e) {
    self.postMessage({ job: msg.job, error: String(e instanceof Error ? e.message : e) });
  }
};
