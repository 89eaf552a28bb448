/** The signed-in user's kept drafts (see commands/drafts.ts); another user's are never read. */
import { displayName } from '../../domain/person';
import type { ConsentbookDB, FormDraft, KeptDraft } from '../db';
import { draftWithout, type PersonOnlyDraft } from '../core/records';
import type { Session } from '../core/session';
import { aadOf, open } from '../core/crypto/seal';
import { fromJsonBytes } from '../core/crypto/json';
import { fromBase64 } from '../core/crypto/passphrase';
import { ASIDE, type DraftsAside } from '../commands/drafts';

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

/**
 * Drafts held aside in this tab (commands/drafts.ts sealDraftsAside), if they are this user's
 * (null: another user's, left for them). Forms about persons erased meanwhile are left out, as
 * erasure takes them out of the stored drafts (none left: no forms).
 */
export async function openDraftsAside(db: ConsentbookDB, session: Session, text: string): Promise<KeptDraft | null> {
  const { userId, keptAt, sealed } = JSON.parse(text) as DraftsAside;
  if (userId !== session.userId) return null;
  const plain = open(db.keyring.recordKey(), fromBase64(sealed), aadOf(ASIDE, `${userId}/${keptAt}`));
  const forms = fromJsonBytes(plain) as FormDraft[];
  // A form names a person by its key or in its address.
  const ids = [...new Set(forms.flatMap((f) => [f.key, ...f.at.split('/')]).filter(Boolean))];
  const erased = (await db.erasures.bulkGet(ids)).flatMap((e) => (e ? [e.personId] : []));
  const draft: KeptDraft = { userId, keptAt, forms };
  return (draftWithout(draft, new Set(erased)) as KeptDraft | null) ?? { ...draft, forms: [] };
}
