/**
 * Reading the directory's rows in Web Workers (rowWorker.ts), so that opening the buckets,
 * decrypting, parsing and deriving the search words of 100,000 persons, sorting them and indexing
 * their words is no long task of the main thread. One worker per core (up to MAX_WORKERS): each
 * read is split between them, each sorts and indexes what it read, and the directory merges their
 * name orders. The main thread reads the buckets as stored and gives each worker a share of
 * them (by bucket number); then every person's secret from `personKeys`, in runs packed for the
 * workers (bucketLoad.ts) — not through the keyring, bucket by bucket —, each run split by the
 * worker holding the persons' buckets, which reads the rows of its part while the next run is read. Without workers (Node: the unit tests) the rows are read on the main thread
 * with the keyring's secrets, with the same result. The workers end with the index.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { nextTask } from '../core/nextTask';
import { entriesOf } from './bucketRows';
import { holderOf, packRuns, type BucketsHeld, type BucketsRead, type SecretRun } from './bucketLoad';
import { SECRET_RANGES, secretRange } from './secretRanges';
import type { Keyring } from '../core/crypto/keyring';
import { openBuckets } from './buckets';
import type { RowWorkerMessage } from './rowWorker';
import { rowsJobs } from './rowsJobs';
import { unpackRows, type PackedRows } from './packedRows';
import { buildSearchIndex, type PackedIndex } from './searchIndex';

const MAX_WORKERS = 4;

export interface RowReader {
  /**
   * Reads the rows of these buckets as stored (each read of them a promise), giving the entries
   * of each part read to `got`; their earliest write, whether all were current. Only the rows of
   * persons whose secret is stored and who have no tombstone are read.
   */
  read(stored: readonly Promise<DirectoryBucket[]>[], got: (entries: DirectoryEntry[]) => void): Promise<BucketsHeld>;
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
  | { held: BucketsHeld }
  | { rows: PackedRows; runs?: SecretRun[] }
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

/** Buckets read on this thread (no workers), with the keyring's secrets. */
async function readHere(db: ConsentbookDB, buckets: DirectoryBucket[]): Promise<BucketsRead> {
  const opened = await openBuckets(db.keyring.recordKey(), buckets);
  const current = opened.flatMap(({ content, header }) => (header ? [{ content, header }] : []));
  if (current.length < opened.length) return { entries: [], savedAt: '9999', current: false };
  let savedAt = '9999';
  for (const { header } of current) if (header.savedAt < savedAt) savedAt = header.savedAt;
  const jobs = await rowsJobs(db, current);
  return { entries: jobs.flatMap((job, b) => entriesOf(job, current[b].header)), savedAt, current: true };
}

/**
 * Every stored secret but the erased persons', packed per worker (bucketLoad.ts packRuns; run w
 * to `give(run, w)`, of `workers`), read once per
 * unlock as every reader's load of all (bulkRead.ts): the first build reads them — one getAll per
 * first character of the id (ids are UUIDs: 16 ranges of about 6,000), RANGES_AT_ONCE under way
 * (run after run waited for each answer; all 16 at once held IndexedDB for whatever opened the
 * database next, a page opened after this one closed) — and keeps them in the keyring, so the
 * readers after it (the export, a save's audit text, the next build) read none again.
 */
export async function forEachSecretRun(
  db: ConsentbookDB,
  give: (run: SecretRun, worker: number) => void,
  workers = 1,
): Promise<void> {
  const keyring = db.keyring;
  const erasures = rawConnection(db).erasures.toCollection().primaryKeys();
  if (keyring.allPersonsLoaded) {
    // A tombstone wins over a secret still held: an erased person's row is never read.
    const erased = new Set<string>(await erasures);
    const records = keyring.personSecretRecords();
    // A run at a time, the page getting a task between them: packing 100,000 in one was a long task.
    for (let i = 0; i < records.length; i += HELD_RUN) {
      packRuns(records.slice(i, i + HELD_RUN), erased, workers).forEach(give);
      await nextTask();
    }
    return;
  }
  const unlock = keyring.requireDataKey();
  const keys = rawConnection(db).personKeys;
  // The same ranges the row workers read themselves (secretRanges.ts).
  const ranges = Array.from({ length: SECRET_RANGES }, (_, i) => secretRange(i));
  const start = (i: number) => {
    const { lower, upper } = ranges[i];
    const where = keys.where(':id');
    const read = (
      lower !== undefined && upper !== undefined
        ? where.between(lower, upper, true, false)
        : lower !== undefined
          ? where.aboveOrEqual(lower)
          : upper !== undefined
            ? where.below(upper)
            : keys.toCollection()
    ).toArray();
    read.catch(() => undefined);
    return read;
  };
  const reads = ranges.slice(0, RANGES_AT_ONCE).map((_, i) => start(i));
  const erased = new Set<string>(await erasures);
  for (let i = 0; i < ranges.length; i++) {
    const records = await reads[i];
    if (i + RANGES_AT_ONCE < ranges.length) reads.push(start(i + RANGES_AT_ONCE));
    // Signed out (or in anew) meanwhile: nothing comes into another unlock's keyring.
    const current = keyring.unlocked && keyring.requireDataKey() === unlock;
    if (current) for (const record of records) if (!keyring.hasPerson(record.personId)) keyring.addPerson(record);
    packRuns(records, erased, workers).forEach(give);
  }
  if (keyring.unlocked && keyring.requireDataKey() === unlock) keyring.allPersonsLoaded = true;
}

