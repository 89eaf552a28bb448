import { describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import {
  AuditLogAppendOnlyError,
  NotSignedInError,
  PersonLockedError,
  ReasonRequiredError,
  StaleVersionError,
  ValidationError,
  lockPerson,
  savePerson,
  unlockPerson,
  updatePrivacySettings,
  withdrawConsent,
  addTransaction,
  deletePerson,
  ConsentbookDB,
  signIn,
  type Session,
  type StoredPerson,
} from '../../src/data';
import { writeWith } from '../../src/data/write';
import { recordInformation } from '../../src/data/commands/information';
import { rawConnection } from '../../src/data/db';
import type { ChangeReason, WriteIntent } from '../../src/data/core/context';
import { reasonedChanges } from '../../src/domain/diff';
import { newPerson } from '../../src/domain/person';
import { anna, consentToAdvertising, CONTRACT, freshDb } from './helpers';

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

type Write = (db: ConsentbookDB, p: StoredPerson) => Promise<unknown>;

/** Every Dexie write path, each changing the e-mail of a stored person. */
const UPDATE_PATHS: Record<string, Write> = {
  put: (db, p) => db.persons.put({ ...p, email: 'new@example.org' }),
  update: (db, p) => db.persons.update(p.id, { email: 'new@example.org' }),
  bulkPut: (db, p) => db.persons.bulkPut([{ ...p, email: 'new@example.org' }]),
  bulkUpdate: (db, p) => db.persons.bulkUpdate([{ key: p.id, changes: { email: 'new@example.org' } }]),
  'Collection.modify': (db, p) => db.persons.where('id').equals(p.id).modify({ email: 'new@example.org' }),
  'Collection.modify(fn)': (db) => db.persons.toCollection().modify((x) => void (x.email = 'new@example.org')),
  upsert: (db, p) => db.persons.upsert(p.id, { email: 'new@example.org' }),
};

const DELETE_PATHS: Record<string, Write> = {
  delete: (db, p) => db.persons.delete(p.id),
  bulkDelete: (db, p) => db.persons.bulkDelete([p.id]),
  'Collection.delete': (db, p) => db.persons.where('id').equals(p.id).delete(),
  'Table.clear': (db) => db.persons.clear(),
};

const CREATE_PATHS: Record<string, (db: ConsentbookDB) => Promise<unknown>> = {
  add: (db) => db.persons.add(anna()),
  put: (db) => db.persons.put(anna()),
  bulkAdd: (db) => db.persons.bulkAdd([anna()]),
  bulkPut: (db) => db.persons.bulkPut([anna()]),
};

async function stored(db: ConsentbookDB, admin: Session): Promise<StoredPerson> {
  return savePerson(db, admin, anna(), CONTRACT);
}

function run(
  db: ConsentbookDB,
  session: Session,
  reason: ChangeReason | undefined,
  fn: () => Promise<unknown>,
  intent?: WriteIntent,
) {
  return writeWith(db, { session, reason, intent }, [db.persons], fn);
}

describe('the purpose rule on every write path', () => {
  for (const [name, create] of Object.entries(CREATE_PATHS)) {
    it(`${name}: creation without a reason is refused naming the fields; with one it is logged`, async () => {
      const { db, admin } = await freshDb();
      const attempt = run(db, admin, undefined, () => create(db));
      await expect(attempt).rejects.toBeInstanceOf(ReasonRequiredError);
      const fieldKeys = ['salutation', 'firstName', 'lastName', 'street', 'postalCode', 'city', 'phone', 'email'];
      await expect(attempt).rejects.toMatchObject({ fieldKeys });
      expect(await db.persons.count()).toBe(0);
      expect(await db.auditLog.count()).toBe(0);

      await run(db, admin, CONTRACT, () => create(db));
      const [entry] = await db.auditLog.toArray();
      expect(entry).toMatchObject({
        action: 'create',
        purposeId: 'purpose-contract',
        comment: 'Vertrag geschlossen',
        userName: 'admin',
        staffNumber: 'P-001',
      });
      expect(entry.fieldKeys).toEqual(fieldKeys);
      expect((await db.persons.toArray())[0].purposeId).toBe('purpose-contract');
    });
  }

  for (const [name, write] of Object.entries(UPDATE_PATHS)) {
    it(`${name}: an edit without a reason is refused naming the field; with one it is logged`, async () => {
      const { db, admin } = await freshDb();
      const p = await stored(db, admin);
      const attempt = run(db, admin, undefined, () => write(db, p));
      await expect(attempt).rejects.toBeInstanceOf(ReasonRequiredError);
      await expect(attempt).rejects.toMatchObject({ fieldKeys: ['email'] });
      expect((await db.persons.get(p.id))!.email).toBe(p.email);

      await run(db, admin, { purposeId: 'purpose-advertising', comment: 'neue Adresse' }, () => write(db, p));
      const entries = await db.auditLog.toArray();
      expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
      expect(entries[1]).toMatchObject({
        fieldKeys: ['email'],
        purposeId: 'purpose-advertising',
        purposeName: 'Werbung',
        personId: p.id,
      });
      const after = (await db.persons.get(p.id))!;
      expect(after.email).toBe('new@example.org');
      expect(after.version).toBe(p.version + 1);
      expect(after.purposeId).toBe('purpose-advertising');
    });
  }

  for (const [name, del] of Object.entries(DELETE_PATHS)) {
    it(`${name}: deletion without a reason is refused; with one a tombstone is logged`, async () => {
      const { db, admin } = await freshDb();
      const p = await stored(db, admin);
      await expect(run(db, admin, undefined, () => del(db, p))).rejects.toBeInstanceOf(ReasonRequiredError);
      expect(await db.persons.count()).toBe(1);
      // A comment is the reason; no purpose is asked (none justifies an erasure). Only as an
      // erasure (its key goes with it), never as a plain write.
      const reason = { purposeId: '', comment: 'Löschung verlangt' };
      await expect(run(db, admin, reason, () => del(db, p))).rejects.toMatchObject({
        messageKey: 'error.eraseByCommand',
      });
      await run(db, admin, reason, () => del(db, p), 'erase');
      expect(await db.persons.count()).toBe(0);
      const last = (await db.auditLog.toArray()).at(-1)!;
      expect(last).toMatchObject({ action: 'delete', personId: p.id, comment: 'Löschung verlangt', purposeId: '' });
      expect(last.fieldKeys).toContain('email');
    });
  }

  it('a write without any signed-in user is refused', async () => {
    const { db } = await freshDb();
    await expect(db.persons.add(anna())).rejects.toBeInstanceOf(NotSignedInError);
    await expect(db.persons.add(newPerson('partner', { id: 'x', organisation: 'ACME' }))).rejects.toBeInstanceOf(
      NotSignedInError,
    );
  });

  it('a forged session object is not accepted', async () => {
    const { db, admin } = await freshDb();
    const forged = { ...admin };
    await expect(savePerson(db, forged, anna(), CONTRACT)).rejects.toBeInstanceOf(NotSignedInError);
  });

  it('an incomplete reason (empty comment, unknown purpose) is no reason', async () => {
    const { db, admin } = await freshDb();
    await expect(
      savePerson(db, admin, anna(), { purposeId: 'purpose-contract', comment: '   ' }),
    ).rejects.toBeInstanceOf(ReasonRequiredError);
    await expect(savePerson(db, admin, anna(), { purposeId: 'nope', comment: 'x' })).rejects.toBeInstanceOf(
      ReasonRequiredError,
    );
  });

  it('a write inside a larger transaction is checked too, and the whole transaction rolls back', async () => {
    const { db, admin } = await freshDb();
    const p = await stored(db, admin);
    const err = await writeWith(db, { session: admin }, [db.persons], async () => {
      await db.persons.add(newPerson('partner', { id: 'company', organisation: 'ACME GmbH' }));
      await db.persons.update(p.id, { city: 'Bonn' });
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReasonRequiredError);
    expect(await db.persons.get('company')).toBeUndefined();
  });

  it('non-natural persons and unwatched fields need no reason and are not logged', async () => {
    const { db, admin } = await freshDb();
    const company = await savePerson(
      db,
      admin,
      newPerson('customer', { organisation: 'ACME GmbH', email: 'info@acme.example' }),
    );
    const p = await stored(db, admin);
    await savePerson(db, admin, { ...p, note: 'ruft gern vormittags an', organisation: 'ACME' });
    expect(company.natural).toBe(0);
    expect((await db.auditLog.toArray()).map((e) => e.action)).toEqual(['create']);
  });

  it('a Kunde becomes a natural person with the Privat flag, and then falls under the rule', async () => {
    const { db, admin } = await freshDb();
    const c = await savePerson(db, admin, newPerson('customer', { firstName: 'Jo', lastName: 'Kunz' }));
    await expect(savePerson(db, admin, { ...c, private: true, city: 'Ulm' })).rejects.toBeInstanceOf(
      ReasonRequiredError,
    );
  });

  it('the audit entry failing rolls the person back', async () => {
    const { db: first } = await freshDb();
    first.close();
    // Middleware is stacked when the database opens: a second connection with a failing log below.
    const db = new ConsentbookDB(first.name);
    const failing: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'failing-audit',
      level: 1,
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return name === 'auditLog' ? { ...t, mutate: () => Promise.reject(new Error('disk on fire')) } : t;
        },
      }),
    };
    db.use(failing);
    // A connection of its own has its own keys: sign in on it.
    const admin = await signIn(db, 'admin', 'correct horse battery');
    await expect(savePerson(db, admin, anna(), CONTRACT)).rejects.toThrow('disk on fire');
    expect(await db.persons.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it('invalid data is refused by the data layer whichever path wrote it', async () => {
    const { db, admin } = await freshDb();
    const err = await savePerson(
      db,
      admin,
      anna({ email: 'not-an-email', firstName: 'x'.repeat(100_000) }),
      CONTRACT,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'email',
      'firstName',
    ]);
  });
});

