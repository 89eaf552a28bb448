/** A worker of the open pool (openPool.ts): keys once, then jobs of sealed rows to open, or of new persons' texts to seal. */
import { RowOpener, sealJobs, type OpenKeys, type SealedRow, type SealJob } from './openRows';

export type OpenWorkerMessage =
  | { type: 'keys'; keys: OpenKeys }
  | { type: 'open'; job: number; table: string; primaryKey: string; rows: SealedRow[] }
  | { type: 'seal'; job: number; jobs: SealJob[] };

let opener: RowOpener | undefined;
let dataKey: Uint8Array | undefined;

self.onmessage = async (event: MessageEvent<OpenWorkerMessage>) => {
  const msg = event.data;
  if (msg.type === 'keys') {
    opener = new RowOpener(msg.keys);
    dataKey = msg.keys.dataKey;
    return;
  }
  if (!opener || !dataKey) throw new Error('The open worker got rows before keys');
  if (msg.type === 'seal') {
    self.postMessage({ job: msg.job, sealed: await sealJobs(dataKey, msg.jobs) });
    return;
  }
  self.postMessage({ job: msg.job, ...(await opener.open(msg.table, msg.primaryKey, msg.rows)) });
};
