/**
 * One of the directory's row readers off the main thread (rowReader.ts): given the buckets as
 * stored, then runs of the persons' secrets, opens the buckets, and at each run decrypts and parses
 * that run's persons' rows and derives their entries (bucketLoad.ts); keeps the id, sort name and search words of every entry
 * it read, to give their name order at the end and then the search index of them — built from the
 * words derived here, so no text goes back and forth again.
 */
import { loadCipher } from '../core/crypto/seal';
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { byName } from './bucketRows';
import { HeldRows, packRun, type SecretRun } from './bucketLoad';
import { readSecretRange } from './secretRanges';
import { buildSearchIndex } from './searchIndex';

export type RowWorkerMessage =
  | { type: 'hold'; job: number; recordKey: Uint8Array; buckets: DirectoryBucket[] }
  /** Every bucket is given: runs' rows may be read (a run or range can be asked for before). */
  | { type: 'held'; job: number }
  | { type: 'rows'; job: number; run: SecretRun }
  /** Reads range `range` of `personKeys` itself (secretRanges.ts), then its rows; gives the range packed. */
  | { type: 'range'; job: number; dbName: string; range: number; erased: string[] }
  | { type: 'add'; job: number; entries: Kept[] }
  | { type: 'order'; job: number; dropped: string[] }
  | { type: 'index'; job: number };

type Kept = Pick<DirectoryEntry, 'id' | 'sortName' | 'searchText'>;
/** What was read, each with where the main thread has its entry: the message's job and the place in it. */
let read: (Kept & { job: number; at: number })[] = [];

const keep = (job: number, entries: readonly Kept[]) =>
  entries.forEach(({ id, sortName, searchText }, at) => read.push({ id, sortName, searchText, job, at }));
/** The buckets given, opened; `holding` ends when every bucket given so far is (a run's rows wait for it). */
const held = new HeldRows();
let holding: Promise<unknown> = Promise.resolve();
let allGiven: () => void = () => undefined;
const bucketsGiven = new Promise<void>((resolve) => (allGiven = resolve));
/** Once every bucket is given and opened. */
const allHeld = () => bucketsGiven.then(() => holding);

self.onmessage = async (event: MessageEvent<RowWorkerMessage>) => {
  const msg = event.data;
  try {
    if (msg.type === 'hold') {
      const opened = (holding = holding.then(async () => {
        await loadCipher();
        return held.hold(msg.recordKey, msg.buckets);
      }));
      self.postMessage({ job: msg.job, held: await opened });
    } else if (msg.type === 'held') {
      allGiven();
      self.postMessage({ job: msg.job, added: true });
    } else if (msg.type === 'rows') {
      await allHeld();
      const entries = held.read(msg.run);
      keep(msg.job, entries);
      self.postMessage({ job: msg.job, rows: entries });
    } else if (msg.type === 'range') {
      // Read while the buckets are still being given and opened.
      const run = packRun(await readSecretRange(msg.dbName, msg.range), new Set(msg.erased));
      await allHeld();
      const entries = held.read(run);
      keep(msg.job, entries);
      self.postMessage({ job: msg.job, rows: entries, run }, { transfer: [run.secrets.buffer] });
    } else if (msg.type === 'add') {
      // Entries read elsewhere (the first screen's, on the main thread) belong in the order and index too.
      keep(msg.job, msg.entries);
      self.postMessage({ job: msg.job, added: true });
    } else if (msg.type === 'order') {
      // Persons changed since the snapshot are left out here: the directory holds their current entries.
      const dropped = new Set(msg.dropped);
      read = read.filter((e) => !dropped.has(e.id)).sort(byName);
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
