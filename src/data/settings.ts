/** Settings commands and reads (Datenschutzcenter). */
import { DEFAULT_PRIVACY_SETTINGS, EMPTY_CONTROLLER, type Controller, type PrivacySettings } from '../domain/settings';
import type { ConsentbookDB } from './db';
import type { Session } from './core/session';
import { writeWith } from './write';

export async function readPrivacySettings(db: ConsentbookDB): Promise<PrivacySettings> {
  const rec = await db.settings.get('privacy');
  return { ...DEFAULT_PRIVACY_SETTINGS, ...((rec?.value as Partial<PrivacySettings>) ?? {}) };
}

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

export async function readController(db: ConsentbookDB): Promise<Controller> {
  const rec = await db.settings.get('controller');
  return { ...EMPTY_CONTROLLER, ...((rec?.value as Partial<Controller>) ?? {}) };
}

export async function updateController(db: ConsentbookDB, session: Session, controller: Controller): Promise<void> {
  await writeWith(db, { session }, [db.settings], async () => {
    await db.settings.put({ key: 'controller', value: controller });
  });
}
