/**
 * The purposes and the book's settings are kept in plain (no seal binds them): each is tagged with
 * a key of the book (middleware/bookTags.ts), and a sign-in finds one changed, added or removed
 * outside the app — a purpose's legal basis, logging switched off — and logs it by name in the
 * keyed chain (commands/bookTagCheck.ts). A change made through the app is not reported.
 */
import { describe, expect, it } from 'vitest';
import {
  createGroup,
  createUser,
  setUserPassphrase,
  signIn,
  signOut,
  updateGroup,
  updatePrivacySettings,
  updatePurpose,
  updateUser,
  verifyAuditLog,
} from '../../src/data';
import { rawConnection, type ConsentbookDB } from '../../src/data/db';
import { queryAudit } from '../../src/data/queries/audit';
import { listPurposes } from '../../src/data/queries/purposes';
import { BOOK_TAGS_KEY } from '../../src/data/middleware/bookTags';
import { keptRights, withheldRights } from '../../src/data/commands/bookTagCheck';
import { t } from '../../src/i18n/messages';
import { auditNames, fieldsText } from '../../src/ui/audit/entryFields';
import { freshDb, PASSPHRASE } from './helpers';

const de = Object.assign((key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('de', key, params), {
  lang: 'de' as const,
});

/** The ids withheldRights names (each with its kept rights, tested apart). */
async function withheldIds(db: ConsentbookDB) {
  const { users, groups } = await withheldRights(db);
  return { users: new Set(users.keys()), groups: new Set(groups.keys()) };
}

async function signInAgain(db: ConsentbookDB) {
  signOut(db);
  return signIn(db, 'admin', PASSPHRASE);
}

const newest = async (db: ConsentbookDB) => (await queryAudit(db, {}))[0];

describe('purposes and book settings kept in plain', () => {
  it('a legal basis and the logging switch changed in IndexedDB are found at the next sign-in, by name', async () => {
    const { db } = await freshDb();
    const raw = rawConnection(db);
    const before = (await queryAudit(db, {})).length;
    const advertising = (await raw.purposes.get('purpose-advertising'))!;
    await raw.purposes.put({ ...advertising, lawfulBasis: 'f', requiresConsent: false });
    const privacy = (await raw.settings.get('privacy')) as { key: string; value: Record<string, unknown> } | undefined;
    await raw.settings.put({ key: 'privacy', value: { ...privacy?.value, gdprSupportDisabled: true } });

    const session = await signInAgain(db);
    const found = await newest(db);
    expect(await queryAudit(db, {})).toHaveLength(before + 1);
    expect(found).toMatchObject({
      action: 'settingsChanged',
      userId: session.userId,
      context: 'bookTags:purposes/purpose-advertising,settings/privacy',
    });
    const names = auditNames({ recipients: [], purposes: await listPurposes(db), users: [], groups: [] });
    expect(fieldsText(de, found, names)).toBe(
      'Außerhalb der Anwendung geändert vorgefunden: Verwendungszweck „Werbung“, Datenschutz-Einstellungen',
    );
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    // Logged once: the records are tagged as found, and the next sign-in finds nothing new.
    await signInAgain(db);
    expect((await newest(db)).seq).toBe(found.seq);
  });

  it('changes made through the app, and the tags’ record deleted', async () => {
    const { db, admin } = await freshDb();
    const contract = (await db.purposes.get('purpose-contract'))!;
    await updatePurpose(db, admin, { ...contract, recipients: 'Steuerberatung' });
    await updatePrivacySettings(db, admin, { idleLockMinutes: 5 });
    const changes = (await queryAudit(db, {})).length;
    await signInAgain(db);
    expect(changes).toBeGreaterThanOrEqual(2);
    expect((await queryAudit(db, {})).length).toBe(changes);

    // Without the tags a sign-in cannot tell what changed: it says it tagged them anew.
    await rawConnection(db).settings.delete(BOOK_TAGS_KEY);
    await signInAgain(db);
    const bound = await newest(db);
    expect(bound.context).toBe('bookTags:bound');
    expect(fieldsText(de, bound, auditNames({ recipients: [], purposes: [], users: [], groups: [] }))).toBe(
      'Prüfwerte der Verwendungszwecke und Einstellungen auf dem Gerät angelegt (es hatte keine: seine erste Anmeldung, oder sie wurden entfernt)',
    );
  });

  it('a change on disk while someone works stays found: a save through the app tags only what it wrote', async () => {
    const { db, admin } = await freshDb();
    const raw = rawConnection(db);
    const advertising = (await raw.purposes.get('purpose-advertising'))!;
    await raw.purposes.put({ ...advertising, lawfulBasis: 'f' });
    const contract = (await db.purposes.get('purpose-contract'))!;
    await updatePurpose(db, admin, { ...contract, recipients: 'Steuerberatung' });
    await updatePrivacySettings(db, admin, { idleLockMinutes: 5 });
    await signInAgain(db);
    expect((await newest(db)).context).toBe('bookTags:purposes/purpose-advertising');
  });

  it('a purpose added or removed outside the app is named too', async () => {
    const { db } = await freshDb();
    const raw = rawConnection(db);
    const advertising = (await raw.purposes.get('purpose-advertising'))!;
    await raw.purposes.put({ ...advertising, id: 'purpose-planted', name: 'Untergeschoben' });
    await raw.purposes.delete('purpose-contract');
    await signInAgain(db);
    expect((await newest(db)).context).toBe('bookTags:purposes/purpose-contract,purposes/purpose-planted');
  });
});

describe('users and groups kept in plain', () => {
  it('rights raised in IndexedDB are found at the next sign-in — a member’s too — and named', async () => {
    const { db, admin } = await freshDb();
    const office = await createGroup(db, admin, 'Büro', ['editPersons']);
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-2', passphrase: 'mia passphrase 1' });
    await updateUser(db, admin, mia.id, { groupIds: [office.id] });
    // Changed through the app: nothing found at the next sign-in.
    const changes = (await queryAudit(db, {})).length;
    await signInAgain(db);
    expect((await queryAudit(db, {})).length).toBe(changes);

    // Mia makes herself an administrator and her group a deleter, straight in IndexedDB.
    const raw = rawConnection(db);
    await raw.users.put({ ...(await raw.users.get(mia.id))!, isAdmin: true });
    await raw.groups.put({ ...(await raw.groups.get(office.id))!, permissions: ['editPersons', 'deletePersons'] });
    signOut(db);
    // Her own sign-in finds it (no right of hers is needed to log what the check found) — and
    // grants not the rights found but those the app last wrote (kept with their tags): no
    // administrator, her group's editing only.
    const session = await signIn(db, 'mia', 'mia passphrase 1');
    expect(session).toMatchObject({ isAdmin: false, rightsWithheld: true });
    expect([...session.permissions]).toEqual(['editPersons']);
    const found = await newest(db);
    expect(found).toMatchObject({
      action: 'settingsChanged',
      userId: session.userId,
      context: `bookTags:groups/${office.id},users/${mia.id}`,
    });
    const names = auditNames({ recipients: [], purposes: [], users: await db.users.toArray(), groups: [office] });
    expect(fieldsText(de, found, names)).toBe(
      'Außerhalb der Anwendung geändert vorgefunden: Gruppe „Büro“, Benutzer „mia“',
    );
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    const admin2 = await signInAgain(db);
    expect((await newest(db)).seq).toBe(found.seq);
    // Logged once, withheld still: her next sign-in is reading only too.
    signOut(db);
    expect(await signIn(db, 'mia', 'mia passphrase 1')).toMatchObject({ isAdmin: false, rightsWithheld: true });

    // An administrator looks at her and saves what she may do: granted from her next sign-in — the
    // group's changed rights still not (the group is saved only after).
    const again = await signIn(db, 'admin', PASSPHRASE);
    expect(admin2.isAdmin).toBe(true);
    expect(await withheldIds(db)).toEqual({ users: new Set([mia.id]), groups: new Set([office.id]) });
    await updateUser(db, again, mia.id, { isAdmin: false, groupIds: [office.id] });
    signOut(db);
    const confirmed = await signIn(db, 'mia', 'mia passphrase 1');
    expect(confirmed).toMatchObject({ isAdmin: false, rightsWithheld: true });
    // The group's as the app last wrote them (not the deleting it was given on disk).
    expect([...confirmed.permissions]).toEqual(['editPersons']);
    const admin3 = await signInAgain(db);
    await updateGroup(db, admin3, { ...office, permissions: ['editPersons'] });
    signOut(db);
    const granted = await signIn(db, 'mia', 'mia passphrase 1');
    expect(granted.rightsWithheld).toBeUndefined();
    expect([...granted.permissions]).toEqual(['editPersons']);
    expect(await withheldIds(db)).toEqual({ users: new Set(), groups: new Set() });
  });

  it('an administrator accepting rights as found saves them unchanged: granted from then on', async () => {
    const { db, admin } = await freshDb();
    const office = await createGroup(db, admin, 'Büro', ['editPersons']);
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-2', passphrase: 'mia passphrase 1' });
    await updateUser(db, admin, mia.id, { groupIds: [office.id] });
    const raw = rawConnection(db);
    const raised = { ...(await raw.groups.get(office.id))!, permissions: ['editPersons', 'issueReports'] as const };
    await raw.groups.put({ ...raised, permissions: [...raised.permissions] });
    const again = await signInAgain(db);
    expect(await withheldIds(db)).toEqual({ users: new Set(), groups: new Set([office.id]) });
    // Saved as it stands (the group dialog's Speichern without a change).
    await updateGroup(db, again, (await db.groups.get(office.id))!);
    expect(await withheldIds(db)).toEqual({ users: new Set(), groups: new Set() });
    signOut(db);
    expect([...(await signIn(db, 'mia', 'mia passphrase 1')).permissions].sort()).toEqual([
      'editPersons',
      'issueReports',
    ]);
  });

  it('the rights the app last wrote are kept with their tags: an administrator can put them back, planted ones are no proof', async () => {
    const { db, admin } = await freshDb();
    const office = await createGroup(db, admin, 'Büro', ['editPersons']);
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-2', passphrase: 'mia passphrase 1' });
    await updateUser(db, admin, mia.id, { groupIds: [office.id], permissions: ['issueReports'] });
    // Held: nothing withheld, nothing to put back.
    expect(await keptRights(db, 'users', mia.id)).toBeUndefined();
    const raw = rawConnection(db);
    await raw.users.put({ ...(await raw.users.get(mia.id))!, isAdmin: true, permissions: [] });
    await raw.groups.put({ ...(await raw.groups.get(office.id))!, permissions: ['deletePersons'] });
    const again = await signInAgain(db);
    // The check tagged the records as found (and logged them), never their rights: the kept ones
    // are what the app wrote last.
    expect(await keptRights(db, 'users', mia.id)).toEqual({
      isAdmin: false,
      active: true,
      groupIds: [office.id],
      permissions: ['issueReports'],
    });
    expect(await keptRights(db, 'groups', office.id)).toEqual({ permissions: ['editPersons'] });

    // Kept rights planted beside the tags (mia an administrator there too) are not taken: their tag does not hold.
    const tags = (await raw.settings.get(BOOK_TAGS_KEY)) as unknown as { rights: Record<string, unknown> };
    await raw.settings.put({
      ...tags,
      key: BOOK_TAGS_KEY,
      rights: {
        ...tags.rights,
        [`rights/users/${mia.id}`]: { isAdmin: true, active: true, groupIds: [], permissions: [] },
      },
    } as never);
    expect(await keptRights(db, 'users', mia.id)).toBeUndefined();
    await raw.settings.put(tags as never);

    // The administrator puts them back (the dialog fills them in, Speichern writes them): granted.
    const kept = (await keptRights(db, 'users', mia.id))!;
    await updateUser(db, again, mia.id, kept);
    await updateGroup(db, again, { ...office, ...(await keptRights(db, 'groups', office.id))! });
    expect(await withheldIds(db)).toEqual({ users: new Set(), groups: new Set() });
    expect(await keptRights(db, 'users', mia.id)).toBeUndefined();
    signOut(db);
    const granted = await signIn(db, 'mia', 'mia passphrase 1');
    expect(granted).toMatchObject({ isAdmin: false });
    expect(granted.rightsWithheld).toBeUndefined();
    expect([...granted.permissions].sort()).toEqual(['editPersons', 'issueReports']);
  });

  it('a sign-in grants the kept rights: an administrator stripped on disk stays one, a user deactivated in the app stays out', async () => {
    const { db, admin } = await freshDb();
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-2', passphrase: 'mia passphrase 1' });
    await updateUser(db, admin, mia.id, { active: false });
    const raw = rawConnection(db);
    await raw.users.put({ ...(await raw.users.get(admin.userId))!, isAdmin: false });
    await raw.users.put({ ...(await raw.users.get(mia.id))!, active: true, isAdmin: true });
    signOut(db);
    // Reactivated outside the app: refused as any inactive user, the keys not left open.
    await expect(signIn(db, 'mia', 'mia passphrase 1')).rejects.toMatchObject({ name: 'SignInError' });
    expect(db.keyring.unlocked).toBe(false);
    // The administrator made a member on disk: still the administrator the app made, and told so.
    const again = await signIn(db, 'admin', PASSPHRASE);
    expect(again).toMatchObject({ isAdmin: true, rightsWithheld: true });
    expect(await withheldIds(db)).toEqual({ users: new Set([admin.userId, mia.id]), groups: new Set() });
    // …who can mend both — Mia inactive again, themselves as they were: the rules judge rights as
    // the app last wrote them (an administrator, not raised by this save; one stays active).
    await updateUser(db, again, mia.id, (await keptRights(db, 'users', mia.id))!);
    await updateUser(db, again, admin.userId, (await keptRights(db, 'users', admin.userId))!);
    expect(await withheldIds(db)).toEqual({ users: new Set(), groups: new Set() });
    expect((await signInAgain(db)).rightsWithheld).toBeUndefined();
    // Made active (and administrator) on disk once more: refused once more.
    await raw.users.put({ ...(await raw.users.get(mia.id))!, active: true, isAdmin: true });
    signOut(db);
    await expect(signIn(db, 'mia', 'mia passphrase 1')).rejects.toMatchObject({ name: 'SignInError' });
    // And the other way: the administrator deactivated on disk alone is not locked out.
    await raw.users.put({ ...(await raw.users.get(admin.userId))!, active: false });
    expect(await signIn(db, 'admin', PASSPHRASE)).toMatchObject({ isAdmin: true, rightsWithheld: true });
  });

  it('tags made before the rights were kept beside them: the next sign-in keeps them, once, logging nothing', async () => {
    const { db, admin } = await freshDb();
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-2', passphrase: 'mia passphrase 1' });
    await updateUser(db, admin, mia.id, { permissions: ['issueReports'] });
    const raw = rawConnection(db);
    const { rights: _kept, ...before } = (await raw.settings.get(BOOK_TAGS_KEY)) as unknown as {
      rights: Record<string, unknown>;
    };
    await raw.settings.put(before as never);
    const changes = (await queryAudit(db, {})).length;
    await signInAgain(db);
    expect((await queryAudit(db, {})).length).toBe(changes);
    const kept = ((await raw.settings.get(BOOK_TAGS_KEY)) as unknown as { rights: Record<string, unknown> }).rights;
    expect(kept[`rights/users/${mia.id}`]).toEqual({
      isAdmin: false,
      active: true,
      groupIds: [],
      permissions: ['issueReports'],
    });
    await raw.users.put({ ...(await raw.users.get(mia.id))!, isAdmin: true });
    await signInAgain(db);
    expect(await keptRights(db, 'users', mia.id)).toEqual({
      isAdmin: false,
      active: true,
      groupIds: [],
      permissions: ['issueReports'],
    });
  });

  it('every change through the app keeps the tags: users, groups, passphrases', async () => {
    const { db, admin } = await freshDb();
    const group = await createGroup(db, admin, 'Vertrieb', ['editPersons']);
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-2', passphrase: 'mia passphrase 1' });
    await updateGroup(db, admin, { ...group, permissions: ['editPersons', 'issueReports'] });
    await updateUser(db, admin, mia.id, { groupIds: [group.id], active: true });
    await setUserPassphrase(db, admin, mia.id, 'mia passphrase 2');
    const changes = (await queryAudit(db, {})).length;
    signOut(db);
    // Mia's first sign-in makes her key pair (written with her session); her rights are granted.
    const mia2 = await signIn(db, 'mia', 'mia passphrase 2');
    expect(mia2.rightsWithheld).toBeUndefined();
    expect([...mia2.permissions].sort()).toEqual(['editPersons', 'issueReports']);
    await signInAgain(db);
    const contexts = (await queryAudit(db, {})).slice(0, -changes).map((e) => e.context);
    expect(contexts.filter((c) => c.startsWith('bookTags:'))).toEqual([]);
  });

  it('a book tagged before users and groups were: theirs are made once, and said so', async () => {
    const { db } = await freshDb();
    const raw = rawConnection(db);
    const stored = (await raw.settings.get(BOOK_TAGS_KEY)) as { key: string; value: Record<string, string> };
    const before = Object.fromEntries(
      Object.entries(stored.value).filter(([name]) => !name.startsWith('users/') && !name.startsWith('groups/')),
    );
    expect(Object.keys(before).length).toBeLessThan(Object.keys(stored.value).length);
    await raw.settings.put({ key: BOOK_TAGS_KEY, value: before });
    await signInAgain(db);
    const bound = await newest(db);
    expect(bound.context).toBe('bookTags:boundAccounts');
    expect(fieldsText(de, bound, auditNames({ recipients: [], purposes: [], users: [], groups: [] }))).toBe(
      'Prüfwerte der Benutzer und Gruppen auf dem Gerät angelegt',
    );
    await signInAgain(db);
    expect((await newest(db)).seq).toBe(bound.seq);
  });
});
