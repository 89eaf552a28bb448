/** Shared by the backup dialogs: the cross-tab lock, the progress of their work, downloads. */
import { useState } from 'react';
import { useT } from '../i18n';

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

/**
 * A backup dialog's progress line: `label` while its work runs, or that another tab's backup or
 * restore is waited for; gone again when the work fails (the dialog shows the error and can be
 * used again). After success it stays: the dialog closes, or the session ends.
 */
export function useBackupProgress() {
  const tr = useT();
  const [progress, setProgress] = useState<string | null>(null);
  async function withProgress<T>(label: string, work: () => Promise<T>): Promise<T> {
    setProgress(label);
    try {
      return await withBackupLock(
        async () => {
          setProgress(label);
          return work();
        },
        () => setProgress(tr('ui.backup.waiting')),
      );
    } catch (e) {
      setProgress(null);
      throw e;
    }
  }
  return { progress, withProgress };
}

export function BackupProgress({ progress }: { progress: string | null }) {
  if (progress === null) return null;
  return (
    <div role="status" className="progress-status">
      <progress aria-label={progress} />
      <span>{progress}</span>
    </div>
  );
}

export { downloadBytes } from '../download';
