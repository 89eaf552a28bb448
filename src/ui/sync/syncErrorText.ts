/** The sync status's error as the UI shows it (the indicator and Einstellungen → Synchronisation). */
import type { SyncStatus } from '../../data/sync';
import type { Translate } from '../i18n';

/** The link's error in the UI's language where the engine knows its cause, else in the server's own words. */
export function syncErrorText(tr: Translate, status: Pick<SyncStatus, 'error' | 'errorKey'>): string | undefined {
  return status.errorKey ? tr(status.errorKey) : status.error;
}
