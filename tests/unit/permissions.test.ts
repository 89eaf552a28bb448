import { describe, expect, it } from 'vitest';
import {
  PermissionDeniedError,
  RuleError,
  addPurpose,
  addTransaction,
  changePassphrase,
  createGroup,
  createUser,
  deletePerson,
  deleteUser,
  lockPerson,
  recordConsent,
  removeMember,
  savePerson,
  signIn,
  unlockPerson,
  updatePrivacySettings,
  updateGroup,
  updateUser,
  withdrawConsent,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { currentRightsOf } from '../../src/data/core/currentRights';
import { rightsWithin } from '../../src/data/core/session';
import { tallyRegisterActivities } from '../../src/data/queries/register';
import { rawConnection } from '../../src/data/db';
import { SYNC_CONFIG_KEY } from '../../src/data/middleware/outbox';
import { hasValidConsent } from '../../src/domain/consent';
import type { User } from '../../src/domain/user';
import { anna, CONTRACT, freshDb, SIGNED_FORM, until } from './helpers';
import { realPbkdf2 } from '../pbkdf2Memo';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj');

/** Mia, a user made by `admin` (no rights unless given). */
const miaIn = (db: ConsentbookDB, admin: Session, fields: Partial<Parameters<typeof createUser>[2]> = {}) =>
  createUser(db, admin, {
    name: 'mia',
    staffNumber: 'P-7',
    passphrase: 'Mias Passphrase 1',
    permissions: [],
    ...fields,
  });

async function withUser(permissions: Parameters<typeof createUser>[2]['permissions'] = [], viaGroup = false) {
  const { db, admin } = await freshDb();
  const group = viaGroup ? await createGroup(db, admin, 'Außendienst', permissions) : undefined;
  await createUser(db, admin, {
    name: 'kim',
    staffNumber: 'P-042',
    passphrase: 'kim passphrase',
    permissions: viaGroup ? [] : permissions,
    groupIds: group ? [group.id] : [],
  });
  const user = await signIn(db, 'kim', 'kim passphrase');
  return { db, admin, user };
}

describe('permissions are enforced in the data layer', () => {
  it('a user without "lock" cannot lock or unlock through any path', async () => {
    const { db, admin, user } = await withUser(['editPersons', 'deletePersons']);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await expect(lockPerson(db, user, p.id, 'Widerspruch')).rejects.toBeInstanceOf(PermissionDeniedError);
    const lock = { at: new Date().toISOString(), byUserId: user.userId, reason: 'x' };
    const writes: Array<() => Promise<unknown>> = [
      () => db.persons.put({ ...p, lock }),
      () => db.persons.update(p.id, { lock }),
      () => db.persons.where('id').equals(p.id).modify({ lock }),
      () => db.persons.bulkPut([{ ...p, lock }]),
    ];
    for (const write of writes) {
      const attempt = writeWith(db, { session: user, intent: 'lock' }, [db.persons], write);
      await expect(attempt).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(attempt).rejects.toMatchObject({ permission: 'lockPersons' });
    }
    await lockPerson(db, admin, p.id, 'Widerspruch');
    await expect(unlockPerson(db, user, p.id, 'x')).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await db.persons.get(p.id))!.locked).toBe(1);
  });

  it('every command checks its permission', async () => {
    const { db, admin, user } = await withUser([]);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const denied = async (promise: Promise<unknown>, permission: string) => {
      await expect(promise).rejects.toBeInstanceOf(PermissionDeniedError);
      await expect(promise).rejects.toMatchObject({ permission });
    };
    await denied(savePerson(db, user, anna(), CONTRACT), 'editPersons');
    await denied(savePerson(db, user, { ...p, city: 'Bonn' }, CONTRACT), 'editPersons');
    await denied(deletePerson(db, user, p.id, CONTRACT), 'deletePersons');
    await denied(
      recordConsent(db, user, {
        ...SIGNED_FORM,
        personId: p.id,
        purposeIds: ['purpose-advertising'],
        givenAt: '2026-01-01',
        channel: 'form',
        text: 'v1',
        confirmedByUser: true,
      }),
      'editPersons',
    );
    await denied(
      addTransaction(db, user, { kind: 'order', date: '2026-01-01', title: 'A-1', personIds: [p.id] }),
      'editPersons',
    );
    await denied(
      addPurpose(db, user, {
        name: 'Newsletter',
        lawfulBasis: 'a',
        requiresConsent: true,
        retention: { years: 0, basis: '' },
        recipients: '',
        active: true,
      }),
      'manageReferenceLists',
    );
    await denied(updatePrivacySettings(db, user, { gdprSupportDisabled: true }), 'changePrivacySettings');
    await denied(createUser(db, user, { name: 'x', staffNumber: '1', passphrase: 'long enough' }), 'manageUsers');
    await denied(createGroup(db, user, 'g', []), 'manageUsers');
  });

  it('users take permissions from their groups and directly', async () => {
    const viaGroup = await withUser(['deletePersons'], true);
    const p = await savePerson(viaGroup.db, viaGroup.admin, anna(), CONTRACT);
    await deletePerson(viaGroup.db, viaGroup.user, p.id, CONTRACT);
    expect(await viaGroup.db.persons.count()).toBe(0);
    const direct = await withUser(['editPersons']);
    await savePerson(direct.db, direct.user, anna(), CONTRACT);
    expect((await direct.db.auditLog.filter((e) => e.action === 'create').last())!.userName).toBe('kim');
  });

  it('the last administrator cannot be removed or demoted', async () => {
    const { db, admin } = await freshDb();
    const demotion = updateUser(db, admin, admin.userId, { isAdmin: false });
    await expect(demotion).rejects.toBeInstanceOf(RuleError);
    await expect(demotion).rejects.toMatchObject({ messageKey: 'error.lastAdmin' });
    await expect(updateUser(db, admin, admin.userId, { active: false })).rejects.toMatchObject({
      messageKey: 'error.lastAdmin',
    });
    await expect(deleteUser(db, admin, admin.userId)).rejects.toMatchObject({ messageKey: 'error.lastAdmin' });
    const second = await createUser(db, admin, {
      name: 'second',
      staffNumber: 'P-2',
      passphrase: 'second admin',
      isAdmin: true,
    });
    await updateUser(db, admin, admin.userId, { isAdmin: false });
    // Now the second is the only administrator left — and the first, demoted, acts as one no more.
    const secondSession = await signIn(db, 'second', 'second admin');
    await expect(deleteUser(db, secondSession, second.id)).rejects.toMatchObject({ messageKey: 'error.lastAdmin' });
    await until('the demotion known', () => Promise.resolve(currentRightsOf(db.name, admin.userId)?.isAdmin === false));
    await expect(deleteUser(db, admin, second.id)).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('rights lowered while a user is signed in hold at once; raised ones from the next sign-in', async () => {
    const { db, admin, user } = await withUser(['editPersons', 'lockPersons', 'issueReports']);
    const p = await savePerson(db, user, anna(), CONTRACT);
    await tallyRegisterActivities(db, user);
    const kim = (await rawConnection(db).users.where('name').equals('kim').first())!;
    await updateUser(db, admin, kim.id, { permissions: ['lockPersons'] });
    // Her running session no longer edits persons (an administrator took it, here or on another device).
    await until('the lowered right known', () =>
      Promise.resolve(currentRightsOf(db.name, kim.id)?.permissions.has('editPersons') === false),
    );
    await expect(savePerson(db, user, { ...p, city: 'Bonn' }, CONTRACT)).rejects.toBeInstanceOf(PermissionDeniedError);
    // Reads and commands that check a permission before any write judge by it too.
    await expect(tallyRegisterActivities(db, user)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await db.persons.get(p.id))?.city).toBe(p.city);
    // A right given back is not taken up by the running session: it waits for the next sign-in.
    await updateUser(db, admin, kim.id, { permissions: ['lockPersons', 'editPersons', 'deletePersons'] });
    await lockPerson(db, user, p.id, 'Widerspruch');
    await expect(deletePerson(db, user, p.id, { purposeId: '', comment: 'weg' })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const again = await signIn(db, 'kim', 'kim passphrase');
    await unlockPerson(db, again, p.id, 'geklärt');
    await savePerson(db, again, { ...(await db.persons.get(p.id))!, city: 'Bonn' }, CONTRACT);
    expect((await db.persons.get(p.id))?.city).toBe('Bonn');
  });

  it('the rights a session acts with: itself while nothing was taken, never more than its sign-in', async () => {
    const { admin } = await freshDb();
    // Known and unchanged, or not yet known: the session itself (the UI tells a taken right by that).
    expect(rightsWithin(admin, undefined)).toBe(admin);
    expect(rightsWithin(admin, { isAdmin: true, permissions: new Set(admin.permissions) })).toBe(admin);
    // Demoted but every permission kept through groups: still less than the sign-in's.
    const demoted = rightsWithin(admin, { isAdmin: false, permissions: new Set(admin.permissions) });
    expect(demoted).not.toBe(admin);
    expect(demoted.isAdmin).toBe(false);
    // A right taken goes; one not had at sign-in is not given; no active user: nothing.
    const lowered = rightsWithin(admin, { isAdmin: true, permissions: new Set(['issueReports'] as const) });
    expect([...lowered.permissions]).toEqual(['issueReports']);
    expect(rightsWithin(admin, null)).toEqual({ isAdmin: false, permissions: new Set() });
  });

  it("an ended server account is recorded only in a removal's shape (the account held, now gone, the member inactive) and only by an administrator", async () => {
    const { db, admin, user: manager } = await withUser(['manageUsers']);
    const mia = await miaIn(db, admin);
    const put = (fields: Partial<User>) =>
      writeWith(db, { session: admin }, [db.users], () => db.users.put({ ...mia, ...fields }));
    await expect(put({ active: false, endedAccount: 'member-x' })).rejects.toMatchObject({
      messageKey: 'error.endedAccount',
    });
    await put({ serverAccount: 'member-m' });
    await expect(put({ active: true, endedAccount: 'member-m' })).rejects.toMatchObject({
      messageKey: 'error.endedAccount',
    });
    // The removal's shape written by a member who manages users but is no administrator.
    await expect(
      writeWith(db, { session: manager }, [db.users], async () =>
        db.users.put({
          ...(await db.users.get(mia.id))!,
          serverAccount: undefined,
          active: false,
          endedAccount: 'member-m',
        }),
      ),
    ).rejects.toMatchObject({ messageKey: 'error.endedAccount' });
    await put({ active: false, endedAccount: 'member-m' });
    expect((await db.users.get(mia.id))?.endedAccount).toBe('member-m');
    // The book is not synced: removing ends no account and records none.
    const other = await createUser(db, admin, {
      name: 'ole',
      staffNumber: 'P-8',
      passphrase: 'Oles Passphrase 1',
      permissions: [],
    });
    await removeMember(db, admin, other.id);
    const removed = await db.users.get(other.id);
    expect(removed?.active).toBe(false);
    expect(removed && 'endedAccount' in removed).toBe(false);
  });

  it('in a synced book a user is not deleted (their record names what they wrote elsewhere)', async () => {
    const { db, admin } = await freshDb();
    const mia = await miaIn(db, admin);
    await rawConnection(db).settings.put({ key: SYNC_CONFIG_KEY, value: { sealed: true } });
    await expect(deleteUser(db, admin, mia.id)).rejects.toMatchObject({ messageKey: 'error.userDeleteSynced' });
    expect(await db.users.get(mia.id)).toMatchObject({ name: 'mia' });
    await rawConnection(db).settings.delete(SYNC_CONFIG_KEY);
    await deleteUser(db, admin, mia.id);
    expect(await db.users.get(mia.id)).toBeUndefined();
  });

  it('in a synced team only an administrator takes rights (their device vouches for what was written)', async () => {
    const { db, admin, user: manager } = await withUser(['manageUsers']);
    const team = await createGroup(db, admin, 'Team', ['editPersons', 'issueReports']);
    const mia = await miaIn(db, admin, { permissions: ['lockPersons'], groupIds: [team.id] });
    await rawConnection(db).settings.put({ key: SYNC_CONFIG_KEY, value: { sealed: true } });
    const refused = { messageKey: 'error.lowerNeedsAdmin' };
    await expect(updateUser(db, manager, mia.id, { permissions: [] })).rejects.toMatchObject(refused);
    await expect(updateUser(db, manager, mia.id, { active: false })).rejects.toMatchObject(refused);
    await expect(updateUser(db, manager, mia.id, { groupIds: [] })).rejects.toMatchObject(refused);
    await expect(updateGroup(db, manager, { ...team, permissions: ['editPersons'] })).rejects.toMatchObject(refused);
    expect(await db.users.get(mia.id)).toMatchObject({ permissions: ['lockPersons'], active: true });
    // Giving is anyone's who manages users; a permission still held through the group is not taken.
    await updateUser(db, manager, mia.id, { permissions: ['lockPersons', 'editPersons'] });
    await updateUser(db, manager, mia.id, { permissions: ['lockPersons'] });
    await updateUser(db, admin, mia.id, { permissions: [] });
    expect(await db.users.get(mia.id)).toMatchObject({ permissions: [] });
    // Nor does a member who manages users remove one, before the team's keys began too.
    await expect(removeMember(db, manager, mia.id)).rejects.toMatchObject({ messageKey: 'error.removeNeedsAdmin' });
    expect(await db.users.get(mia.id)).toMatchObject({ active: true });
  });

  it('what a member wrote is vouched for only by an administrator, and only added to', async () => {
    const { db, admin, user: manager } = await withUser(['manageUsers']);
    const mia = await miaIn(db, admin);
    const vouched = { chains: { 'dev-a': { lastSeq: 7, hash: 'h7' } }, docs: { 'erasures:p1': '1-a' } };
    const put = (fields: Partial<User>, session = admin) =>
      writeWith(db, { session }, [db.users], async () => db.users.put({ ...(await db.users.get(mia.id))!, ...fields }));
    const refused = { messageKey: 'error.vouched' };
    await expect(put({ active: false, vouched }, manager)).rejects.toMatchObject(refused);
    await expect(put({ vouched: { chains: {}, docs: { x: 1 } } as never })).rejects.toMatchObject(refused);
    await put({ active: false, vouched });
    expect((await db.users.get(mia.id))?.vouched).toEqual(vouched);
    // Nothing vouched for is taken back: a document dropped, a chain's head moved back.
    await expect(put({ vouched: { ...vouched, docs: {} } })).rejects.toMatchObject(refused);
    await expect(
      put({ vouched: { ...vouched, chains: { 'dev-a': { lastSeq: 6, hash: 'h6' } } } }),
    ).rejects.toMatchObject(refused);
    // Added to by an administrator; other changes leave it as it is.
    const more = {
      chains: { 'dev-a': { lastSeq: 9, hash: 'h9' } },
      docs: { 'erasures:p1': '1-a', 'erasures:p2': '1-b' },
    };
    await put({ vouched: more });
    await expect(
      put({ vouched: { ...more, docs: { ...more.docs, 'erasures:p3': '1-c' } } }, manager),
    ).rejects.toMatchObject(refused);
    await put({ name: 'mia (ausgeschieden)' }, manager);
    expect((await db.users.get(mia.id))?.vouched).toEqual(more);
  });

  it('a user changes their own passphrase without "manageUsers", and only their own', async () => {
    realPbkdf2(); // a passphrase check is this test's subject
    const { db, user } = await withUser([]);
    await changePassphrase(db, user, 'kim passphrase', 'a new passphrase');
    await expect(signIn(db, 'kim', 'kim passphrase')).rejects.toThrow();
    expect((await signIn(db, 'kim', 'a new passphrase')).userName).toBe('kim');
  });
});

describe('consents', () => {
  it('given and withdrawn change "has consent"; a withdrawn consent stays in the history; both are logged', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const c = await recordConsent(db, admin, {
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-03-01',
      channel: 'written',
      text: 'Einwilligung v2',
      evidenceFile: { name: 'einwilligung.pdf', mimeType: 'application/pdf', data: PDF },
      confirmedByUser: true,
    });
    expect(hasValidConsent(await db.consents.where('personId').equals(p.id).toArray())).toBe(true);
    await withdrawConsent(db, admin, c.id, { withdrawnAt: '2026-05-01', note: 'per E-Mail' });
    const history = await db.consents.where('personId').equals(p.id).toArray();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: 'withdrawn', withdrawnAt: '2026-05-01', givenAt: '2026-03-01' });
    expect(hasValidConsent(history)).toBe(false);
    const actions = (await db.auditLog.toArray()).map((e) => e.action);
    expect(actions).toEqual(['create', 'consentGiven', 'consentWithdrawn']);
    // The evidence file is stored with the consent and can be read again.
    const file = await db.files.where('ownerId').equals(c.id).first();
    expect(new TextDecoder().decode(file!.data)).toContain('%PDF');
  });

  it('is never recorded as pre-given, never edited, never deleted on its own', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const input = {
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-03-01',
      channel: 'form' as const,
      text: 'v1',
      confirmedByUser: false,
    };
    // Without the document that shows it, a form consent is not recorded either (Art. 7(1)).
    await expect(recordConsent(db, admin, { ...input, confirmedByUser: true })).rejects.toMatchObject({
      messageKey: 'error.consentNoEvidence',
    });
    expect(await db.consents.count()).toBe(0);
    await expect(recordConsent(db, admin, { ...SIGNED_FORM, ...input })).rejects.toMatchObject({
      messageKey: 'error.consentNotConfirmed',
    });
    const c = await recordConsent(db, admin, { ...SIGNED_FORM, ...input, confirmedByUser: true });
    await expect(
      writeWith(db, { session: admin }, [db.consents], () => db.consents.update(c.id, { givenAt: '2020-01-01' })),
    ).rejects.toMatchObject({ messageKey: 'error.consentImmutable' });
    await expect(
      writeWith(db, { session: admin }, [db.consents], () => db.consents.delete(c.id)),
    ).rejects.toMatchObject({ messageKey: 'error.consentKept' });
  });

  it('evidence files are checked by content and size; nothing is stored on failure', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const base = {
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-03-01',
      channel: 'written' as const,
      text: 'v1',
      confirmedByUser: true,
    };
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 1, 2, 3]);
    await expect(
      recordConsent(db, admin, {
        ...base,
        evidenceFile: { name: 'scan.pdf', mimeType: 'application/pdf', data: exe },
      }),
    ).rejects.toMatchObject({ messageKey: 'evidence.type' });
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(PDF);
    await expect(
      recordConsent(db, admin, {
        ...base,
        evidenceFile: { name: 'big.pdf', mimeType: 'application/pdf', data: huge },
      }),
    ).rejects.toMatchObject({ messageKey: 'evidence.tooLarge' });
    expect(await db.consents.count()).toBe(0);
    expect(await db.files.count()).toBe(0);
    const eml = new TextEncoder().encode(
      'From: anna@example.org\r\nTo: info@firma.de\r\nSubject: Einwilligung\r\n\r\nJa, gerne.',
    );
    await recordConsent(db, admin, {
      ...base,
      evidenceFile: { name: 'antwort.eml', mimeType: 'application/octet-stream', data: eml },
    });
    expect((await db.files.toArray())[0].mimeType).toBe('message/rfc822');
  });
});
