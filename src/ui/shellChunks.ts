/**
 * The shell's lazy parts (Shell.tsx) and German's later messages, fetched while the passphrase is
 * checked (AuthScreen): after the click they would be fetched and run beside the first rows.
 */
import { loadLaterMessages } from '../i18n/messages';

export const loadUnsavedChanges = () => import('./UnsavedChangesDialog');
export const loadSyncIndicator = () => import('./sync/SyncIndicator');
/** Keeping drafts when the session ends by itself: in memory before a lock or an update needs it. */
export const loadKeepUnsaved = () => import('./keepUnsaved');
export const loadUpdateTookOver = () => import('./updateTookOver');

export function preloadShell(): void {
  for (const load of [loadUnsavedChanges, loadSyncIndicator, loadKeepUnsaved, loadUpdateTookOver, loadLaterMessages])
    void load().catch(() => undefined);
}
