/**
 * The draft the idle lock keeps: sealed (no value in plain in IndexedDB), one per user, read only
 * for its own user, and no one writes or deletes another user's draft.
 */
import { describe, expect, it } from 'vitest';
import { RuleError, createUser, signIn } from '../../src/data';
import { dropDraft, keepDraft } from '../../src/data/commands/drafts';
import { readKeptDraft } from '../../src/data/queries/drafts';
import { rawConnection } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import { anna, freshDb } from './helpers';

async function twoUsers() {
  const { db, admin } = await freshDb();
  await createUser(db, admin, {
    name: 'kim',
    staffNumber: 'P-042',
    passphrase: 'kim passphrase',
    permissions: ['editPersons'],
    groupIds: [],
  });
  const kim = await signIn(db, 'kim', 'kim passphrase');
  return { db, admin, kim };
}

describe('kept drafts', () => {
  it('are sealed at rest and read back only by their own user', async () => {
    const { db, admin, kim } = await twoUsers();
    const person = anna({ city: 'Zwickau' });
    await keepDraft(db, admin, { personId: person.id, person });

    const [stored] = await rawConnection(db).drafts.toArray();
    expect(Object.keys(stored).sort()).toEqual(['sealed', 'userId']);
    expect(new TextDecoder().decode((stored as unknown as { sealed: Uint8Array }).sealed)).not.toContain('Zwickau');

    expect((await readKeptDraft(db, admin))?.person.city).toBe('Zwickau');
    expect(await readKeptDraft(db, kim)).toBeUndefined();
    await dropDraft(db, admin);
    expect(await readKeptDraft(db, admin)).toBeUndefined();
  });

  it('no user writes or deletes the draft of another', async () => {
    const { db, admin, kim } = await twoUsers();
    const person = anna();
    await keepDraft(db, admin, { personId: null, person });
    const planted = writeWith(db, { session: kim }, [db.drafts], () =>
      db.drafts.put({ userId: admin.userId, keptAt: new Date().toISOString(), personId: null, person }),
    );
    await expect(planted).rejects.toBeInstanceOf(RuleError);
    const removed = writeWith(db, { session: kim }, [db.drafts], () => db.drafts.delete(admin.userId));
    await expect(removed).rejects.toBeInstanceOf(RuleError);
    expect(await readKeptDraft(db, admin)).toBeDefined();
  });
});
