// A member whose rights an administrator lowers, against the REAL sync server (started by the
// test): devices judge a document by its author's rights as they stand, so a device joining after
// the change would refuse what the member wrote while they could — a consent (edit permission, now
// taken), an erasure (the erasure's permission, taken with their group's). The administrator's
// change vouches for it (team/vouch.ts): the consent and the erased person's tombstone go out again
// in the administrator's name, the erasure record — never changed on the server — is kept on the
// member's record by revision. The joining device holds all of it, nothing held back.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import {
  createGroup,
  createUser,
  erasePersons,
  recordConsent,
  savePerson,
  updateGroup,
  updateUser,
  type ConsentbookDB,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { syncNow } from '../../src/data/sync';
import { replicaOf } from '../../src/data/sync/replica';
import { anna, CONTRACT, drained, PASSPHRASE, signInSyncing, until, useSyncServer, SIGNED_FORM } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

describe('a member whose rights were lowered', { timeout: 240_000 }, () => {
  it('a device joining afterwards holds what they wrote while they could', async () => {
    const { a, adminA, b, first } = await sync.twoDevices(anna({ lastName: 'Vorher' }));
    const erasers = await createGroup(a, adminA, 'Löschteam', ['deletePersons']);
    const mia = await createUser(a, adminA, {
      name: 'mia',
      staffNumber: 'P-7',
      passphrase: MIA,
      permissions: ['editPersons'],
      groupIds: [erasers.id],
    });
    const gone = await savePerson(a, adminA, anna({ lastName: 'Gelöscht' }), CONTRACT);
    await until('B holds Mia', async () => {
      await syncNow(a);
      await syncNow(b);
      return !!(await rawConnection(b).users.get(mia.id)) && !!(await b.persons.get(gone.id));
    });
    const miaB = await signInSyncing(b, 'mia', MIA);
    const consent = await recordConsent(b, miaB, {
      personId: first.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-01-02',
      channel: 'written',
      ...SIGNED_FORM,
      text: 'v1',
      confirmedByUser: true,
    });
    const evidenceId = consent.evidence.type === 'file' ? consent.evidence.fileId : '';
    await erasePersons(b, miaB, [gone.id], { purposeId: '', comment: 'Widerspruch' });
    await until('A holds what Mia wrote', async () => {
      await syncNow(b);
      await syncNow(a);
      // The erasure's own document in A's replica (a tombstone arriving first erases the person there
      // too), and applied here: vouching reads what this device applied (syncRevs), not the replica.
      const erasure = await (await replicaOf(a)).get(`erasures:${gone.id}`).catch(() => undefined);
      const applied = await rawConnection(a).syncRevs.get(`erasures:${gone.id}`);
      return !!(await a.consents.get(consent.id)) && !!erasure && applied?.rev === erasure._rev;
    });

    // The group loses the erasure's permission, then Mia her edit permission. What keeps her writing
    // valid leaves A ahead of what takes her rights (the replica pushes in its order): a device
    // pulling the book in between never holds the lowered rights without it.
    await updateGroup(a, adminA, { ...erasers, permissions: [] });
    await until('A pumped the group', drained(a));
    expect(await pushOrder(a, [`groups:${erasers.id}`, `users:${mia.id}`])).toEqual([
      `users:${mia.id}`,
      `groups:${erasers.id}`,
    ]);
    await updateUser(a, adminA, mia.id, { permissions: [] });
    const onA = await rawConnection(a).users.get(mia.id);
    expect(Object.keys(onA?.vouched?.docs ?? {})).toEqual([`erasures:${gone.id}`]);
    await until('A pushed', drained(a));
    expect(await pushOrder(a, [`users:${mia.id}`, `consents:${consent.id}`])).toEqual([
      `consents:${consent.id}`,
      `users:${mia.id}`,
    ]);

    const { db: d } = await sync.joinByInvitation(a, adminA, 'admin', PASSPHRASE);
    await until('D holds what Mia wrote, or held something back', async () => {
      await syncNow(d);
      return (
        (await readHeldBack(d)).length > 0 ||
        (!!(await d.consents.get(consent.id)) &&
          !!(await rawConnection(d).erasures.get(gone.id)) &&
          !!(await rawConnection(d).files.get(evidenceId)))
      );
    });
    expect(await readHeldBack(d)).toEqual([]);
    expect(await d.consents.get(consent.id)).toMatchObject({ id: consent.id });
    // Its evidence came with it (an attachment, sealed under the person's key) and opens on D.
    expect(await d.files.get(evidenceId)).toMatchObject({ name: 'einwilligung.pdf', personId: first.id });
    expect(await rawConnection(d).erasures.get(gone.id)).toMatchObject({ personId: gone.id });
    expect(await d.persons.get(gone.id)).toBeUndefined();
    expect(await rawConnection(d).users.get(mia.id)).toMatchObject({ permissions: [], active: true });
  });
});

/** These documents in the order the device's replica holds their latest versions (it pushes in that order). */
async function pushOrder(db: ConsentbookDB, ids: string[]): Promise<string[]> {
  const { results } = await (await replicaOf(db)).changes({ since: 0 });
  return results.map((r) => r.id).filter((id) => ids.includes(id));
}
