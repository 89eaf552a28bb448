/** The signed-in user's kept drafts (see commands/drafts.ts); another user's are never read. */
import { displayName } from '../../domain/person';
import type { ConsentbookDB, KeptDraft } from '../db';
import type { PersonOnlyDraft } from '../core/records';
import type { Session } from '../core/session';

export async function readKeptDraft(db: ConsentbookDB, session: Session): Promise<KeptDraft | undefined> {
  const stored = (await db.drafts.get(session.userId)) as KeptDraft | PersonOnlyDraft | undefined;
  if (!stored || 'forms' in stored) return stored;
  // Kept before every form took part: the person form's draft alone.
  const { userId, keptAt, personId, person } = stored;
  const at = `#/personen/${personId ?? 'neu'}`;
  return {
    userId,
    keptAt,
    forms: [{ kind: 'person', key: personId ?? '', label: displayName(person), at, values: person }],
  };
}
