/**
 * The forms' unsaved changes kept when the idle lock strikes: sealed like every record (never
 * readable while locked), one record per user holding every changed form, taken back or dropped
 * after that user's next sign-in.
 */
import type { ConsentbookDB, FormDraft } from '../db';
import type { Session } from '../core/session';
import { writeWith } from '../write';

export async function keepDrafts(db: ConsentbookDB, session: Session, forms: FormDraft[]): Promise<void> {
  if (forms.length === 0) return;
  await writeWith(db, { session }, [db.drafts], async () => {
    await db.drafts.put({ userId: session.userId, keptAt: new Date().toISOString(), forms });
  });
}

/** The drafts were taken back into their forms, or given up. */
export async function dropDraft(db: ConsentbookDB, session: Session): Promise<void> {
  await writeWith(db, { session }, [db.drafts], async () => {
    await db.drafts.delete(session.userId);
  });
}
