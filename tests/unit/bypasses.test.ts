/**
 * Issue 15, finding 6: the rules cannot be switched off or side-stepped from code — no forged
 * intent, no kept session, no unguarded table, no silent change of evidence or transactions, no
 * raising of one's own rights.
 */
import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  createRequest,
  createGroup,
  createUser,
  NotSignedInError,
  PermissionDeniedError,
  pendingChange,
  lockPerson,
  queryAudit,
  recordBreach,
  recordConsent,
  savePerson,
  setUserPassphrase,
  signIn,
  signOut,
  updateBreach,
  updateGroup,
  updateUser,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { claimPrivilege } from '../../src/data/core/capability';
import type { WriteContext } from '../../src/data/core/context';
import { anna, CONTRACT, freshDb } from './helpers';
import { realPbkdf2 } from '../pbkdf2Memo';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj');

/** A written newsletter consent with its scan as evidence. */
const newsletterConsent = (db: ConsentbookDB, session: Session, personId: string) =>
  recordConsent(db, session, {
    personId,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-01-02',
    channel: 'written',
    text: 'Newsletter',
    evidenceFile: { name: 'einwilligung.pdf', mimeType: 'application/pdf', data: PDF },
    confirmedByUser: true,
  });

describe('no caller can switch the rules off', () => {
  it('the restore intent given as a word changes nothing: every check still runs', async () => {
    const { db } = await freshDb();
    await createUser(db, (await freshSession(db)).admin, {
      name: 'kim',
      staffNumber: 'P-042',
      passphrase: 'kim passphrase',
      permissions: [],
    });
    const kim = await signIn(db, 'kim', 'kim passphrase');
    const forged = { session: kim, intent: 'restore' } as unknown as WriteContext;
    // Without any permission and without a reason: refused as for any other write.
    await expect(writeWith(db, forged, [db.persons], () => db.persons.put(anna()))).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
    const seeded = { session: kim, intent: 'seed' } as unknown as WriteContext;
    await expect(writeWith(db, seeded, [db.purposes], () => db.purposes.clear())).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('a privilege is handed out once, to the data layer; a second claim and a look-alike token are refused', async () => {
    const { db, admin } = await freshDb();
    expect(() => claimPrivilege('restore')).toThrow(/already/);
    expect(() => claimPrivilege('seed')).toThrow(/already/);
    const lookAlike = { session: admin, capability: { privilege: 'restore' } } as unknown as WriteContext;
    await expect(writeWith(db, lookAlike, [db.auditLog], () => db.auditLog.clear())).rejects.toMatchObject({
      messageKey: 'error.auditAppendOnly',
    });
  });
});

async function freshSession(db: Awaited<ReturnType<typeof freshDb>>['db']) {
  return { admin: await signIn(db, 'admin', 'correct horse battery') };
}

describe('sessions end with sign-out and the idle lock', () => {
  it('a session kept after sign-out is refused, also after another user signed in', async () => {
    const { db, admin } = await freshDb();
    await createUser(db, admin, { name: 'kim', staffNumber: 'P-042', passphrase: 'kim passphrase' });
    signOut(db);
    await signIn(db, 'kim', 'kim passphrase');
    await expect(savePerson(db, admin, anna(), CONTRACT)).rejects.toBeInstanceOf(NotSignedInError);
  });
});

describe('every table is guarded', () => {
  it('key secrets, erasures and worklist flags are written only by the data layer itself', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    // Nobody signed in: refused (this crypto-erased everyone, unlogged).
    for (const write of [() => db.personKeys.clear(), () => db.erasures.clear(), () => db.personStatus.clear()]) {
      await expect(write()).rejects.toBeInstanceOf(NotSignedInError);
    }
    // Signed in as administrator, inside a command's transaction: refused as well.
    const writes: Array<() => Promise<unknown>> = [
      () => db.personKeys.delete(p.id),
      () => db.personKeys.put({ personId: p.id, secret: new Uint8Array(32) }),
      () => db.erasures.put({ personId: p.id, at: new Date().toISOString() }),
      () => db.personStatus.put({ personId: p.id, noReason: 1, consentGap: '' }),
      () => db.directory.clear(),
    ];
    for (const write of writes) {
      await expect(
        writeWith(db, { session: admin }, [db.personKeys, db.erasures, db.personStatus, db.directory], write),
      ).rejects.toMatchObject({ messageKey: 'error.internalTable' });
    }
    expect(await db.personKeys.get(p.id)).toBeDefined();
    expect((await db.persons.get(p.id))?.firstName).toBe('Anna');
  });

  it('a person is erased only by the erasure command, with its audit entry', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await expect(
      writeWith(db, { session: admin, reason: CONTRACT }, [db.persons], () => db.persons.delete(p.id)),
    ).rejects.toMatchObject({ messageKey: 'error.eraseByCommand' });
    expect(await db.personKeys.get(p.id)).toBeDefined();
  });
});

