/** Why consents and transactions of a person cannot be recorded now: a lock (with its reason) or a missing permission. */
import type { StoredPerson } from '../../data/db';
import { useT } from '../i18n';
import { useSession } from '../stores';

export function useRecordBlock(person: StoredPerson): string | null {
  const tr = useT();
  const session = useSession();
  // The lock reason itself is shown once, at the top of the form.
  if (person.lock) return tr('ui.record.lockedNote');
  if (!session.permissions.has('editPersons')) return tr('ui.person.noEditPermission');
  return null;
}
