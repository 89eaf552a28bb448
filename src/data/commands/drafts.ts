/**
 * The forms' unsaved changes kept when the idle lock strikes: sealed like every record (never
 * readable while locked), one record per user holding every changed form, taken back or dropped
 * after that user's next sign-in.
 */
import type { ConsentbookDB, FormDraft } from '../db';
import type { Session } from '../core/session';
import { writeWith } from '../write';
import { aadOf, seal } from '../core/crypto/seal';
import { toJsonBytes } from '../core/crypto/json';
import { toBase64 } from '../core/crypto/passphrase';

/** The additional data of drafts held aside: they open only as what they were sealed as. */
export const ASIDE = 'draftsAside';

/** Drafts held aside, as text: the user and time plain (no personal data), the forms sealed. */
export interface DraftsAside {
  userId: string;
  keptAt: string;
  sealed: string;
}

/**
 * Kept with what the user's other tabs kept before (one record per user): a form kept again
 * replaces its earlier draft, the others stay — the second tab to lock must not drop the first's.
 */
export async function keepDrafts(db: ConsentbookDB, session: Session, forms: FormDraft[]): Promise<string | null> {
  if (forms.length === 0) return null;
  const keptAt = new Date().toISOString();
  await writeWith(db, { session }, [db.drafts], async () => {
    const earlier = await db.drafts.get(session.userId);
    const kept = earlier && 'forms' in earlier ? earlier.forms.filter((f) => !forms.some((g) => same(f, g))) : [];
    await db.drafts.put({ userId: session.userId, keptAt, forms: [...kept, ...forms] });
  });
  return keptAt;
}

const same = (a: Pick<FormDraft, 'kind' | 'key'>, b: Pick<FormDraft, 'kind' | 'key'>) =>
  a.kind === b.kind && a.key === b.key;

/**
 * Takes back forms kept when the page was hidden (ui/auth/useKeepOnLeave.ts), once the user is
 * back at them: only while the record is still the one kept then (`keptAt`) — a later keep (the
 * idle lock, another tab) holds its own forms, which stay.
 */
export async function withdrawDrafts(
  db: ConsentbookDB,
  session: Session,
  forms: Pick<FormDraft, 'kind' | 'key'>[],
  keptAt: string,
): Promise<void> {
  if (forms.length === 0) return;
  await writeWith(db, { session }, [db.drafts], async () => {
    const earlier = await db.drafts.get(session.userId);
    if (!earlier || !('forms' in earlier) || earlier.keptAt !== keptAt) return;
    const left = earlier.forms.filter((f) => !forms.some((g) => same(f, g)));
    if (left.length) await db.drafts.put({ ...earlier, forms: left });
    else await db.drafts.delete(session.userId);
  });
}

/**
 * The drafts when keeping them failed (a full disk): sealed under the record key as the stored
 * ones are, as text for the UI to hold in this tab until the same user signs in again
 * (ui/keepUnsaved.ts); opened by queries/drafts.ts openDraftsAside. Synchronous: the keys are
 * still there, the cipher is loaded.
 */
export function sealDraftsAside(db: ConsentbookDB, session: Session, forms: FormDraft[]): string {
  const keptAt = new Date().toISOString();
  const aad = aadOf(ASIDE, `${session.userId}/${keptAt}`);
  const sealed = toBase64(seal(db.keyring.recordKey(), toJsonBytes(forms), aad));
  return JSON.stringify({ userId: session.userId, keptAt, sealed } satisfies DraftsAside);
}

/** The drafts were taken back into their forms, or given up. */
export async function dropDraft(db: ConsentbookDB, session: Session): Promise<void> {
  await writeWith(db, { session }, [db.drafts], async () => {
    await db.drafts.delete(session.userId);
  });
}