describe('evidence and transactions change only with an audit entry', () => {
  it('changing or deleting an evidence file or a transaction is logged', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const consent = await newsletterConsent(db, admin, p.id);
    const tx = await addTransaction(db, admin, {
      kind: 'order',
      date: '2026-01-03',
      title: 'Auftrag',
      personIds: [p.id],
      attachment: { name: 'auftrag.pdf', mimeType: 'application/pdf', data: PDF },
    });
    const evidenceId = consent.evidence.type === 'file' ? consent.evidence.fileId : '';
    const before = (await queryAudit(db)).length;
    // A stored transaction changes only with a comment that says why.
    await expect(
      writeWith(db, { session: admin }, [db.transactions], () => db.transactions.put({ ...tx, title: 'Anders' })),
    ).rejects.toMatchObject({ messageKey: 'error.transactionComment' });
    await expect(
      writeWith(db, { session: admin }, [db.transactions], () => db.transactions.delete(tx.id)),
    ).rejects.toMatchObject({ messageKey: 'error.transactionComment' });
    const why = { session: admin, reason: { purposeId: '', comment: 'falsch erfasst' } };
    await writeWith(db, why, [db.files, db.transactions], async () => {
      const file = (await db.files.get(evidenceId))!;
      await db.files.put({ ...file, name: 'ausgetauscht.pdf' });
      await db.transactions.put({ ...tx, title: 'Anders' });
    });
    await writeWith(db, why, [db.files, db.transactions], async () => {
      await db.files.delete(tx.attachment!.fileId);
      await db.files.delete(evidenceId);
      await db.transactions.delete(tx.id);
    });
    const log = (await queryAudit(db)).slice(0, (await queryAudit(db)).length - before);
    const contexts = log.map((e) => `${e.action} ${e.context} ${e.fieldKeys.join(',')}`).sort();
    expect(contexts).toEqual(
      [
        `delete file:${evidenceId} `,
        `delete file:${tx.attachment!.fileId} `,
        `delete transaction:${tx.id} `,
        `update file:${evidenceId} name`,
        `update transaction:${tx.id} title`,
      ].sort(),
    );
    // The evidence file's entries are about the person; the log holds ids, never the file's name.
    expect(log.filter((e) => e.context === `file:${evidenceId}`).every((e) => e.personId === p.id)).toBe(true);
    expect(JSON.stringify(log)).not.toContain('ausgetauscht');
    expect(log.every((e) => e.comment === 'falsch erfasst')).toBe(true);
  });
});

describe('a natural person stays under the rules', () => {
  it('unticking "Privat" or changing the kind of a natural person needs a reason and is logged', async () => {
    const { db, admin } = await freshDb();
    const customer = await savePerson(db, admin, anna({ kind: 'customer', private: true }), CONTRACT);
    expect(await pendingChange(db, customer, { ...customer, private: false })).toEqual({
      fieldKeys: ['private'],
      reasonRequired: true,
    });
    // Without a reason the flip would take every later change, and the erasure, out of the rules.
    await expect(savePerson(db, admin, { ...customer, private: false }, undefined, customer)).rejects.toMatchObject({
      messageKey: 'error.reasonRequired',
      fieldKeys: ['private'],
    });
    const before = (await queryAudit(db)).length;
    const business = await savePerson(
      db,
      admin,
      { ...customer, private: false },
      { purposeId: CONTRACT.purposeId, comment: 'Ist Firmenkunde' },
      customer,
    );
    const contact = await savePerson(db, admin, anna(), CONTRACT);
    await expect(savePerson(db, admin, { ...contact, kind: 'partner' }, undefined, contact)).rejects.toMatchObject({
      fieldKeys: ['kind'],
    });
    const log = (await queryAudit(db)).slice(0, (await queryAudit(db)).length - before);
    const flip = log.find((e) => e.personId === business.id);
    expect(flip).toMatchObject({ action: 'update', fieldKeys: ['private'], comment: 'Ist Firmenkunde' });
    expect((await db.persons.get(business.id))?.private).toBe(false);
  });
});

describe('a consent stays on record', () => {
  it('is deleted only with its person, in the same transaction, and never while the person is locked', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const consent = await newsletterConsent(db, admin, p.id);
    const erase = { session: admin, intent: 'erase' } as const;
    // The erasure's intent alone does not take a consent: its person must go too.
    await expect(writeWith(db, erase, [db.consents], () => db.consents.delete(consent.id))).rejects.toMatchObject({
      messageKey: 'error.consentKept',
    });
    expect(await db.consents.get(consent.id)).toBeDefined();
    await lockPerson(db, admin, p.id, 'Widerspruch geprüft');
    await expect(writeWith(db, erase, [db.consents], () => db.consents.delete(consent.id))).rejects.toMatchObject({
      messageKey: 'error.personLocked',
    });
    expect(await db.consents.get(consent.id)).toBeDefined();
  });
});

