/** Shared by the backup dialogs: the cross-tab lock, the dialogs' work with its progress, downloads. */
import { useRef, useState } from 'react';
import { errorText, useT } from '../i18n';

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
 * A backup dialog's work: one at a time, its progress as a text (`label`, or that another tab's
 * backup or restore is waited for), its error shown; on success `done` gets the result.
 */
export function useBackupWork() {
  const tr = useT();
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const busy = useRef(false);
  async function run<T>(label: string, work: () => Promise<T>, done: (result: T) => void): Promise<void> {
    if (busy.current) return;
    busy.current = true;
    setError(null);
    setProgress(label);
    try {
      const result = await withBackupLock(
        async () => {
          setProgress(label);
          return work();
        },
        () => setProgress(tr('ui.backup.waiting')),
      );
      done(result);
    } catch (err) {
      busy.current = false;
      setProgress(null);
      setError(errorText(tr, err));
    }
  }
  return { error, setError, progress, busy, run };
}

export { downloadBytes } from '../download';
