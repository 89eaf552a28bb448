/**
 * The forms' unsaved changes kept when the idle lock strikes: sealed like every record (never
 * readable while locked), one record per user holding every changed form, taken back or dropped
 * after that user's next sign-in.
 */
import type { ConsentbookDB, FormDraft } from '../db';
import type { Session } from '../core/session';
import { writeWith } from '../write';

/**
 * Kept with what the user's other tabs kept before (one record per user): a form kept again
 * replaces its earlier draft, the others stay — the second tab to lock must not drop the first's.
 */
export async function keepDrafts(db: ConsentbookDB, session: Session, forms: FormDraft[]): Promise<void> {
  if (forms.length === 0) return;
  const same = (a: FormDraft, b: FormDraft) => a.kind === b.kind && a.key === b.key;
  await writeWith(db, { session }, [db.drafts], async () => {
    const earlier = await db.drafts.get(session.userId);
    const kept = earlier && 'forms' in earlier ? earlier.forms.filter((f) => !forms.some((g) => same(f, g))) : [];
    await db.drafts.put({ userId: session.userId, keptAt: new Date().toISOString(), forms: [...kept, ...forms] });
  });
}

/** The drafts were taken back into their forms, or given up. */
export async function dropDraft(db: ConsentbookDB, session: Session): Promise<void> {
  await writeWith(db, { session }, [db.drafts], async () => {
    await db.drafts.delete(session.userId);
  });
}