describe('requests and breaches are the record of duties met', () => {
  it('a breach is never deleted and a change of it is logged; filing a report changes nothing but the documents', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const breach = await recordBreach(db, admin, {
      knownAt: '2026-11-30T08:00:00.000Z',
      description: 'Laptop verloren',
      dataCategories: 'Kontaktdaten',
      affectedCount: 12,
      measures: 'Fernlöschung',
    });
    const request = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-30' });
    const before = (await queryAudit(db)).length;
    // Moving the moment it became known restarts the 72-hour clock: logged, with the field's name.
    await updateBreach(db, admin, { ...breach, knownAt: '2026-11-30T12:00:00.000Z' });
    const log = (await queryAudit(db)).slice(0, (await queryAudit(db)).length - before);
    expect(log.map((e) => `${e.action} ${e.context} ${e.fieldKeys.join(',')}`)).toEqual([
      `update breach:${breach.id} knownAt`,
    ]);
    await expect(
      writeWith(db, { session: admin }, [db.breaches], () => db.breaches.delete(breach.id)),
    ).rejects.toMatchObject({ messageKey: 'error.recordKept' });
    await expect(
      writeWith(db, { session: admin }, [db.requests], () => db.requests.delete(request.id)),
    ).rejects.toMatchObject({ messageKey: 'error.recordKept' });
    // The report permission files a document with a request, and does nothing else in its name.
    await createUser(db, admin, {
      name: 'kim',
      staffNumber: 'P-042',
      passphrase: 'kim passphrase',
      permissions: ['issueReports'],
    });
    const kim = await signIn(db, 'kim', 'kim passphrase');
    const filing = { session: kim, intent: 'fileDocument' } as const;
    await expect(
      writeWith(db, filing, [db.requests], () =>
        db.requests.put({ ...request, status: 'done', closedAt: '2026-11-30' }),
      ),
    ).rejects.toMatchObject({ messageKey: 'error.fileDocumentOnly' });
    await expect(
      writeWith(db, filing, [db.breaches], () => db.breaches.put({ ...breach, affectedCount: 0 })),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await db.breaches.get(breach.id))?.knownAt).toBe('2026-11-30T12:00:00.000Z');
    expect((await db.requests.get(request.id))?.status).toBe('open');
  });
});

describe('rights are granted, not taken', () => {
  async function withManager() {
    const { db, admin } = await freshDb();
    const group = await createGroup(db, admin, 'Büro', ['editPersons']);
    const manager = await createUser(db, admin, {
      name: 'mia',
      staffNumber: 'P-007',
      passphrase: 'mia passphrase',
      permissions: ['manageUsers'],
      groupIds: [group.id],
    });
    const other = await createUser(db, admin, { name: 'kim', staffNumber: 'P-042', passphrase: 'kim passphrase' });
    const mia = await signIn(db, 'mia', 'mia passphrase');
    return { db, admin, mia, manager, other, group };
  }

  it('a user with "manage users" cannot make anyone an administrator', async () => {
    const { db, mia, manager, other } = await withManager();
    for (const userId of [manager.id, other.id]) {
      await expect(updateUser(db, mia, userId, { isAdmin: true })).rejects.toMatchObject({
        messageKey: 'error.adminGrantsAdmin',
      });
    }
    await expect(
      createUser(db, mia, { name: 'neo', staffNumber: 'P-099', passphrase: 'neo passphrase', isAdmin: true }),
    ).rejects.toMatchObject({ messageKey: 'error.adminGrantsAdmin' });
    expect((await db.users.get(manager.id))?.isAdmin).toBe(false);
  });

  it('nobody raises their own rights, directly or through a group', async () => {
    const { db, mia, manager, group } = await withManager();
    const own = { messageKey: 'error.ownRights' };
    await expect(
      updateUser(db, mia, manager.id, { permissions: ['manageUsers', 'deletePersons'] }),
    ).rejects.toMatchObject(own);
    const joined = await createGroup(db, (await freshSession(db)).admin, 'Alles', ['deletePersons']);
    await expect(updateUser(db, mia, manager.id, { groupIds: [group.id, joined.id] })).rejects.toMatchObject(own);
    await expect(
      updateGroup(db, mia, { ...group, permissions: ['editPersons', 'deletePersons'] }),
    ).rejects.toMatchObject(own);
    // Lowering one's own rights, and granting others what one may, stay possible.
    await updateUser(db, mia, manager.id, { groupIds: [] });
    expect((await db.users.get(manager.id))?.groupIds).toEqual([]);
  });

  it('only an administrator changes an administrator (no taking over their passphrase)', async () => {
    realPbkdf2(); // a passphrase check is this test's subject
    const { db, admin, mia } = await withManager();
    const adminOnly = { messageKey: 'error.adminGrantsAdmin' };
    await expect(setUserPassphrase(db, mia, admin.userId, 'taken over passphrase')).rejects.toMatchObject(adminOnly);
    await expect(updateUser(db, mia, admin.userId, { active: false })).rejects.toMatchObject(adminOnly);
  });
});
