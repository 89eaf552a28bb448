/** Completing the Art. 30 register (notes) and logging its issue. */
import { EMPTY_REGISTER_NOTES, REGISTER_NOTES_KEY, type RegisterNotes } from '../../domain/overview';
import type { ConsentbookDB } from '../db';
import { RuleError } from '../core/errors';
import { requirePermission, type Session } from '../core/session';
import { writeWith } from '../write';
import { logEvent } from './audit';
import { readControllerForDocument } from '../queries/settings';

const MAX_NOTE = 2000;

/**
 * Stores the user's completion of the register (descriptions, transfers, further measures). Needs
 * 'changePrivacySettings'; logged by the settings rule (the keys of the fields that changed).
 */
export async function saveRegisterNotes(db: ConsentbookDB, session: Session, notes: RegisterNotes): Promise<void> {
  requirePermission(session, 'changePrivacySettings');
  const texts = [
    notes.additionalMeasures,
    ...Object.values(notes.activities).flatMap((a) => [a.description ?? '', a.transfers ?? '']),
  ];
  if (texts.some((text) => text.length > MAX_NOTE))
    throw new RuleError(
      'error.registerNoteTooLong',
      `A note of the register is too long (at most ${MAX_NOTE} characters)`,
      { max: MAX_NOTE },
    );
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
