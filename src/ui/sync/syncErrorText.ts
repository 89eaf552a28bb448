/** The sync status's error as the UI shows it (the indicator and Einstellungen → Synchronisation). */
import type { SyncStatus } from '../../data/sync';
import type { Translate } from '../i18n';

/**
 * The server refuses this device's account (401): its access ended — the member was removed from
 * the team and their account ended, or the account's password was changed.
 */
export function accessEnded(status: Pick<SyncStatus, 'state' | 'errorKey'>): boolean {
  return status.state === 'error' && status.errorKey === 'error.sync.accountRefused';
}

/** The link's error in the UI's language where the engine knows its cause, else in the server's own words. */
export function syncErrorText(tr: Translate, status: Pick<SyncStatus, 'error' | 'errorKey'>): string | undefined {
  return status.errorKey ? tr(status.errorKey) : status.error;
}