describe('the lock (Sperrvermerk)', () => {
  it('refuses every write path until unlocked; lock and unlock are logged', async () => {
    const { db, admin } = await freshDb();
    const p = await stored(db, admin);
    expect(await rawConnection(db).persons.get(p.id)).not.toHaveProperty('locked');
    await lockPerson(db, admin, p.id, 'Widerspruch nach Art. 21');
    const locked = (await db.persons.get(p.id))!;
    expect(locked.locked).toBe(1);
    expect(await rawConnection(db).persons.where('locked').equals(1).primaryKeys()).toEqual([p.id]);
    for (const write of [...Object.values(UPDATE_PATHS), ...Object.values(DELETE_PATHS)]) {
      await expect(run(db, admin, CONTRACT, () => write(db, locked))).rejects.toBeInstanceOf(PersonLockedError);
    }
    // Even an unwatched field and a non-natural switch are refused.
    await expect(savePerson(db, admin, { ...locked, note: 'x' })).rejects.toBeInstanceOf(PersonLockedError);
    await expect(deletePerson(db, admin, p.id, CONTRACT)).rejects.toBeInstanceOf(PersonLockedError);
    // Unlocking cannot smuggle in a change.
    await expect(
      writeWith(db, { session: admin, intent: 'unlock' }, [db.persons], () =>
        db.persons.put({ ...locked, lock: null, email: 'x@y.de' }),
      ),
    ).rejects.toBeInstanceOf(PersonLockedError);

    await unlockPerson(db, admin, p.id, 'Prüfung abgeschlossen');
    await savePerson(db, admin, { ...(await db.persons.get(p.id))!, city: 'Bonn' }, CONTRACT);
    // The lock's index field is there only while locked (a sparse index: no entry per unlocked person).
    const raw = rawConnection(db);
    expect(await raw.persons.get(p.id)).not.toHaveProperty('locked');
    expect(await raw.persons.where('locked').equals(1).count()).toBe(0);
    const actions = (await db.auditLog.toArray()).map((e) => e.action);
    expect(actions).toEqual(['create', 'lock', 'unlock', 'update']);
    expect((await db.auditLog.toArray())[1].comment).toBe('Widerspruch nach Art. 21');
  });

  it("does not count as a change of the data: a purpose's retention is not prolonged by it", async () => {
    const { db, admin } = await freshDb();
    const entered = '2020-05-05T10:00:00.000Z';
    const p = await savePerson(db, admin, anna({ updatedAt: entered }), CONTRACT);
    expect(p.changedAt).toBe(entered);
    await lockPerson(db, admin, p.id, 'Widerspruch nach Art. 21');
    await unlockPerson(db, admin, p.id, 'Prüfung abgeschlossen');
    await recordInformation(db, admin, p.id, { informedAt: '2020-05-06', channel: 'letter' });
    const after = (await db.persons.get(p.id))!;
    expect(after.updatedAt > entered).toBe(true);
    expect(after.changedAt).toBe(entered);
    const edited = await savePerson(db, admin, { ...after, city: 'Bonn' }, CONTRACT);
    expect(edited.changedAt).toBe(edited.updatedAt);
    expect(edited.changedAt! > entered).toBe(true);
  });

  it('records a withdrawal only with its evidence: a file, a Kontakt or a note of how it came in', async () => {
    const { db, admin } = await freshDb();
    const p = await stored(db, admin);
    const consent = await consentToAdvertising(db, admin, p.id, PDF_BYTES);
    const refused = { messageKey: 'error.withdrawalNoEvidence' };
    await expect(withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-11-30' })).rejects.toMatchObject(refused);
    await expect(
      withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-11-30', note: '  ' }),
    ).rejects.toMatchObject(refused);
    // Past the command too: the rule judges every write.
    const given = (await db.consents.get(consent.id))!;
    const bare = { ...given, status: 'withdrawn' as const, withdrawnAt: '2026-11-30' };
    await expect(
      writeWith(db, { session: admin }, [db.consents], () =>
        db.consents.put({ ...bare, withdrawalEvidence: { type: 'none', note: '' } }),
      ),
    ).rejects.toMatchObject(refused);
    expect((await db.consents.get(consent.id))?.status).toBe('given');
    await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-11-30', note: 'am Telefon, Frau Kurz' });
    expect((await db.consents.get(consent.id))?.withdrawalEvidence).toEqual({
      type: 'none',
      note: 'am Telefon, Frau Kurz',
    });
  });

  it('still lets a consent be withdrawn (Art. 7 Abs. 3), but records no new one', async () => {
    const { db, admin } = await freshDb();
    const p = await stored(db, admin);
    const consent = await consentToAdvertising(db, admin, p.id, PDF_BYTES);
    await lockPerson(db, admin, p.id, 'Widerspruch nach Art. 21');
    await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-11-30', note: 'Anruf' });
    expect((await db.consents.get(consent.id))?.status).toBe('withdrawn');
    await expect(consentToAdvertising(db, admin, p.id, PDF_BYTES)).rejects.toBeInstanceOf(PersonLockedError);
    expect((await db.auditLog.toArray()).map((e) => e.action)).toEqual([
      'create',
      'consentGiven',
      'lock',
      'consentWithdrawn',
    ]);
  });
});

describe('GDPR support switched off', () => {
  it('needs no reason and logs nothing, but logs the switch itself', async () => {
    const { db, admin } = await freshDb();
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    const p = await savePerson(db, admin, anna());
    await savePerson(db, admin, { ...p, email: 'other@example.org' });
    await deletePerson(db, admin, p.id);
    const log = await db.auditLog.toArray();
    expect(log.map((e) => e.action)).toEqual(['settingsChanged']);
    expect(log[0].fieldKeys).toEqual(['gdprSupportDisabled']);
  });

  it("still refuses a deletion the law's retention duty forbids", async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title: 'Auftrag 4711', personIds: [p.id] });
    await updatePrivacySettings(db, admin, { gdprSupportDisabled: true });
    await expect(deletePerson(db, admin, p.id)).rejects.toMatchObject({
      messageKey: 'error.retention',
      params: { date: '2037-01-01' },
    });
    expect(await db.persons.get(p.id)).toBeDefined();
  });
});

