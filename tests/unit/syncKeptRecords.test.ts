// What the rules never let a local write do, a change arriving by sync does not do either
// (sync/check.ts): records the rules never delete (rules/deletes.ts — settings, requests,
// breaches, key grants; a consent but with its unlocked person's erasure) are not deleted by a
// device's tombstone; a key grant held here stays its member's grant of its epoch, and any grant's id
// is the one its epoch, member and key give (so too where it is written); and no change leaves the book without
// an active administrator, judged against the users known here and those accepted earlier in the
// batch. Each is refused with a reason (quarantined, never applied); the allowed ones still pass.
import { beforeAll, describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { lockPerson, recordConsent, savePerson } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { writeWith } from '../../src/data/write';
import { Keyring } from '../../src/data/core/crypto/keyring';
import { loadCipher } from '../../src/data/core/crypto/seal';
import { toDoc } from '../../src/data/sync/docs';
import { applyFeed } from '../../src/data/sync/feed';
import { localPouch } from '../../src/data/sync/pouch';
import type { KeyGrant } from '../../src/domain/keyGrant';
import type { Person } from '../../src/domain/person';
import type { Permission, User } from '../../src/domain/user';
import type { Vouched } from '../../src/domain/vouched';
import { anna, checkScopeFor, CONTRACT, freshDb, refusalOf, rosterUser, SIGNED_FORM } from './helpers';

const user = rosterUser;
const admin = user('admin', { isAdmin: true });
const second = user('second', { isAdmin: true });
const editor = user('editor', { permissions: ['editPersons'] as Permission[] });
const eraser = user('eraser', { permissions: ['deletePersons'] as Permission[] });
const manager = user('manager', { permissions: ['manageUsers'] as Permission[] });

const grant: KeyGrant = {
  id: '2:member:k1',
  epoch: 2,
  userId: 'member',
  keyId: 'k1',
  ephemeralKey: 'ZXBo',
  iv: 'aXY=',
  data: 'ZGF0YQ==',
  grantedBy: 'admin',
  at: '2026-03-01T10:00:00.000Z',
};

describe('a change arriving by sync, checked', () => {
  beforeAll(loadCipher);
  const keyring = new Keyring();
  beforeAll(() => keyring.unlock(new Uint8Array(32).fill(9)));
  const doc = (table: string, key: string, author: string, stored?: Record<string, unknown>) =>
    toDoc(keyring, { id: `${table}:${key}`, table, author, device: 'dev-b' }, stored);
  const deleted = (table: string, key: string, author = 'admin', scope = checkScopeFor(keyring, [admin])) =>
    refusalOf(scope, doc(table, key, author));

  it('a delete of a record the rules never delete is refused, from an administrator too', () => {
    expect(deleted('requests', 'r1')).toBe('requests are never deleted');
    expect(deleted('breaches', 'b1')).toBe('breaches are never deleted');
    expect(deleted('settings', 'privacy')).toBe('settings are never deleted');
    expect(deleted('keyGrants', grant.id)).toBe('keyGrants are never deleted');
    // What the rules delete with the edit permission still goes.
    const scope = checkScopeFor(keyring, [admin, editor]);
    for (const table of ['files', 'transactions', 'campaigns']) expect(deleted(table, 'x1', 'editor', scope)).toBe('');
  });

  it("a removed member's tombstone through the account their removal ended is judged by their rights; through another, refused", () => {
    const removed = user('mia', {
      active: false,
      endedAccount: 'member-m',
      permissions: ['editPersons'] as Permission[],
    });
    const scope = checkScopeFor(keyring, [admin, removed]);
    const tombstone = (account: string) =>
      refusalOf(
        scope,
        toDoc(keyring, { id: 'files:f1', table: 'files', author: 'mia', device: 'dev-c', account }, undefined),
      );
    expect(tombstone('member-m')).toBe('');
    expect(tombstone('member-x')).toBe('its author mia is not an active user');
    expect(refusalOf(scope, doc('requests', 'r1', 'mia'))).toBe('requests are never deleted');
  });

  it("a consent goes only with its person's erasure: its permission, its person not locked here", () => {
    const locked = { id: 'p1', lock: { reason: 'Widerspruch' } } as unknown as Person;
    const scope = (lock: boolean) =>
      checkScopeFor(keyring, [admin, editor, eraser], {
        consentPerson: (id) => (id === 'c1' ? 'p1' : undefined),
        person: (id) => (id === 'p1' && lock ? locked : undefined),
      });
    expect(deleted('consents', 'c1', 'editor', scope(false))).toBe(
      'its author editor may not change consents (it needs deletePersons)',
    );
    expect(deleted('consents', 'c1', 'eraser', scope(false))).toBe('');
    expect(deleted('consents', 'c1', 'eraser', scope(true))).toBe('its person is locked');
    // The erasure's delete of the person itself still passes; a locked one stays.
    expect(deleted('persons', 'p2', 'eraser', scope(true))).toBe('');
    expect(deleted('persons', 'p1', 'eraser', scope(true))).toBe('its person is locked');
  });

  it("a key grant held here stays its member's grant of its epoch; a new one, the same again, or the race's winner pass", () => {
    const scope = checkScopeFor(keyring, [admin, second, editor, manager], {
      keyGrant: (id) => (id === grant.id ? grant : undefined),
    });
    const put = (g: KeyGrant, author = 'admin') =>
      refusalOf(scope, doc('keyGrants', g.id, author, g as unknown as Record<string, unknown>));
    expect(put(grant)).toBe('');
    expect(put({ ...grant, id: '3:member:k1', epoch: 3 })).toBe('');
    // Two administrators granted the member epoch 2 at once: the grant that won CouchDB's conflict
    // (another wrap, by the other author) replaces the one held here, so the devices agree.
    const winner = { ...grant, ephemeralKey: 'b3RoZXI=', data: 'b3RoZXI=', iv: 'aXYy', grantedBy: 'second' };
    expect(put(winner, 'second')).toBe('');
    expect(put(winner, 'manager')).toBe('');
    expect(put(winner, 'editor')).toBe('its author editor may not change keyGrants (it needs manageUsers)');
    // Another member's or another epoch's grant under the held one's id stays refused.
    expect(put({ ...winner, userId: 'other' }, 'second')).toBe(
      'it makes the key grant held here another (userId): key grants are never changed',
    );
    expect(put({ ...winner, epoch: 3, keyId: 'k2' }, 'second')).toBe(
      'it makes the key grant held here another (epoch, keyId): key grants are never changed',
    );
    // A grant not held here is judged by its fields: its id is the one they give, nothing missing.
    expect(put({ ...grant, id: '4:member:k1', epoch: 4, userId: 'other' })).toBe(
      'invalid key grant: its id is not the one its epoch, member and key pair give',
    );
    expect(put({ ...grant, id: '0:member:k1', epoch: 0 })).toBe(
      'invalid key grant: its epoch is not a whole number from 1',
    );
    expect(put({ ...grant, id: '5:member:k1', epoch: 5, data: '' })).toBe('invalid key grant: its data is not a text');
  });

  it('a key grant written here is refused unless its id is the one its epoch, member and key pair give', async () => {
    const { db, admin: session } = await freshDb();
    const add = (g: KeyGrant) => writeWith(db, { session }, [db.keyGrants], () => db.keyGrants.add(g));
    await expect(add({ ...grant, id: '2:other:k1' })).rejects.toMatchObject({ messageKey: 'error.keyGrantMalformed' });
    expect(await rawConnection(db).keyGrants.count()).toBe(0);
  });

  /** Why a user's record `next` by `author` is refused on a device knowing `users` ('' when it passes). */
  const put = (users: User[], author: string, next: User) =>
    refusalOf(checkScopeFor(keyring, users), doc('users', next.id, author, next as unknown as Record<string, unknown>));

  it('no change leaves the book without an active administrator; one of two admins may go', () => {
    const remove = (users: User[], author: string, id: string) =>
      refusalOf(checkScopeFor(keyring, users), doc('users', id, author));
    const last = 'it leaves the book without an active administrator (admin is the last one)';
    expect(put([admin, manager], 'admin', { ...admin, isAdmin: false })).toBe(last);
    expect(put([admin, manager], 'admin', { ...admin, active: false })).toBe(last);
    expect(remove([admin, manager], 'admin', 'admin')).toBe(last);
    // Demoting, deactivating or deleting one of two administrators passes.
    expect(put([admin, second], 'admin', { ...second, isAdmin: false })).toBe('');
    expect(put([admin, second], 'second', { ...second, active: false })).toBe('');
    expect(remove([admin, second], 'admin', 'second')).toBe('');
    // Deleting an administrator needs one, as making or changing one does.
    expect(remove([admin, second, manager], 'manager', 'second')).toBe(
      'its author manager is no administrator and may not make, change or delete one',
    );
    expect(remove([admin, manager, editor], 'manager', 'editor')).toBe('');
  });

  it("a removed member's documents pass through the account their removal ended, and only those", () => {
    const former = user('mia', {
      active: false,
      endedAccount: 'member-m',
      permissions: ['manageUsers'] as Permission[],
    });
    const ulla = user('ulla', { permissions: ['editPersons'] as Permission[] });
    const made = (author: User, account?: string) =>
      refusalOf(
        checkScopeFor(keyring, [admin, author]),
        toDoc(
          keyring,
          { id: 'users:ulla', table: 'users', author: author.id, device: 'dev-c', account },
          {
            ...ulla,
          },
        ),
      );
    const inactive = 'its author mia is not an active user';
    expect(made(former, 'member-m')).toBe('');
    // Through another account (forged after the removal), before accounts existed, or a removal that ended none.
    expect(made(former, 'member-b')).toBe(inactive);
    expect(made(former)).toBe(inactive);
    expect(made({ ...former, endedAccount: undefined }, 'member-m')).toBe(inactive);
    // Still judged by the rights her record holds.
    expect(made({ ...former, permissions: [] }, 'member-m')).toBe(
      'its author mia may not change users (it needs manageUsers)',
    );
  });

  it("only an administrator's removal records the ended account: the one the record held", () => {
    const mia = user('mia', { serverAccount: 'member-m', permissions: ['editPersons'] as Permission[] });
    const { serverAccount: _s, ...kept } = mia;
    const removed = { ...kept, active: false, endedAccount: 'member-m' } as User;
    const refused = "it records an ended server account of mia as only an administrator's removal does";
    expect(put([admin, manager, mia], 'admin', removed)).toBe('');
    expect(put([admin, manager, mia], 'manager', removed)).toBe(refused);
    expect(put([admin, manager, mia], 'admin', { ...removed, endedAccount: 'member-b' })).toBe(refused);
    expect(put([admin, manager, mia], 'admin', { ...removed, active: true })).toBe(refused);
    // A device pulling the book anew has no earlier version to compare with.
    expect(put([admin, manager], 'admin', removed)).toBe('');
  });

  it("a member's append-only documents pass at the revision an administrator vouched for; later ones are refused", () => {
    const vouched: Vouched = { chains: {}, docs: { [`keyGrants:${grant.id}`]: '1-aaa', 'groups:g1': '1-aaa' } };
    const former = user('founder', { active: false, isAdmin: true, vouched });
    const lowered = user('founder', { vouched });
    const at = (author: User, id: string, rev: string) =>
      refusalOf(checkScopeFor(keyring, [admin, author]), {
        ...doc('keyGrants', id, 'founder', { ...grant, id }),
        _rev: rev,
      });
    const inactive = 'its author founder is not an active user';
    const mayNot = 'its author founder may not change keyGrants (it needs manageUsers)';
    expect(at(former, grant.id, '1-aaa')).toBe('');
    expect(at(lowered, grant.id, '1-aaa')).toBe('');
    // Another revision under its id (a branch made up afterwards), or another grant.
    expect(at(former, grant.id, '1-bbb')).toBe(inactive);
    expect(at(former, '3:member:k1', '1-aaa')).toBe(inactive);
    expect(at(lowered, grant.id, '1-bbb')).toBe(mayNot);
    // A record the server lets change is never vouched for so: it went out again in the administrator's name.
    const group = { id: 'g1', name: 'Team', permissions: [] };
    const scope = checkScopeFor(keyring, [admin, former]);
    expect(refusalOf(scope, { ...doc('groups', 'g1', 'founder', group), _rev: '1-aaa' })).toBe(inactive);
  });

  it('only an administrator vouches for what a member wrote, and only adds to it', () => {
    const mia = user('mia', { permissions: ['editPersons'] as Permission[] });
    const vouched: Vouched = { chains: { 'dev-c': { lastSeq: 4, hash: 'h4' } }, docs: { 'erasures:p1': '1-a' } };
    const removed = { ...mia, active: false, vouched } as User;
    const refused = 'it vouches for what mia wrote as only an administrator does, by adding to it';
    expect(put([admin, manager, mia], 'admin', removed)).toBe('');
    expect(put([admin, manager, mia], 'manager', removed)).toBe(refused);
    // Added to by an administrator; taken back by nobody.
    const later = { ...removed, vouched: { ...vouched, chains: { 'dev-c': { lastSeq: 9, hash: 'h9' } } } };
    expect(put([admin, manager, removed], 'admin', later)).toBe('');
    expect(put([admin, manager, later], 'admin', removed)).toBe(refused);
    expect(put([admin, manager, removed], 'admin', { ...removed, vouched: { ...vouched, docs: {} } })).toBe(refused);
    expect(put([admin, manager, removed], 'manager', later)).toBe(refused);
    expect(put([admin, manager, mia], 'admin', { ...removed, vouched: { chains: [], docs: {} } as never })).toBe(
      refused,
    );
  });
});

describe('a batch arriving in the replica', () => {
  it('is judged change by change: the last admin left after one deleted and one demoted, a changed grant, a locked consent are refused', async () => {
    const { db, admin: session } = await freshDb();
    const raw = rawConnection(db);
    const first = (await raw.users.toArray())[0];
    await raw.users.put({ ...first, id: 'second', name: 'second' });
    await raw.users.put({ ...first, id: 'third', name: 'third' });
    await raw.keyGrants.put(grant);
    const locked = await savePerson(db, session, anna(), CONTRACT);
    const open = await savePerson(db, session, anna({ lastName: 'Offen' }), CONTRACT);
    const consent = (personId: string) =>
      recordConsent(db, session, {
        ...SIGNED_FORM,
        personId,
        purposeIds: ['purpose-advertising'],
        givenAt: '2026-01-02',
        channel: 'written',
        text: 'v1',
        confirmedByUser: true,
      });
    const [kept, goes] = [await consent(locked.id), await consent(open.id)];
    await lockPerson(db, session, locked.id, 'Widerspruch');

    const doc = (table: string, key: string, stored?: object) =>
      toDoc(
        db.keyring,
        { id: `${table}:${key}`, table, author: first.id, device: 'dev-b' },
        stored as Record<string, unknown>,
      );
    const local = await localPouch(db.name);
    for (const d of [
      doc('users', 'third'),
      doc('users', 'second', { ...first, id: 'second', name: 'second', isAdmin: false }),
      doc('users', first.id, { ...first, isAdmin: false }),
      doc('keyGrants', grant.id, grant),
      doc('keyGrants', '3:member:k1', { ...grant, id: '3:member:k1', epoch: 3, data: 'bmV1' }),
      doc('consents', kept.id),
      doc('consents', goes.id),
    ])
      await local.put(d);
    // A grant changed on the server without its rules: a revision of the one held here.
    const held = await local.get(`keyGrants:${grant.id}`);
    await local.put({ ...doc('keyGrants', grant.id, { ...grant, userId: 'other' }), _rev: held._rev });

    await applyFeed(db, local, 'dev-a');

    const reasons = Object.fromEntries((await readHeldBack(db)).map((q) => [q.docId, q.reason]));
    expect(reasons).toEqual({
      [`users:${first.id}`]: `it leaves the book without an active administrator (${first.id} is the last one)`,
      [`keyGrants:${grant.id}`]: 'it makes the key grant held here another (userId): key grants are never changed',
      [`consents:${kept.id}`]: 'its person is locked',
    });
    expect(await raw.users.get('third')).toBeUndefined();
    expect((await raw.users.get('second'))?.isAdmin).toBe(false);
    expect((await raw.users.get(first.id))?.isAdmin).toBe(true);
    expect(await raw.keyGrants.get(grant.id)).toEqual(grant);
    expect(await raw.keyGrants.get('3:member:k1')).toBeDefined();
    expect(await raw.consents.get(kept.id)).toBeDefined();
    expect(await raw.consents.get(goes.id)).toBeUndefined();
  });
});
