/**
 * Encryption at rest (issue 8): what IndexedDB holds is checked byte by byte, not through the
 * app's own reading code; crypto-erasure reaches backups made before the erasure.
 */
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import {
  addTransaction,
  changePassphrase,
  createBackup,
  createRequest,
  createUser,
  deletePerson,
  KeysLockedError,
  lockPerson,
  recordBreach,
  recordConsent,
  restoreBackup,
  savePerson,
  setUserPassphrase,
  signIn,
  type ConsentbookDB,
} from '../../src/data';
import { signOut } from '../../src/data/auth';
import { realPbkdf2 } from '../pbkdf2Memo';
import { rawConnection } from '../../src/data/db';
import { directoryOf } from '../../src/data/directory';
import { BACKUP_TABLES } from '../../src/data/commands/backupSchema';
import { anna, CONTRACT, freshDb, storedDirectory } from './helpers';

// Passphrases, their changes and the wrapped data key are this file's subject: every derivation runs.
realPbkdf2();

const PASS = 'correct horse battery';

/** Distinctive values in every kind of personal field, and in everything stored about a person. */
const SECRET = {
  firstName: 'Xaverine',
  lastName: 'Quastenbrück',
  street: 'Zypressenpfad 97',
  postalCode: '99817',
  city: 'Wunsiedelbach',
  email: 'xaverine.q@quastenbrueck.example',
  phone: '+49 171 9988776',
  furtherPhones: ['0171 6655443'],
  fax: '0221 3344551',
  organisation: 'Quastenbrück Kunstschmiede',
  position: 'Obermeisterin',
  note: 'Allergie gegen Haselnuss',
  iban: 'DE89370400440532013000',
  consentText: 'Newsletter Quastenbrück Herbst',
  evidence: '%PDF-1.4 Unterschrift Quastenbrueck-Scan',
  transaction: 'Auftrag Schmiedetor Quastenbrueck',
  request: 'Auskunft per Brief an Zypressenpfad',
  breach: 'Laptop mit Liste Quastenbrueck verloren',
  lockReason: 'Widerspruch Quastenbrueck Art. 21',
};

/** Every object store as IndexedDB holds it, opened without Dexie; bytes read as Latin-1 text so plain text inside them shows too. */
async function dumpAllStores(name: string): Promise<string> {
  const idb: IDBDatabase = await new Promise((resolve, reject) => {
    // The factory Dexie opened the database in (tests/setup.ts swaps the global one per test).
    const req = Dexie.dependencies.indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error!);
  });
  const stores = [...idb.objectStoreNames];
  const tx = idb.transaction(stores, 'readonly');
  const parts = await Promise.all(
    stores.map(
      (store) =>
        new Promise<string>((resolve, reject) => {
          const req = tx.objectStore(store).getAll();
          req.onsuccess = () =>
            resolve(
              `${store}: ${JSON.stringify(req.result, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : v))}`,
            );
          req.onerror = () => reject(req.error!);
        }),
    ),
  );
  idb.close();
  return parts.join('\n');
}

/** A value as it would appear in plain: as text, and as its UTF-8 bytes read as Latin-1. */
function plainForms(value: string): string[] {
  return [value, new TextDecoder('latin1').decode(new TextEncoder().encode(value))];
}

async function populated() {
  const { db, admin } = await freshDb();
  const person = await savePerson(
    db,
    admin,
    anna({
      kind: 'customer',
      private: true,
      firstName: SECRET.firstName,
      lastName: SECRET.lastName,
      street: SECRET.street,
      postalCode: SECRET.postalCode,
      city: SECRET.city,
      email: SECRET.email,
      phone: SECRET.phone,
      furtherPhones: SECRET.furtherPhones,
      fax: SECRET.fax,
      organisation: SECRET.organisation,
      position: SECRET.position,
      note: SECRET.note,
      bankAccounts: [{ iban: SECRET.iban, bic: 'COBADEFFXXX', holder: `${SECRET.firstName} ${SECRET.lastName}` }],
    }),
    CONTRACT,
  );
  const other = await savePerson(db, admin, anna({ firstName: 'Berthold', lastName: 'Nebenan' }), CONTRACT);
  const consent = await recordConsent(db, admin, {
    personId: person.id,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-01-02',
    channel: 'written',
    text: SECRET.consentText,
    evidenceFile: {
      name: 'quastenbrueck.pdf',
      mimeType: 'application/pdf',
      data: new TextEncoder().encode(SECRET.evidence),
    },
    confirmedByUser: true,
  });
  // Linked to the other person: a transaction is a retention duty, and the first is erased below.
  await addTransaction(db, admin, {
    kind: 'contact',
    date: '2026-02-01',
    title: SECRET.transaction,
    personIds: [other.id],
    attachment: {
      name: 'auftrag.pdf',
      mimeType: 'application/pdf',
      data: new TextEncoder().encode(`%PDF-1.4 ${SECRET.transaction}`),
    },
  });
  await createRequest(db, admin, {
    personId: person.id,
    kind: 'access',
    receivedAt: '2026-03-01',
    note: SECRET.request,
  });
  await recordBreach(db, admin, {
    knownAt: '2026-03-02T10:00:00.000Z',
    description: SECRET.breach,
    dataCategories: 'Kontaktdaten',
    affectedCount: 1,
    measures: 'Passwörter geändert',
  });
  return { db, admin, person, other, consent };
}

