/**
 * The sync API the UI calls (issue 19). PouchDB and the engine load on first use (dynamic import),
 * so the start bundle does not carry them; each function here is the engine's own, loaded on its
 * first call (its signature is the engine's, not a copy).
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { SYNC_CONFIG_KEY } from '../middleware/outbox';
import { RuleError } from '../core/errors';
import { bookKeyBundle } from '../team/bookKeys';
import type { Session } from '../core/session';
import type * as Engine from './engine';

export type * from './types';

const engine = () => import('./engine');

type Fn = (...args: never[]) => Promise<unknown>;
type EngineFunction = { [K in keyof typeof Engine]: (typeof Engine)[K] extends Fn ? K : never }[keyof typeof Engine];

/** The engine's function `name`, loading the engine when first called. */
function lazy<K extends EngineFunction>(name: K): (typeof Engine)[K] {
  const call = async (...args: unknown[]) => ((await engine())[name] as (...a: unknown[]) => unknown)(...args);
  return call as (typeof Engine)[K];
}

/**
 * Connects the book to a server: checks the address, the account and the database (a clear error
 * naming the problem: `SyncConnectionError`), then stores the settings sealed under the book's key.
 * Administrators only. Starts nothing: call startSync.
 */
export const configureSync = lazy('configureSync');

/** The stored settings (signed in), without the password; undefined when the book is not connected. */
export const readSyncConfig = lazy('readSyncConfig');

/** Live replication with retry, for the signed-in session; a no-op when not configured. */
export const startSync = lazy('startSync');

export const stopSync = lazy('stopSync');

/** Deletes this device's replica of the server's database; only while the sync is stopped. */
export const dropReplica = lazy('dropReplica');

export { getSyncStatus, subscribeSyncStatus } from './status';

/**
 * Signs and records what this device holds of every device's audit chain (a checkpoint the other
 * devices check their copies against); a no-op for a book that does not sync.
 */
export async function recordChainCheckpoint(db: ConsentbookDB, session: Session): Promise<void> {
  // A book that does not sync loads no sync code for it.
  if (!(await rawConnection(db).settings.get(SYNC_CONFIG_KEY))) return;
  return (await engine()).recordChainCheckpoint(db, session);
}

/**
 * A fresh device joining: pulls the whole book into an empty database, opened with the data key
 * from the invitation, then stores the config. Its users sign in afterwards with their own
 * passphrases (their records come with the book).
 */
export const pullBook = lazy('pullBook');

/** Deletes a join's leftovers — replica and database — on a device that held no book before it. */
export const discardPull = lazy('discardPull');

/**
 * The book's keys — data key and every key epoch (team/bookKeys.ts) — for an administrator writing
 * an invitation (they are sealed there by the caller).
 */
export function exportBookKey(db: ConsentbookDB, session: Session): Uint8Array {
  if (!session.isAdmin) throw new RuleError('error.syncInviteAdminOnly', 'Only an administrator can invite a device');
  return bookKeyBundle(db.keyring);
}

export const listConflicts = lazy('listConflicts');

export const conflictVersions = lazy('conflictVersions');

/**
 * Writes the merged person and deletes the losing revisions, with one audit entry. It is a change
 * of personal data: purpose and comment are required (ReasonRequiredError otherwise).
 */
export const resolveConflict = lazy('resolveConflict');

/** Pumps and applies what is pending now, and waits for it (after a resolution; tests). */
export const syncNow = lazy('syncNow');

/** The documents set aside, waiting for what has not arrived (their author's record, their person). */
export const listWaiting = lazy('listWaiting');
