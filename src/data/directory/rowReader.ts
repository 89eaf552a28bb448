/**
 * Reading the directory's rows in Web Workers (rowWorker.ts), so that opening the buckets,
 * decrypting, parsing and deriving the search words of 100,000 persons, sorting them and indexing
 * their words is no long task of the main thread. One worker per core but one (workerCount, up to
 * MAX_WORKERS): each read of stored buckets is split between them by bucket number, each bucket
 * with its secret, so a worker reads its rows as soon as they come; each sorts and indexes what it
 * read, and the directory merges their name orders. Without workers (Node: the unit tests) the
 * rows are read on the main thread, with the same result. The workers end with the index.
 */
import type { ConsentbookDB } from '../db';
import type { DirectoryEntry } from '../core/derived';
import { forEachInTurns, nextTask } from '../core/nextTask';
import { entriesOf } from './bucketRows';
import { holderOf, type BucketsHeld, type KeyedBucket } from './bucketLoad';
import { openBuckets } from './buckets';
import type { RowWorkerMessage } from './rowWorker';
import { unpackRows, type PackedRows } from './packedRows';
import { buildSearchIndex, type PackedIndex } from './searchIndex';

const MAX_WORKERS = 4;

export interface RowReader {
  /**
   * Reads the rows of these buckets as stored, each with its secret (each read of them a
   * promise), giving the entries of each part read to `got`; their earliest write, whether all
   * were current.
   */
  read(stored: readonly Promise<KeyedBucket[]>[], got: (entries: DirectoryEntry[]) => void): Promise<BucketsHeld>;
  /** Entries read elsewhere, to be ordered and indexed with the rest. */
  add(entries: readonly DirectoryEntry[]): Promise<void>;
  /**
   * Per worker, the entries it read or was given (the very objects read and add gave), without
   * `dropped`, in name order; null when the rows were read on the main thread (the caller sorts).
   */
  order(dropped: string[]): Promise<DirectoryEntry[][] | null>;
  /** Per worker (as order gave them), the search index of its ordered entries; then the workers end. */
  index(): Promise<PackedIndex[] | null>;
  close(): void;
}

type Reply = { job: number } & (
  | { held: BucketsHeld; rows: PackedRows }
  | { added: true }
  | { order: Int32Array }
  | { index: PackedIndex }
  | { error: string }
);
/** A message without its job number (which ask adds), for each type. */
type Request = {
  [T in RowWorkerMessage['type']]: Omit<Extract<RowWorkerMessage, { type: T }>, 'job'>;
}[RowWorkerMessage['type']];
type Ask = (msg: Request, transfer?: Transferable[]) => Promise<Reply>;

/** Buckets read on this thread (no workers). */
async function readHere(
  recordKey: Uint8Array,
  buckets: KeyedBucket[],
): Promise<BucketsHeld & { entries: DirectoryEntry[] }> {
  const read: BucketsHeld & { entries: DirectoryEntry[] } = { entries: [], savedAt: '9999', current: true };
  const opened = await openBuckets(recordKey, buckets);
  opened.forEach(({ content, header }, i) => {
    if (!header) return void (read.current = false);
    const entries = entriesOf(content, header, buckets[i].secret);
    if (entries.length === 0) return;
    read.entries.push(...entries);
    if (header.savedAt < read.savedAt) read.savedAt = header.savedAt;
  });
  return read;
}

/** Places of a worker's name order taken per task. */
const ORDER_RUN = 10_000;

