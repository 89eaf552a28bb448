/**
 * What erasure reaches (issue 15, finding 4): copies of the directory's buckets and of the audit
 * log taken before an erasure — as LevelDB's log may keep them on disk — no longer open to any of
 * the person's values with every key that remains, while the log still verifies and shows who did
 * what, when, for which purpose. Older stored forms (a bucket of format 1, an audit text under the
 * record key) still open.
 */
import { describe, expect, it } from 'vitest';
import { deletePerson, queryAudit, savePerson, signIn, signOut, verifyAuditLog } from '../../src/data';
import { rawConnection, type ConsentbookDB } from '../../src/data/db';
import { directoryOf } from '../../src/data/directory';
import { bucketOf } from '../../src/data/core/derived';
import { loadPersonSecrets } from '../../src/data/directory/bulkRead';
import { openAuditText } from '../../src/data/core/crypto/auditText';
import { toJsonBytes } from '../../src/data/core/crypto/json';
import { aadOf, open, recordAad, seal } from '../../src/data/core/crypto/seal';
import type { AuditEntry } from '../../src/domain/audit';
import { anna, formatOneBucket, freshDb, readBuckets, storedDirectory } from './helpers';

const PASS = 'correct horse battery';
const VALUES = ['Zimmermann', 'anna.zimmermann@example.org', '5550101', 'Köln', 'Lindenweg'];
/** A reason naming the person, as users write them. */
const NAMING_REASON = 'Frau Zimmermann aus Köln hat angerufen';

/** Every way the remaining keys could open a copied bucket: the record key, and the directory's own reading. */
async function readableBuckets(db: ConsentbookDB, copies: { bucket: number; sealed: Uint8Array }[]): Promise<string> {
  const outer = copies.map((c) =>
    new TextDecoder().decode(open(db.keyring.recordKey(), c.sealed, recordAad('directory', c.bucket, c))),
  );
  const opened = await readBuckets(db, copies);
  return [...outer, JSON.stringify(opened)].join('\n');
}

async function book() {
  const { db, admin } = await freshDb();
  const person = await savePerson(db, admin, anna(), { purposeId: 'purpose-contract', comment: NAMING_REASON });
  const other = await savePerson(
    db,
    admin,
    anna({ lastName: 'Nebenan', email: 'n@example.org', city: 'Bonn', phone: '0228 123456', street: 'Bachweg 1' }),
    {
      purposeId: 'purpose-contract',
      comment: 'Vertrag',
    },
  );
  await savePerson(
    db,
    admin,
    { ...person, phone: '+49 221 5550102' },
    { purposeId: 'purpose-contract', comment: NAMING_REASON },
  );
  // The directory writes its buckets once it is built (at sign-in, by the list).
  await directoryOf(db).ready();
  return { db, admin, person, other };
}

