/**
 * The sync API the UI calls (issue 19). PouchDB and the engine load on first use (dynamic import),
 * so the start bundle does not carry them.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { SYNC_CONFIG_KEY } from '../middleware/outbox';
import { RuleError } from '../core/errors';
import type { ChangeReason } from '../core/context';
import type { Session } from '../core/session';
import type { Person } from '../../domain/person';
import type { ConflictSummary, ConflictVersion, PullProgress, QuarantineEntry, SyncConfig } from './types';

export type * from './types';

const engine = () => import('./engine');

/**
 * Connects the book to a server: checks the address, the account and the database (a clear error
 * naming the problem: `SyncConnectionError`), then stores the settings sealed under the book's key.
 * Administrators only. Starts nothing: call startSync.
 */
export async function configureSync(db: ConsentbookDB, session: Session, config: SyncConfig): Promise<void> {
  return (await engine()).configureSync(db, session, config);
}

/** The stored settings (signed in), without the password; undefined when the book is not connected. */
export async function readSyncConfig(db: ConsentbookDB): Promise<Omit<SyncConfig, 'password'> | undefined> {
  return (await engine()).readSyncConfig(db);
}

/** Live replication with retry, for the signed-in session; a no-op when not configured. */
export async function startSync(db: ConsentbookDB, session: Session): Promise<void> {
  return (await engine()).startSync(db, session);
}

export async function stopSync(db: ConsentbookDB): Promise<void> {
  return (await engine()).stopSync(db);
}

/** Deletes this device's replica of the server's database; only while the sync is stopped. */
export async function dropReplica(db: ConsentbookDB): Promise<void> {
  return (await engine()).dropReplica(db);
}

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
export async function pullBook(
  db: ConsentbookDB,
  config: SyncConfig,
  dataKey: Uint8Array,
  onProgress?: (p: PullProgress) => void,
): Promise<{ persons: number }> {
  return (await engine()).pullBook(db, config, dataKey, onProgress);
}

/** The book's data key, for an administrator writing an invitation (it is sealed there by the caller). */
export function exportBookKey(db: ConsentbookDB, session: Session): Uint8Array {
  if (!session.isAdmin) throw new RuleError('error.syncInviteAdminOnly', 'Only an administrator can invite a device');
  return db.keyring.requireDataKey().slice();
}

export async function listConflicts(db: ConsentbookDB): Promise<ConflictSummary[]> {
  return (await engine()).listConflicts(db);
}

export async function conflictVersions(db: ConsentbookDB, personId: string): Promise<ConflictVersion[]> {
  return (await engine()).conflictVersions(db, personId);
}

/**
 * Writes the merged person and deletes the losing revisions, with one audit entry. It is a change
 * of personal data: purpose and comment are required (ReasonRequiredError otherwise).
 */
export async function resolveConflict(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  merged: Person,
  reason: ChangeReason,
): Promise<void> {
  return (await engine()).resolveConflict(db, session, personId, merged, reason);
}

/** Pumps and applies what is pending now, and waits for it (after a resolution; tests). */
export async function syncNow(db: ConsentbookDB): Promise<void> {
  return (await engine()).syncNow(db);
}

export async function listQuarantine(db: ConsentbookDB): Promise<QuarantineEntry[]> {
  return (await engine()).listQuarantine(db);
}
