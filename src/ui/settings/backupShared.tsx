/** Shared by the backup dialogs: the cross-tab lock, downloads. */
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
