/** Changing the settings (Datenschutzcenter, controller); the settings rule checks the values (privacyProblem). */
import type { Controller, PrivacySettings } from '../../domain/settings';
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