describe('encryption at rest', () => {
  it('leaves no personal value in plain in any IndexedDB store', async () => {
    const { db, admin, person } = await populated();
    await lockPerson(db, admin, person.id, SECRET.lockReason);
    const dump = await dumpAllStores(db.name);
    expect(dump).toContain('persons: ');
    expect(dump).toContain(person.id);
    const values = Object.values(SECRET).flat();
    for (const value of values) for (const form of plainForms(value)) expect(dump, value).not.toContain(form);
    // Nor a telltale part of one: the e-mail's user name, the phone digits.
    expect(dump).not.toContain('xaverine');
    expect(dump).not.toContain('9988776');
    // And the app still reads everything back.
    expect(await db.persons.get(person.id)).toMatchObject({
      firstName: SECRET.firstName,
      bankAccounts: [{ iban: SECRET.iban }],
    });
  });

  it('cannot read personal data after sign-out, and can again after sign-in', async () => {
    const { db, person } = await populated();
    signOut(db);
    await expect(db.persons.get(person.id)).rejects.toBeInstanceOf(KeysLockedError);
    await signIn(db, 'admin', PASS);
    expect((await db.persons.get(person.id))?.lastName).toBe(SECRET.lastName);
  });

  it('binds each sealed value to its record: swapped ciphertexts do not open', async () => {
    const { db, person, other } = await populated();
    const raw = rawConnection(db);
    const [a, b] = (await raw.persons.bulkGet([person.id, other.id])) as unknown as { sealed: Uint8Array }[];
    await raw.persons.put({ ...(a as object), sealed: b.sealed } as never);
    await expect(db.persons.get(person.id)).rejects.toThrow();
    expect((await db.persons.get(other.id))?.lastName).toBe('Nebenan');
  });

  it('re-wraps the data key on a passphrase change, without re-encrypting any record', async () => {
    const { db, admin, person } = await populated();
    const before = await rawConnection(db).persons.get(person.id);
    await changePassphrase(db, admin, PASS, 'a brand new passphrase');
    expect(await rawConnection(db).persons.get(person.id)).toEqual(before);
    signOut(db);
    await expect(signIn(db, 'admin', PASS)).rejects.toThrow();
    await signIn(db, 'admin', 'a brand new passphrase');
    expect((await db.persons.get(person.id))?.firstName).toBe(SECRET.firstName);
  });

  it('gives a new user the data key under their own passphrase', async () => {
    const { db, admin, person } = await populated();
    await createUser(db, admin, {
      name: 'mia',
      staffNumber: 'P-2',
      passphrase: 'mia passphrase 1',
      permissions: ['editPersons'],
    });
    signOut(db);
    await signIn(db, 'mia', 'mia passphrase 1');
    expect((await db.persons.get(person.id))?.email).toBe(SECRET.email);
  });
});

