/**
 * Writing signed checkpoints of every audit chain this device holds (domain/chainCheckpoint.ts):
 * at the first sync cycle of a session when the last one is older than an hour, and after each
 * "Protokoll prüfen". The record and its outbox row are written in one transaction; the checkpoint
 * replicates like every record and is never changed (the server's rules, rules.ts).
 */
import { signCheckpoint, type ChainCheckpoint } from '../../domain/chainCheckpoint';
import { rawConnection, type ConsentbookDB } from '../db';
import { SYNC_CONFIG_KEY } from '../middleware/outbox';
import { readChainHeads } from '../queries/auditIntegrity';
import { deviceId } from './state';

const INTERVAL_MS = 60 * 60 * 1000;

/** Writes a checkpoint of every chain held here, for `author` (the signed-in user); none for a book that does not sync. */
export async function writeChainCheckpoint(db: ConsentbookDB, author: string): Promise<ChainCheckpoint | undefined> {
  const raw = rawConnection(db);
  if (!(await raw.settings.get(SYNC_CONFIG_KEY))) return undefined;
  const device = await deviceId(db);
  const heads = await readChainHeads(db, device);
  const checkpoint = signCheckpoint(
    { id: crypto.randomUUID(), device, at: new Date().toISOString(), heads },
    db.keyring.auditKey(),
  );
  await raw.transaction('rw', raw.chainCheckpoints, raw.outbox, async () => {
    await raw.chainCheckpoints.add(checkpoint);
    await raw.outbox.add({ table: 'chainCheckpoints', key: checkpoint.id, author });
  });
  return checkpoint;
}

/** The periodic checkpoint: written when this device wrote none within the interval. */
export async function checkpointIfDue(db: ConsentbookDB, author: string, now = Date.now()): Promise<void> {
  const device = await deviceId(db);
  const own = await rawConnection(db).chainCheckpoints.where('device').equals(device).toArray();
  const last = own.reduce((at, cp) => (cp.at > at ? cp.at : at), '');
  if (!last || now - Date.parse(last) >= INTERVAL_MS) await writeChainCheckpoint(db, author);
}