/** A worker's run of secrets into the keyring (every reader after the first build takes them from there). */
function keepRun(keyring: Keyring, { ids, secrets }: SecretRun): void {
  (ids ? ids.split('\n') : []).forEach((personId, i) => {
    if (!keyring.hasPerson(personId)) keyring.addPerson({ personId, secret: secrets.subarray(32 * i, 32 * i + 32) });
  });
}

/** Ranges of personKeys read at once by the first build (forEachSecretRun, the row workers). */
const RANGES_AT_ONCE = 4;
/** Secrets per run when they are packed from the keyring. */
const HELD_RUN = 6_000;
/** Places of a worker's name order taken per task. */
const ORDER_RUN = 10_000;

export function rowReader(db: ConsentbookDB): RowReader {
  if (typeof Worker === 'undefined')
    return {
      async read(stored, got) {
        const held: BucketsHeld = { savedAt: '9999', current: true };
        for (const buckets of stored) {
          const read = await readHere(db, await buckets);
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
      // Each worker holds a share of the buckets (each opened once); each run is split between them.
      const holds = stored.map((read) =>
        read.then((buckets) => {
          // By bucket number (holderOf): a person's secret goes to the one worker holding their row.
          return asks.flatMap((ask, w) => {
            const mine = buckets.filter((b) => holderOf(b.bucket, asks.length) === w);
            if (mine.length === 0) return [];
            const reply = ask(
              { type: 'hold', recordKey, buckets: mine },
              mine.map((b) => b.sealed.buffer),
            );
            // Awaited once every run is given.
            reply.catch(() => undefined);
            return [reply];
          });
        }),
      );
      // Then each worker is told every bucket is given: it reads runs' rows (asked for meanwhile) once all are opened.
      const posted = Promise.all(holds).then((replies) => {
        for (const ask of asks) ask({ type: 'held' }).catch(() => undefined);
        return replies;
      });
      posted.catch(() => undefined);
      const rows: Promise<void>[] = [];
      /** Asks a worker for rows (its rows' entries to `got`). */
      const give = (ask: Ask, msg: Request, transfer: Transferable[] = []) => {
        const read = ask(msg, transfer).then((reply) => {
          if (!('rows' in reply)) throw new Error("The directory's row reader gave no rows");
          const entries = unpackRows(reply.rows);
          given.set(reply.job, entries);
          got(entries);
          return reply;
        });
        read.catch(() => undefined);
        rows.push(read.then(() => undefined));
        return read;
      };
      const keyring = db.keyring;
      if (stored.length === 0) {
        // The first buckets held every row.
      } else if (keyring.allPersonsLoaded) {
        // Each worker the secrets of the rows it holds, packed for it alone.
        await forEachSecretRun(
          db,
          (run, w) => void give(asks[w], { type: 'rows', run }, [run.secrets.buffer]),
          asks.length,
        );
      } else {
        // A first build: each range of personKeys read by a worker itself (not cloned into this
        // thread's objects), given back packed per worker for the keyring and the other workers.
        const unlock = keyring.requireDataKey();
        const erased = await rawConnection(db).erasures.toCollection().primaryKeys();
        let next = 0;
        const lane = async () => {
          while (next < SECRET_RANGES) {
            const range = next++;
            const w = range % asks.length;
            const reply = await give(asks[w], {
              type: 'range',
              dbName: db.name,
              range,
              erased,
              worker: w,
              workers: asks.length,
            });
            if (!('runs' in reply) || !reply.runs) throw new Error("The directory's row reader gave no secrets");
            const runs = reply.runs;
            // A copy (the keyring keeps views of these secrets).
            asks.forEach((ask, other) => {
              if (other !== w) void give(ask, { type: 'rows', run: runs[other] });
            });
            // Signed out (or in anew) meanwhile: nothing comes into another unlock's keyring.
            if (keyring.unlocked && keyring.requireDataKey() === unlock) for (const run of runs) keepRun(keyring, run);
          }
        };
        await Promise.all(Array.from({ length: RANGES_AT_ONCE }, lane));
        if (keyring.unlocked && keyring.requireDataKey() === unlock) keyring.allPersonsLoaded = true;
      }
      const held: BucketsHeld = { savedAt: '9999', current: true };
      for (const reply of await Promise.all((await posted).flat())) {
        if (!('held' in reply)) throw new Error("The directory's row reader held no buckets");
        if (reply.held.savedAt < held.savedAt) held.savedAt = reply.held.savedAt;
        if (!reply.held.current) held.current = false;
      }
      await Promise.all(rows);
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