describe('the audit log', () => {
  it('is append-only on every path', async () => {
    const { db, admin } = await freshDb();
    await stored(db, admin);
    const [e] = await db.auditLog.toArray();
    const ctx = { session: admin };
    await expect(
      writeWith(db, ctx, [db.auditLog], () => db.auditLog.put({ ...e, comment: 'forged' })),
    ).rejects.toBeInstanceOf(AuditLogAppendOnlyError);
    await expect(
      writeWith(db, ctx, [db.auditLog], () => db.auditLog.update(e.seq!, { comment: 'forged' })),
    ).rejects.toBeInstanceOf(AuditLogAppendOnlyError);
    await expect(writeWith(db, ctx, [db.auditLog], () => db.auditLog.delete(e.seq!))).rejects.toBeInstanceOf(
      AuditLogAppendOnlyError,
    );
    await expect(writeWith(db, ctx, [db.auditLog], () => db.auditLog.clear())).rejects.toBeInstanceOf(
      AuditLogAppendOnlyError,
    );
    expect(await db.auditLog.count()).toBe(1);
  });

  it('survives the deletion of the person it describes', async () => {
    const { db, admin } = await freshDb();
    const p = await stored(db, admin);
    await deletePerson(db, admin, p.id, { purposeId: 'purpose-contract', comment: 'Art. 17' });
    expect((await db.auditLog.where('personId').equals(p.id).toArray()).map((e) => e.action)).toEqual([
      'create',
      'delete',
    ]);
  });
});

