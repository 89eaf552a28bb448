/**
 * A worker of the open pool (openPool.ts): keys once, then jobs of sealed rows to open, or of an
 * export page's share to read, open and format.
 */
import { RowOpener, type OpenKeys, type PortabilityJob, type SealedRow } from './openRows';
import { openBookDatabase, personsIn } from './storedPersons';

export type OpenWorkerMessage =
  | { type: 'keys'; keys: OpenKeys; database: string }
  | { type: 'open'; job: number; table: string; primaryKey: string; rows: SealedRow[] }
  | { type: 'portability'; job: number; share: PortabilityJob };

let opener: RowOpener | undefined;
/** Opened at the first export share, kept until the pool ends this worker. */
let book: Promise<IDBDatabase> | undefined;

self.onmessage = async (event: MessageEvent<OpenWorkerMessage>) => {
  const msg = event.data;
  if (msg.type === 'keys') {
    const database = msg.database;
    opener = new RowOpener(
      msg.keys,
      personsIn(() => (book ??= openBookDatabase(database))),
    );
    return;
  }
  if (!opener) throw new Error('The open worker got rows before keys');
  if (msg.type === 'portability') {
    // A read that fails (the book deleted meanwhile) is answered, not left to reject here: the
    // page would wait for this job for good.
    const reply = await opener
      .portability(msg.share)
      .catch((e: unknown) => ({ error: String(e instanceof Error ? e.message : e) }));
    // The text as a Blob made here: the page's thread gets a handle and puts it into the file,
    // copying nothing (a Blob of the page's bytes made there took ~0.5 s of an export).
    self.postMessage({
      job: msg.job,
      ...('bytes' in reply ? { blob: new Blob([reply.bytes]), persons: reply.persons } : reply),
    });
    return;
  }
  self.postMessage({ job: msg.job, ...(await opener.open(msg.table, msg.primaryKey, msg.rows)) });
};
