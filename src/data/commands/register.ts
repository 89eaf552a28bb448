/** Completing the Art. 30 register (notes) and logging its issue. */
import { EMPTY_REGISTER_NOTES, REGISTER_NOTES_KEY, type RegisterNotes } from '../../domain/registerNotes';
import type { ConsentbookDB } from '../db';
import { requirePermission, type Session } from '../core/session';
import { writeWith } from '../write';
import { logEvent } from './audit';
import { readControllerForDocument } from '../queries/settings';

/**
 * Stores the user's completion of the register (descriptions, transfers, further measures). Needs
 * 'changePrivacySettings'; logged by the settings rule (the keys of the fields that changed).
 */
export async function saveRegisterNotes(db: ConsentbookDB, session: Session, notes: RegisterNotes): Promise<void> {
  requirePermission(session, 'changePrivacySettings');
  const value: RegisterNotes = { ...EMPTY_REGISTER_NOTES, ...notes };
  await writeWith(db, { session }, [db.settings], async () => {
    await db.settings.put({ key: REGISTER_NOTES_KEY, value });
  });
}

/** Logs that the register was issued, as PDF or JSON. */
export async function recordRegisterIssued(db: ConsentbookDB, session: Session, format: 'pdf' | 'json'): Promise<void> {
  requirePermission(session, 'issueReports');
  await readControllerForDocument(db);
  await logEvent(db, session, 'other', '', `register:${format}`);
}
