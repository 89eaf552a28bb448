/**
 * Reading the directory's rows in Web Workers (rowWorker.ts), so that decrypting, parsing and
 * deriving the search words of 100,000 persons, sorting them and indexing their words is no long
 * task of the main thread. One worker per core (up to MAX_WORKERS): each read is split between
 * them, each sorts and indexes what it read, and the directory merges their name orders (one
 * worker did it all and was most of the sign-in's wait). Without workers (Node: the unit tests)
 * the rows are read on the main thread. The workers get only the key secrets of the persons in
 * the buckets they read, and end with the index.
 */
import type { DirectoryEntry } from '../core/derived';
import { entriesOf, type RowsJob } from './bucketRows';
import type { RowWorkerMessage } from './rowWorker';
import { buildSearchIndex, type PackedIndex } from './searchIndex';

const MAX_WORKERS = 4;

export interface RowReader {
  read(jobs: RowsJob[]): Promise<DirectoryEntry[]>;
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
  { entries: DirectoryEntry[] } | { added: true } | { order: Int32Array } | { index: PackedIndex } | { error: string }
);
/** A message without its job number (which ask adds), for each type. */
type Request = {
  [T in RowWorkerMessage['type']]: Omit<Extract<RowWorkerMessage, { type: T }>, 'job'>;
}[RowWorkerMessage['type']];
type Ask = (msg: Request, transfer?: Transferable[]) => Promise<Reply>;

export function rowReader(): RowReader {
  if (typeof Worker === 'undefined')
    return {
      read: (jobs) => Promise.resolve(jobs.flatMap(entriesOf)),
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
    async read(rows) {
      // Each worker a share of the buckets: smaller replies, each one short task to receive.
      const share = Math.ceil(rows.length / asks.length);
      const replies = await Promise.all(
        asks.flatMap((ask, w) => {
          const mine = rows.slice(w * share, (w + 1) * share);
          if (mine.length === 0) return [];
          const transfer = mine.flatMap((r) => [r.content.buffer, r.secrets.buffer, r.known.buffer]);
          return [ask({ type: 'read', jobs: mine }, transfer)];
        }),
      );
      return replies.flatMap((r) => {
        if (!('entries' in r)) return [];
        given.set(r.job, r.entries);
        return r.entries;
      });
    },
    async add(entries) {
      const reply = await asks[0]({
        type: 'add',
        entries: entries.map(({ id, sortName, searchText }) => ({ id, sortName, searchText })),
      });
      given.set(reply.job, entries);
    },
    async order(dropped) {
      const replies = await Promise.all(asks.map((ask) => ask({ type: 'order', dropped })));
      return replies.map((r) => {
        if (!('order' in r)) throw new Error("The directory's row reader gave no order");
        const entries: DirectoryEntry[] = [];
        for (let i = 0; i < r.order.length; i += 2) {
          const entry = given.get(r.order[i])?.[r.order[i + 1]];
          if (!entry) throw new Error("The directory's row reader ordered an entry it was not given");
          entries.push(entry);
        }
        return entries;
      });
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

function workerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_WORKERS, cores));
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
