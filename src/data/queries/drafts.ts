/** The signed-in user's kept draft (see commands/drafts.ts); another user's is never read. */
import type { ConsentbookDB, KeptDraft } from '../db';
import type { Session } from '../core/session';

export async function readKeptDraft(db: ConsentbookDB, session: Session): Promise<KeptDraft | undefined> {
  return db.drafts.get(session.userId);
}
