/**
 * A form's unsaved changes kept when the idle lock strikes: sealed like every record (never
 * readable while locked), one per user, taken back or dropped after that user's next sign-in.
 */
import type { Person } from '../../domain/person';
import type { ConsentbookDB } from '../db';
import type { Session } from '../core/session';
import { writeWith } from '../write';

export async function keepDraft(
  db: ConsentbookDB,
  session: Session,
  draft: { personId: string | null; person: Person },
): Promise<void> {
  await writeWith(db, { session }, [db.drafts], async () => {
    await db.drafts.put({ userId: session.userId, keptAt: new Date().toISOString(), ...draft });
  });
}

/** The draft was taken back into its form, or given up. */
export async function dropDraft(db: ConsentbookDB, session: Session): Promise<void> {
  await writeWith(db, { session }, [db.drafts], async () => {
    await db.drafts.delete(session.userId);
  });
}
