/** Shared by the backup dialogs, the reminder and the audit check: the last backup, the cross-tab lock, downloads. */
import type { ChainHead } from '../../domain/auditChain';
import type { ConsentbookDB } from '../../data/db';

export interface LastBackup {
  at: string;
  by: string;
  auditHead: ChainHead | null;
}

/** The settings record 'lastBackup' (written by createBackup); null when no backup was made. */
export async function readLastBackup(db: ConsentbookDB): Promise<LastBackup | null> {
  const value = (await db.settings.get('lastBackup'))?.value as Partial<LastBackup> | undefined;
  if (!value || typeof value.at !== 'string' || Number.isNaN(Date.parse(value.at))) return null;
  return { at: value.at, by: String(value.by ?? ''), auditHead: value.auditHead ?? null };
}

const LOCK = 'consentbook-backup';

/**
 * Backup and restore are serialised across tabs (Web Locks). When another tab holds the lock,
 * `onWait` is called first so the user sees why nothing happens yet.
 */
export async function withBackupLock<T>(run: () => Promise<T>, onWait: () => void): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return run();
  const now = await locks.request(LOCK, { ifAvailable: true }, async (lock) => (lock ? { value: await run() } : null));
  if (now) return now.value;
  onWait();
  return locks.request(LOCK, run);
}

export { downloadBytes } from '../download';
