/** Why consents and transactions of a person cannot be recorded now: a lock (with its reason) or a missing permission. */
import type { StoredPerson } from '../../data/db';
import { useT } from '../i18n';
import { useSession } from '../stores';

export function useRecordBlock(person: StoredPerson): string | null {
  const tr = useT();
  const session = useSession();
  // Names the reason: this text is the disabled buttons' description (aria-describedby).
  if (person.lock) return tr('ui.record.lockedNote', { reason: person.lock.reason });
  if (!session.permissions.has('editPersons')) return tr('ui.person.noEditPermission');
  return null;
}
