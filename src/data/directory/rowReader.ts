/**
 * Reading the directory's rows in a Web Worker (rowWorker.ts), so that decrypting, parsing and
 * deriving the search words of 100,000 persons, and sorting them, is no long task of the main
 * thread. Without workers (Node: the unit tests) the same functions run on the main thread. The
 * worker gets only the key secrets of the persons in the buckets it reads, and ends with the read.
 */
import type { DirectoryEntry } from '../core/derived';
import { entriesOf, type RowsJob } from './bucketRows';
import type { RowWorkerMessage } from './rowWorker';

export interface RowReader {
  read(jobs: RowsJob[]): Promise<DirectoryEntry[]>;
  /**
   * The ids of every entry read, without `dropped`, with `extra`, in name order; null when the
   * rows were read on the main thread (the caller sorts).
   */
  order(extra: Pick<DirectoryEntry, 'id' | 'sortName'>[], dropped: string[]): Promise<string[] | null>;
  close(): void;
}

type Reply = { job: number } & ({ entries: DirectoryEntry[] } | { ids: string[] } | { error: string });

export function rowReader(): RowReader {
  if (typeof Worker === 'undefined')
    return {
      read: (jobs) => Promise.resolve(jobs.flatMap(entriesOf)),
      order: () => Promise.resolve(null),
      close: () => undefined,
    };
  const worker = new Worker(new URL('./rowWorker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>();
  let jobs = 0;
  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.onmessage = (e: MessageEvent<Reply>) => {
    const p = pending.get(e.data.job);
    pending.delete(e.data.job);
    if ('error' in e.data) p?.reject(new Error(`The directory's row reader failed: ${e.data.error}`));
    else p?.resolve(e.data);
  };
  worker.onerror = (e) => fail(new Error(`The directory's row reader failed: ${e.message}`));
  const ask = (msg: Omit<RowWorkerMessage, 'job'>, transfer: Transferable[] = []) =>
    new Promise<Reply>((resolve, reject) => {
      const job = ++jobs;
      pending.set(job, { resolve, reject });
      worker.postMessage({ ...msg, job }, transfer);
    });
  return {
    async read(rows) {
      const transfer = rows.flatMap((r) => [r.content.buffer, r.secrets.buffer, r.known.buffer]);
      const reply = await ask({ type: 'read', jobs: rows } as Omit<RowWorkerMessage, 'job'>, transfer);
      return 'entries' in reply ? reply.entries : [];
    },
    async order(extra, dropped) {
      const reply = await ask({
        type: 'order',
        extra: extra.map(({ id, sortName }) => ({ id, sortName })),
        dropped,
      } as Omit<RowWorkerMessage, 'job'>);
      return 'ids' in reply ? reply.ids : null;
    },
    close() {
      worker.terminate();
      fail(new Error('The directory was reset while reading'));
    },
  };
}
