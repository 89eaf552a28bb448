/**
 * The purposes reference list: add, rename, deactivate; never delete one in use. The middleware
 * refuses that, and a purpose without a name or otherwise invalid (purposeProblem).
 */
import { defaultPurposes, type Purpose, type PurposeSeed } from '../../domain/purpose';
import type { Language } from '../../i18n/messages';
import type { ConsentbookDB } from '../db';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { writeWith } from '../write';
import { claimPrivilege } from '../core/capability';

/** The default purposes are the app's own, not a user's change: seeding them is not logged. */
const SEED = claimPrivilege('seed');

/** The defaults, named in the language the book is set up in (German unless told). */
export async function seedDefaultPurposes(db: ConsentbookDB, session: Session, lang: Language = 'de'): Promise<void> {
  await writeWith(db, { session, capability: SEED }, [db.purposes], async () => {
    if ((await db.purposes.count()) > 0) return;
    const createdAt = new Date().toISOString();
    await db.purposes.bulkAdd(defaultPurposes(lang).map((p) => ({ ...p, createdAt })));
  });
}

export async function addPurpose(db: ConsentbookDB, session: Session, seed: Omit<PurposeSeed, 'id'>): Promise<Purpose> {
  const purpose: Purpose = {
    ...seed,
    name: seed.name.trim(),
    // Only basis f pursues a legitimate interest; the data layer refuses one on f without it.
    legitimateInterest: seed.lawfulBasis === 'f' ? (seed.legitimateInterest ?? '').trim() : '',
    id: crypto.randomUUID(),
    createdAt: new Date().toISOString(),
  };
  await writeWith(db, { session }, [db.purposes], async () => {
    await refuseTakenName(db, purpose);
    await db.purposes.add(purpose);
  });
  return purpose;
}

/** Two purposes of one name could not be told apart where a reason or a consent names one. */
async function refuseTakenName(db: ConsentbookDB, purpose: Pick<Purpose, 'id' | 'name'>): Promise<void> {
  const named = await db.purposes.where('name').equals(purpose.name).primaryKeys();
  if (named.some((id) => id !== purpose.id))
    throw new RuleError('error.purposeExists', 'A purpose with this name exists');
}

export async function updatePurpose(db: ConsentbookDB, session: Session, purpose: Purpose): Promise<void> {
  // One stored before the interest existed stays without it until it is entered (no change to log).
  const next =
    purpose.legitimateInterest === undefined
      ? { ...purpose, name: purpose.name.trim() }
      : { ...purpose, name: purpose.name.trim(), legitimateInterest: purpose.legitimateInterest.trim() };
  await writeWith(db, { session }, [db.purposes], async () => {
    // Only a new name is checked: two devices may each have added one name before they synced,
    // and either must still be changeable (and renamed apart).
    if ((await db.purposes.get(next.id))?.name !== next.name) await refuseTakenName(db, next);
    await db.purposes.put(next);
  });
}

export async function deletePurpose(db: ConsentbookDB, session: Session, purposeId: string): Promise<void> {
  await writeWith(db, { session }, [db.purposes], async () => {
    await db.purposes.delete(purposeId);
  });
}
