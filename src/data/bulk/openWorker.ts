/** A worker of the open pool (openPool.ts): keys once, then jobs of sealed rows to open. */
import { RowOpener, type OpenKeys, type SealedRow } from './openRows';

export type OpenWorkerMessage =
  | { type: 'keys'; keys: OpenKeys }
  | { type: 'open'; job: number; table: string; primaryKey: string; rows: SealedRow[] };

let opener: RowOpener | undefined;

self.onmessage = async (event: MessageEvent<OpenWorkerMessage>) => {
  const msg = event.data;
  if (msg.type === 'keys') {
    opener = new RowOpener(msg.keys);
    return;
  }
  if (!opener) throw new Error('The open worker got rows before keys');
  self.postMessage({ job: msg.job, ...(await opener.open(msg.table, msg.primaryKey, msg.rows)) });
};
