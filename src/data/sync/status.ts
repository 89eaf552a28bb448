/** The sync status of each open book, for the UI to read and subscribe to (set by the engine). */
import type { ConsentbookDB } from '../db';
import type { SyncStatus } from './types';

const IDLE: SyncStatus = { state: 'synced', pending: 0, conflicts: 0 };
const listeners = new WeakMap<ConsentbookDB, Set<(s: SyncStatus) => void>>();
const current = new WeakMap<ConsentbookDB, SyncStatus>();

/** The last known status (synchronous, for a first render). */
export function getSyncStatus(db: ConsentbookDB): SyncStatus {
  return current.get(db) ?? IDLE;
}

/** Calls `cb` with every new status; returns the unsubscribe function. */
export function subscribeSyncStatus(db: ConsentbookDB, cb: (status: SyncStatus) => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(cb);
  return () => set.delete(cb);
}

/** Only for the engine: publishes a new status to every subscriber. */
export function publishSyncStatus(db: ConsentbookDB, status: SyncStatus): void {
  current.set(db, status);
  for (const cb of listeners.get(db) ?? []) cb(status);
}
