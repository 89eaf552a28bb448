/** Changing the settings (Datenschutzcenter, controller). */
import { CONSENT_ATTRIBUTE_MAX_LENGTH, type Controller, type PrivacySettings } from '../../domain/settings';
import { RuleError } from '../core/errors';
import type { ConsentbookDB } from '../db';
import type { Session } from '../core/session';
import { readPrivacySettings } from '../queries/settings';
import { writeWith } from '../write';

export async function updatePrivacySettings(
  db: ConsentbookDB,
  session: Session,
  changes: Partial<PrivacySettings>,
  comment = '',
): Promise<PrivacySettings> {
  if ((changes.consentAttributeName?.trim().length ?? 0) > CONSENT_ATTRIBUTE_MAX_LENGTH)
    throw new RuleError('error.consentAttributeName', 'The consent attribute name is too long', {
      max: CONSENT_ATTRIBUTE_MAX_LENGTH,
    });
  return writeWith(db, { session, reason: { purposeId: '', comment } }, [db.settings], async () => {
    const next = { ...(await readPrivacySettings(db)), ...changes };
    await db.settings.put({ key: 'privacy', value: next });
    return next;
  });
}

export async function updateController(db: ConsentbookDB, session: Session, controller: Controller): Promise<void> {
  await writeWith(db, { session }, [db.settings], async () => {
    await db.settings.put({ key: 'controller', value: controller });
  });
}
