/**
 * The directory's row reader off the main thread (rowReader.ts): decrypts and parses buckets' rows
 * and derives the entries, and keeps every id and sort name it read, to give the name order at the end.
 */
import { loadCipher } from '../core/crypto/seal';
import { byName, entriesOf, type RowsJob } from './bucketRows';

export type RowWorkerMessage =
  | { type: 'read'; job: number; jobs: RowsJob[] }
  | { type: 'order'; job: number; extra: { id: string; sortName: string }[]; dropped: string[] };

const read: { id: string; sortName: string }[] = [];

self.onmessage = async (event: MessageEvent<RowWorkerMessage>) => {
  const msg = event.data;
  try {
    if (msg.type === 'read') {
      await loadCipher();
      const entries = msg.jobs.flatMap(entriesOf);
      for (const { id, sortName } of entries) read.push({ id, sortName });
      self.postMessage({ job: msg.job, entries });
    } else {
      const dropped = new Set(msg.dropped);
      const ids = [...read.filter((e) => !dropped.has(e.id)), ...msg.extra].sort(byName).map((e) => e.id);
      self.postMessage({ job: msg.job, ids });
    }
  } catch (e) {
    self.postMessage({ job: msg.job, error: String(e instanceof Error ? e.message : e) });
  }
};