describe('erasure reaches old copies', () => {
  it('copies of the directory and the audit log from before an erasure no longer open to the person', async () => {
    const { db, admin, person, other } = await book();
    const raw = rawConnection(db);
    const bucketCopies = await raw.directory.toArray();
    const auditCopies = await raw.auditLog.toArray();
    // Before the erasure the copies do hold the person (the test would prove nothing otherwise).
    expect(await readableBuckets(db, bucketCopies)).toContain('Zimmermann, Anna');
    const before = auditCopies.map((e) => openAuditText(db.keyring, e));
    expect(before.filter((e) => e.comment === NAMING_REASON)).toHaveLength(2);

    await deletePerson(db, admin, person.id, { purposeId: '', comment: 'Antrag nach Art. 17' });
    // Every key that remains, freshly from a new sign-in.
    signOut(db);
    await signIn(db, 'admin', PASS);

    const buckets = await readableBuckets(db, bucketCopies);
    for (const value of VALUES) expect(buckets).not.toContain(value);
    // The erased person's bucket went with its secret: its copies open to nothing, the other buckets' still do.
    expect(await raw.directoryKeys.get(bucketOf(person.id))).toBeUndefined();
    expect(buckets.includes('Nebenan')).toBe(bucketOf(other.id) !== bucketOf(person.id));

    // Every person's secret still stored, as the log's readers load them.
    await loadPersonSecrets(
      db,
      auditCopies.flatMap((e) => (e.personId ? [e.personId] : [])),
    );
    expect(db.keyring.hasPerson(other.id)).toBe(true);
    const after = auditCopies.map((e) => openAuditText(db.keyring, e));
    const text = JSON.stringify(after);
    for (const value of VALUES) expect(text).not.toContain(value);
    const about = after.filter((e) => e.personId === person.id);
    expect(about.length).toBeGreaterThanOrEqual(2);
    for (const e of about) expect(e).toMatchObject({ comment: '', context: '', textErased: true });
    // The entries themselves stay: who, when, which fields, which purpose.
    expect(about.map((e) => e.action)).toEqual(['create', 'update']);
    expect(about[1]).toMatchObject({ userName: 'admin', purposeId: 'purpose-contract', fieldKeys: ['phone'] });
    // Under the record key the person's texts never opened at all.
    const sealedForPerson = auditCopies.filter((e) => e.personId === person.id);
    for (const e of sealedForPerson) {
      expect(e.textKey).toBe('person');
      expect(() => open(db.keyring.recordKey(), e.sealedText!, aadOf('auditLog', 'text'))).toThrow();
    }
    // Another person's reason is untouched.
    expect(after.find((e) => e.personId === other.id)?.comment).toBe('Vertrag');
  });

  it('the log still verifies after an erasure, and the Protokoll says the comment went with the person', async () => {
    const { db, admin, person } = await book();
    await deletePerson(db, admin, person.id, { purposeId: '', comment: 'Antrag nach Art. 17' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, keyed: true });
    const entries = await queryAudit(db, { personId: person.id });
    expect(entries.map((e) => [e.action, e.textErased ?? false])).toEqual([
      // The erasure's own reason stays readable: the proof of why.
      ['delete', false],
      ['update', true],
      ['create', true],
    ]);
    expect(entries[0].comment).toBe('Antrag nach Art. 17');
  });

  it('opens an entry about a person written by another tab once it reads the secret', async () => {
    const { db, person } = await book();
    // Sign-in loads every secret; a person written later by another tab is not in memory yet.
    db.keyring.forgetPerson(person.id);
    const entries = await queryAudit(db, { personId: person.id });
    expect(entries.map((e) => e.comment)).toEqual([NAMING_REASON, NAMING_REASON]);
  });
});

describe('older stored forms', () => {
  it('buckets of an earlier format (1: entries under the record key alone) are not read: the directory is derived from the persons and written anew', async () => {
    const { db, person, other } = await book();
    const raw = rawConnection(db);
    const current = (await storedDirectory(db)).filter((b) => b.entries.length > 0);
    await raw.directory.clear();
    await raw.directory.bulkPut(
      current.map((b) =>
        formatOneBucket(
          db,
          b.bucket,
          b.entries.map((e) => ({ ...e, name: 'Veraltet' })),
        ),
      ),
    );
    expect((await storedDirectory(db)).map((b) => b.format)).toEqual(current.map(() => 1));

    const directory = directoryOf(db);
    directory.reset();
    await directory.ready();
    expect(directory.entry(person.id)?.name).toBe('Zimmermann, Anna');
    expect(directory.search('nebenan').ids).toEqual([other.id]);
    const rewritten = await storedDirectory(db);
    expect(new Set(rewritten.map((b) => b.format))).toEqual(new Set([4]));
    expect(rewritten.flatMap((b) => b.entries.map((e) => e.name)).sort()).toEqual([
      'Nebenan, Anna',
      'Zimmermann, Anna',
    ]);
  });

  it('an audit text sealed under the record key (before person keys) still opens', async () => {
    const { db, person } = await book();
    const [stored] = await rawConnection(db).auditLog.where('personId').equals(person.id).toArray();
    const older: AuditEntry = {
      ...stored,
      textKey: undefined,
      sealedText: seal(db.keyring.recordKey(), toJsonBytes({ comment: 'alt', context: '' }), aadOf('auditLog', 'text')),
    };
    expect(openAuditText(db.keyring, older)).toMatchObject({ comment: 'alt', context: '' });
  });
});
