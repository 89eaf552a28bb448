/** Why consents and transactions of a person cannot be recorded now: a lock (with its reason) or a missing permission. */
import type { StoredPerson } from '../../data/db';
import { useT } from '../i18n';
import { useRights } from '../stores';

/**
 * `withdrawal`: a consent can be withdrawn at any time (Art. 7 Abs. 3 DSGVO), a locked person's too —
 * the data layer allows it (rules/consents.ts); only the permission is needed.
 */
export function useRecordBlock(person: StoredPerson, what: 'record' | 'withdrawal' = 'record'): string | null {
  const tr = useT();
  const rights = useRights();
  // Names the reason: this text is the disabled buttons' description (aria-describedby).
  if (person.lock && what === 'record') return tr('ui.record.lockedNote', { reason: person.lock.reason });
  if (!rights.permissions.has('editPersons')) return tr('ui.person.noEditPermission');
  return null;
}