export function rowReader(db: ConsentbookDB): RowReader {
  if (typeof Worker === 'undefined')
    return {
      async read(stored, got) {
        const held: BucketsHeld = { savedAt: '9999', current: true };
        for (const buckets of stored) {
          const read = await readHere(db.keyring.recordKey(), await buckets);
          got(read.entries);
          if (read.savedAt < held.savedAt) held.savedAt = read.savedAt;
          if (!read.current) held.current = false;
        }
        return held;
      },
      add: () => Promise.resolve(),
      order: () => Promise.resolve(null),
      index: () => Promise.resolve(null),
      close: () => undefined,
    };
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  let jobs = 0;
  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  const asks: Ask[] = Array.from({ length: workerCount() }, () => {
    const worker = new Worker(new URL('./rowWorker.ts', import.meta.url), { type: 'module' });
    workers.push(worker);
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.job);
      pending.delete(e.data.job);
      if ('error' in e.data) p?.reject(new Error(`The directory's row reader failed: ${e.data.error}`));
      else p?.resolve(e.data);
    };
    worker.onerror = (e) => fail(new Error(`The directory's row reader failed: ${e.message}`));
    return (msg, transfer = []) =>
      new Promise<Reply>((resolve, reject) => {
        const job = ++jobs;
        pending.set(job, { resolve, reject });
        worker.postMessage({ ...msg, job }, transfer);
      });
  });
  /** The entries of each read and add, by job: a worker's order names them by job and place. */
  const given = new Map<number, readonly DirectoryEntry[]>();
  const close = () => {
    for (const w of workers) w.terminate();
    fail(new Error('The directory was reset while reading'));
  };
  return {
    async read(stored, got) {
      const recordKey = db.keyring.recordKey();
      // Each read split between the workers by bucket number; each part's rows come back as soon as read.
      const parts = stored.map((read) =>
        read.then((buckets) =>
          Promise.all(
            asks.flatMap((ask, w) => {
              const mine = buckets.filter((b) => holderOf(b.bucket, asks.length) === w);
              if (mine.length === 0) return [];
              return [
                ask(
                  { type: 'read', recordKey, buckets: mine },
                  mine.map((b) => b.sealed.buffer),
                ).then((reply) => {
                  if (!('rows' in reply)) throw new Error("The directory's row reader gave no rows");
                  const entries = unpackRows(reply.rows);
                  given.set(reply.job, entries);
                  got(entries);
                  return reply.held;
                }),
              ];
            }),
          ),
        ),
      );
      const held: BucketsHeld = { savedAt: '9999', current: true };
      for (const part of (await Promise.all(parts)).flat()) {
        if (part.savedAt < held.savedAt) held.savedAt = part.savedAt;
        if (!part.current) held.current = false;
      }
      return held;
    },
    async add(entries) {
      const reply = await asks[0]({
        type: 'add',
        entries: entries.map(({ id, sortName, searchText }) => ({ id, sortName, searchText })),
      });
      given.set(reply.job, entries);
    },
    order(dropped) {
      // Each worker's order taken as it comes, a run at a time: both at once, 100,000 places in
      // one go, were one of the longest tasks of a build.
      return Promise.all(
        asks.map(async (ask) => {
          const r = await ask({ type: 'order', dropped });
          if (!('order' in r)) throw new Error("The directory's row reader gave no order");
          const entries: DirectoryEntry[] = [];
          for (let i = 0; i < r.order.length; i += 2) {
            if (i > 0 && i % (2 * ORDER_RUN) === 0) await nextTask();
            const entry = given.get(r.order[i])?.[r.order[i + 1]];
            if (!entry) throw new Error("The directory's row reader ordered an entry it was not given");
            entries.push(entry);
          }
          return entries;
        }),
      );
    },
    async index() {
      try {
        const replies = await Promise.all(asks.map((ask) => ask({ type: 'index' })));
        return replies.map((r) => {
          if (!('index' in r)) throw new Error("The directory's row reader gave no index");
          return r.index;
        });
      } finally {
        close();
      }
    },
    close,
  };
}

/**
 * One core is left to the main thread and to IndexedDB (the browser process), which a build keeps
 * busy too: on 2 cores, two row workers took about a fifth more CPU than one (each compiles and
 * collects on its own, and they ran slower side by side) and built the list no sooner (2,750 against
 * 2,650 ms, the median of 8 builds each after a fresh sign-in, in turns).
 */
function workerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_WORKERS, cores - 1));
}

/** The search index of these texts (slot i: texts[i]), built in a worker (on this thread without workers). */
export function indexTexts(texts: string[]): Promise<PackedIndex> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => buildSearchIndex(texts));
  const worker = new Worker(new URL('./indexWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<PackedIndex>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ index: PackedIndex } | { error: string }>) =>
      'index' in e.data ? resolve(e.data.index) : reject(new Error(`The search index failed: ${e.data.error}`));
    worker.onerror = (e) => reject(new Error(`The search index failed: ${e.message}`));
    worker.postMessage({ texts });
  }).finally(() => worker.terminate());
}

/**
 * Search texts read per task for an index of entries: an entry from the directory image derives
 * its own from its row (~5 µs), 100,000 at once would be a long task.
 */
const SEARCH_TEXTS_PER_TASK = 5_000;

/** The search index of these entries (slot i: entries[i]), their search texts read a turn at a time. */
export async function indexEntries(entries: readonly DirectoryEntry[]): Promise<PackedIndex> {
  const texts: string[] = [];
  await forEachInTurns(entries.length, SEARCH_TEXTS_PER_TASK, (i) => texts.push(entries[i].searchText));
  return indexTexts(texts);
}
