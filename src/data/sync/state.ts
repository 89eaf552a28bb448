/**
 * This device's sync state in the settings (never replicated): its device id, the applier's
 * checkpoint in the replica's changes feed, the documents it set aside, and the connection settings,
 * sealed under the record key.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { SYNC_CHECKPOINT_KEY, SYNC_CONFIG_KEY, SYNC_DEVICE_KEY, SYNC_WAITING_KEY } from '../middleware/outbox';
import { sealForTransport, openFromTransport } from './docs';
import { fromBase64, toBase64 } from '../core/crypto/passphrase';
import type { SetAside, SyncConfig } from './types';

export const CHECKPOINT_KEY = SYNC_CHECKPOINT_KEY;
export const DEVICE_KEY = SYNC_DEVICE_KEY;

export async function readSetting<T>(db: ConsentbookDB, key: string): Promise<T | undefined> {
  return (await rawConnection(db).settings.get(key))?.value as T | undefined;
}

export async function writeSetting(db: ConsentbookDB, key: string, value: unknown): Promise<void> {
  await rawConnection(db).settings.put({ key, value });
}

/** This device's id (random): names its audit chain and the documents it writes. */
export async function deviceId(db: ConsentbookDB): Promise<string> {
  const known = await readSetting<string>(db, DEVICE_KEY);
  if (known) return known;
  const id = crypto.randomUUID();
  await writeSetting(db, DEVICE_KEY, id);
  return id;
}

/**
 * The stored value for a config: the server's address plain (the processing register names it
 * without keys, queries/settings.ts readSyncServer), the rest — account and password — sealed
 * under the record key.
 */
export interface StoredSyncConfig {
  server: string;
  sealed: string;
}

export function sealConfig(db: ConsentbookDB, config: SyncConfig): StoredSyncConfig {
  return {
    server: config.serverUrl,
    sealed: toBase64(sealForTransport(db.keyring, `settings:${SYNC_CONFIG_KEY}`, config)),
  };
}

export async function readConfig(db: ConsentbookDB): Promise<SyncConfig | undefined> {
  const stored = await readSetting<StoredSyncConfig>(db, SYNC_CONFIG_KEY);
  if (!stored) return undefined;
  return openFromTransport(db.keyring, `settings:${SYNC_CONFIG_KEY}`, fromBase64(stored.sealed)) as SyncConfig;
}

/** The documents the applier set aside (feed.ts), as stored; entries kept before held the revision only. */
export async function readSetAside(db: ConsentbookDB): Promise<Map<string, SetAside>> {
  const stored = (await readSetting<Record<string, string | SetAside>>(db, SYNC_WAITING_KEY)) ?? {};
  return new Map(
    Object.entries(stored).map(([docId, v]) => [docId, typeof v === 'string' ? { rev: v, awaits: '', since: '' } : v]),
  );
}