describe('passphrases set by an administrator', () => {
  it('a forgotten passphrase is set anew: the user signs in with the new one and reads the data', async () => {
    const { db, admin, person } = await populated();
    const mia = await createUser(db, admin, {
      name: 'mia',
      staffNumber: 'P-2',
      passphrase: 'mia passphrase 1',
      permissions: ['editPersons'],
    });
    await setUserPassphrase(db, admin, mia.id, 'mia passphrase 2');
    await expect(setUserPassphrase(db, admin, mia.id, 'kurz')).rejects.toMatchObject({
      messageKey: 'error.passphraseTooShort',
    });
    signOut(db);
    await expect(signIn(db, 'mia', 'mia passphrase 1')).rejects.toThrow();
    const session = await signIn(db, 'mia', 'mia passphrase 2');
    expect((await db.persons.get(person.id))?.city).toBe(SECRET.city);
    // Only with "manageUsers".
    await expect(setUserPassphrase(db, session, admin.userId, 'taken over 1')).rejects.toMatchObject({
      messageKey: 'error.permissionDenied',
    });
  });

  it('an account from before encryption is refused with a clear message until its passphrase is set anew', async () => {
    const { db, admin, person } = await populated();
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-2', passphrase: 'mia passphrase 1' });
    // As a version before encryption stored it: a verifier, no wrapped data key.
    const { dataKey: _k, ...legacy } = (await rawConnection(db).users.get(mia.id))!;
    await rawConnection(db).users.put(legacy);
    signOut(db);
    await expect(signIn(db, 'mia', 'mia passphrase 1')).rejects.toMatchObject({ messageKey: 'error.noKeyForUser' });
    const again = await signIn(db, 'admin', PASS);
    await setUserPassphrase(db, again, mia.id, 'mia passphrase 2');
    signOut(db);
    await signIn(db, 'mia', 'mia passphrase 2');
    expect((await db.persons.get(person.id))?.lastName).toBe(SECRET.lastName);
  });
});

describe('crypto-erasure', () => {
  it('erasing a person destroys their key; a backup made before, restored after, no longer yields their data', async () => {
    const { db, admin, person, other, consent } = await populated();
    const backup = await createBackup(db, admin, 'backup passphrase 1');
    // The directory's buckets are written once it was built (at sign-in, by the list).
    await directoryOf(db).ready();
    // The backup holds the person (sealed) and their key secret: without erasure it restores them.
    await deletePerson(db, admin, person.id, { purposeId: '', comment: 'Löschung nach Art. 17 verlangt' });
    expect(await db.personKeys.get(person.id)).toBeUndefined();
    expect(await db.erasures.get(person.id)).toMatchObject({ personId: person.id });
    expect(await db.persons.get(person.id)).toBeUndefined();
    // The directory's stored bucket lost the person in the same transaction.
    const named = async () => (await storedDirectory(db)).flatMap((b) => b.entries).map((e) => e.id);
    expect(await named()).not.toContain(person.id);
    expect(await named()).toContain(other.id);

    const result = await restoreBackup(db, admin, backup, 'backup passphrase 1');
    expect(result).toEqual({ persons: 1, erasedAgain: 1, disconnected: false });
    await signIn(db, 'admin', PASS);
    expect(await db.persons.get(person.id)).toBeUndefined();
    expect(await db.consents.get(consent.id)).toBeUndefined();
    expect(await db.personKeys.get(person.id)).toBeUndefined();
    expect((await db.persons.get(other.id))?.lastName).toBe('Nebenan');
    // Nothing of the person in any store, sealed or not.
    const dump = await dumpAllStores(db.name);
    expect(dump).not.toContain(`"id":"${person.id}"`);
    expect(dump).not.toContain(`"personId":"${person.id}","secret"`);
    expect((await db.files.toArray()).filter((f) => f.personId === person.id)).toEqual([]);
    // The request register keeps the proof that the erasure request existed.
    expect(await db.requests.where('personId').equals(person.id).count()).toBe(1);
    // The directory is not in backups: rebuilt from what was restored. (Its count right after the
    // restore is no proof: the restore's own change starts a rebuild in the background, which may
    // already have written buckets — CI met that once.)
    expect(BACKUP_TABLES).not.toContain('directory');
    await directoryOf(db).ready();
    expect(await named()).toEqual([other.id]);
  });

  it('a sealed record whose key secret is gone cannot be opened', async () => {
    const { db, person } = await populated();
    const raw = rawConnection(db);
    const sealed = await raw.persons.get(person.id);
    await raw.personKeys.delete(person.id);
    signOut(db);
    await signIn(db, 'admin', PASS);
    expect(sealed).toHaveProperty('sealed');
    await expect(db.persons.get(person.id)).rejects.toMatchObject({ messageKey: 'error.personKeyMissing' });
  });
});

export type { ConsentbookDB };