describe('no lost updates', () => {
  it('a save based on a stale version is refused', async () => {
    const { db, admin } = await freshDb();
    const p = await stored(db, admin);
    await savePerson(db, admin, { ...p, city: 'Bonn' }, CONTRACT);
    await expect(savePerson(db, admin, { ...p, city: 'Ulm' }, CONTRACT)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await db.persons.get(p.id))!.city).toBe('Bonn');
  });
});

describe('the purpose on the person', () => {
  it('a change of purpose alone is a change of the legal basis: refused without a comment, logged with it', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const attempt = savePerson(db, admin, { ...p, purposeId: 'purpose-advertising' });
    await expect(attempt).rejects.toBeInstanceOf(ReasonRequiredError);
    await expect(attempt).rejects.toMatchObject({ fieldKeys: ['purposeId'] });
    await expect(
      savePerson(db, admin, { ...p, purposeId: 'purpose-advertising' }, { purposeId: '', comment: '  ' }),
    ).rejects.toBeInstanceOf(ReasonRequiredError);
    expect((await db.persons.get(p.id))!.purposeId).toBe('purpose-contract');

    await savePerson(db, admin, { ...p, purposeId: 'purpose-advertising' }, { purposeId: '', comment: 'Newsletter' });
    expect((await db.persons.get(p.id))!.purposeId).toBe('purpose-advertising');
    const last = (await db.auditLog.toArray()).at(-1)!;
    expect(last).toMatchObject({
      action: 'update',
      fieldKeys: ['purposeId'],
      purposeId: 'purpose-advertising',
      purposeName: 'Werbung',
      personId: p.id,
    });
  });

  it('a purpose change of a non-natural person needs no reason', async () => {
    const { db, admin } = await freshDb();
    const firm = await savePerson(db, admin, newPerson('customer', { organisation: 'Muster GmbH' }));
    await savePerson(db, admin, { ...firm, purposeId: 'purpose-advertising' });
    expect((await db.persons.get(firm.id))!.purposeId).toBe('purpose-advertising');
  });
});

describe('reasonedChanges', () => {
  it('names the purpose of a stored person next to the watched fields, not on creation', () => {
    const before = anna({ purposeId: 'purpose-contract' });
    expect(reasonedChanges(before, { ...before, purposeId: 'purpose-advertising' })).toEqual(['purposeId']);
    expect(reasonedChanges(before, { ...before, city: 'Bonn', purposeId: '' })).toEqual(['city', 'purposeId']);
    expect(reasonedChanges(before, { ...before })).toEqual([]);
    expect(reasonedChanges(null, before)).not.toContain('purposeId');
  });
});
