/** Shared by the backup dialogs: the cross-tab lock, the progress of their work, downloads. */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';

const LOCK = 'consentbook-backup';

/**
 * Backup and restore are serialised across tabs (Web Locks). When another tab holds the lock,
 * `onWait` is called first so the user sees why nothing happens yet; aborting `signal` gives up
 * the wait (rejecting with its reason) — the lock is then never taken and `run` never runs.
 */
export async function withBackupLock<T>(run: () => Promise<T>, onWait: () => void, signal?: AbortSignal): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return run();
  const now = await locks.request(LOCK, { ifAvailable: true }, async (lock) => (lock ? { value: await run() } : null));
  if (now) return now.value;
  onWait();
  return locks.request(LOCK, { signal }, run);
}

/**
 * A backup dialog's progress line: `label` while its work runs, or that another tab's backup or
 * restore is waited for; gone again when the work fails (the dialog shows the error and can be
 * used again). After success it stays: the dialog closes, or the session ends.
 * While it waits (`waiting`) the dialog can be closed — another tab's backup may take long —, its
 * Abbrechen (`cancelButton`) gets the focus the disabled submit button lost, and closing gives up the wait.
 */
export function useBackupProgress() {
  const tr = useT();
  const [progress, setProgress] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wait = useRef<AbortController | null>(null);
  useEffect(() => () => wait.current?.abort(), []);
  useEffect(() => {
    if (waiting) cancelButton.current?.focus();
  }, [waiting]);
  async function withProgress<T>(label: string, work: () => Promise<T>): Promise<T> {
    const controller = (wait.current = new AbortController());
    setProgress(label);
    try {
      return await withBackupLock(
        async () => {
          setWaiting(false);
          setProgress(label);
          return work();
        },
        () => {
          setWaiting(true);
          setProgress(tr('ui.backup.waiting'));
        },
        controller.signal,
      );
    } catch (e) {
      setWaiting(false);
      setProgress(null);
      throw e;
    }
  }
  /** Whether the dialog's own work runs now: then it cannot be closed or sent again. */
  const working = progress !== null && !waiting;
  return { progress, working, cancelButton, withProgress };
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
