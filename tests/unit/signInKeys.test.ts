/**
 * Signing in loads no person's key secret (issue 18: 100,000 of them stood before the first rows);
 * every reader and writer loads those it needs. And what sign-in reads ahead of the key opens
 * nothing: a wrong passphrase still gets nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  collectAccessReport,
  collectPersonOverview,
  deletePerson,
  importPersons,
  KeysLockedError,
  logEvent,
  queryAudit,
  recordConsent,
  savePerson,
  signIn,
} from '../../src/data';
import { signOut } from '../../src/data/auth';
import { rawConnection } from '../../src/data/db';
import { directoryOf } from '../../src/data/directory';
import { bucketOf } from '../../src/data/core/derived';
import { readFirst, type StoredBucket } from '../../src/data/directory/readAhead';
import { loadEveryPersonSecret, loadPersonSecrets } from '../../src/data/directory/bulkRead';
import { LOAD_ALL_ABOVE } from '../../src/data/core/personSecrets';
import { newPerson } from '../../src/domain/person';
import { anna, CONTRACT, enterController, exportedJson, freshDb, PASSPHRASE, SIGNED_FORM } from './helpers';
import { realPbkdf2 } from '../pbkdf2Memo';

async function book() {
  const { db, admin } = await freshDb();
  const person = await savePerson(db, admin, anna({ lastName: 'Quast' }), {
    ...CONTRACT,
    comment: 'Anruf von Frau Quast',
  });
  const other = await savePerson(db, admin, anna({ firstName: 'Berthold', lastName: 'Nebenan' }), CONTRACT);
  await recordConsent(db, admin, {
    ...SIGNED_FORM,
    personId: person.id,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-01-02',
    channel: 'written',
    text: 'Newsletter',
    confirmedByUser: true,
  });
  return { db, admin, person, other };
}

describe('sign-in and the person secrets', () => {
  it('loads no person secret, and every read still opens what it needs', async () => {
    const { db, person, other } = await book();
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    expect(db.keyring.hasPerson(person.id)).toBe(false);
    expect(db.keyring.hasPerson(other.id)).toBe(false);
    // A record read through the middleware loads its person's secret in its transaction.
    expect((await db.persons.get(person.id))?.lastName).toBe('Quast');
    expect(db.keyring.hasPerson(person.id)).toBe(true);
    expect(db.keyring.hasPerson(other.id)).toBe(false);
  });

  it('a cursor over person-keyed records opens them (the overview counts every consent)', async () => {
    const { db } = await book();
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    let seen = 0;
    await db.consents.each((c) => (seen += c.text === 'Newsletter' ? 1 : 0));
    expect(seen).toBe(1);
    // The overview opens every consent for its dates: the one given in January counted.
    const figures = await collectPersonOverview(db, new Date('2026-06-15T12:00:00Z'));
    expect(figures.consentsPerMonth.find((m) => m.month === '2026-01')?.given).toBe(1);
  });

  it('an entry about a person whose secret is not loaded is sealed under the person key, so erasure reaches it', async () => {
    const { db, person } = await book();
    signOut(db);
    const admin = await signIn(db, 'admin', PASSPHRASE);
    expect(db.keyring.hasPerson(person.id)).toBe(false);
    await logEvent(db, admin, 'other', person.id, 'call', 'Frau Quast rief an');
    const raw = rawConnection(db);
    const last = (await raw.auditLog.orderBy('seq').last()) as unknown as { textKey?: string; personId: string };
    expect(last.personId).toBe(person.id);
    expect(last.textKey).toBe('person');
    await deletePerson(db, admin, person.id, { purposeId: '', comment: 'Löschung verlangt' });
    const entries = await queryAudit(db, { personId: person.id });
    const call = entries.find((e) => e.action === 'other');
    expect(call?.textErased).toBe(true);
    expect(call?.comment).toBe('');
  });

  it('an access report and the export of everything open records whose secrets were not loaded', async () => {
    const { db, admin: first, person, other } = await book();
    await enterController(db, first);
    signOut(db);
    const admin = await signIn(db, 'admin', PASSPHRASE);
    const report = await collectAccessReport(db, admin, person.id);
    expect(report.person.lastName).toBe('Quast');
    expect(report.auditEntries.some((e) => e.comment === 'Anruf von Frau Quast')).toBe(true);
    signOut(db);
    const session = await signIn(db, 'admin', PASSPHRASE);
    const { text } = await exportedJson(db, session);
    const names = (JSON.parse(text) as { persons: { person: { lastName: string } }[] }).persons.map(
      (p) => p.person.lastName,
    );
    expect(names.sort()).toEqual(['Nebenan', 'Quast']);
    expect(db.keyring.hasPerson(other.id)).toBe(true);
  });

  it('a reader missing many secrets reads them all, in runs by key, once per sign-in', async () => {
    const { db, admin, person, other } = await book();
    const third = await savePerson(db, admin, anna({ lastName: 'Dritte' }), CONTRACT);
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    expect(db.keyring.allPersonsLoaded).toBe(false);
    // Two missing, above a bound of 1: every secret comes (the third person's too).
    await loadPersonSecrets(db, [person.id, other.id], 1);
    expect(db.keyring.hasPerson(third.id)).toBe(true);
    expect(db.keyring.allPersonsLoaded).toBe(true);
    signOut(db);
    expect(db.keyring.allPersonsLoaded).toBe(false);
    expect(db.keyring.hasPerson(third.id)).toBe(false);
  });

  it('a read through the rules meeting more than 1,000 persons without their secrets reads every secret at once', async () => {
    const { db, admin } = await book();
    const persons = Array.from({ length: LOAD_ALL_ABOVE + 20 }, (_, i) =>
      newPerson('contact', { lastName: `Messe${String(i).padStart(4, '0')}` }),
    );
    await importPersons(db, admin, { fileName: 'messe.vcf', persons }, CONTRACT);
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    // A few missing: those alone (one request each).
    const few = (await rawConnection(db).persons.limit(3).toArray()).map((p) => p.id);
    await db.persons.bulkGet(few);
    expect(db.keyring.allPersonsLoaded).toBe(false);
    // Every person at once: two reads of all secrets, not a request per person and per key group.
    const all = await db.persons.toArray();
    expect(db.keyring.allPersonsLoaded).toBe(true);
    expect(all.filter((p) => p.lastName.startsWith('Messe'))).toHaveLength(LOAD_ALL_ABOVE + 20);
  });

  it('every secret, own records and key groups of any size, comes in runs of about the size asked', async () => {
    const { db, admin } = await book();
    const reason = { purposeId: 'purpose-contract', comment: 'Messekontakte' };
    const imported = async (n: number, tag: string) => {
      const persons = Array.from({ length: n }, (_, i) => newPerson('contact', { lastName: `${tag}${i}` }));
      await importPersons(db, admin, { fileName: `${tag}.vcf`, persons }, reason);
      return persons.length;
    };
    // Groups of 50, 50, 20 and 7 (an import's chunks), besides the book's own records.
    await imported(120, 'A');
    await imported(7, 'B');
    const raw = rawConnection(db);
    expect((await raw.personKeyGroups.toArray()).map((g) => g.personIds.length).sort((a, b) => a - b)).toEqual([
      7, 20, 50, 50,
    ]);
    const ids = await raw.persons.toCollection().primaryKeys();
    signOut(db);
    await signIn(db, 'admin', PASSPHRASE);
    expect(ids.filter((id) => db.keyring.hasPerson(id))).toEqual([]);
    // Runs of about 30: the own records in one, the groups two first, then one a run.
    await loadEveryPersonSecret(db, 30);
    expect(ids.filter((id) => !db.keyring.hasPerson(id))).toEqual([]);
    expect(db.keyring.allPersonsLoaded).toBe(true);
  });

  it('a wrong passphrase gets nothing: the keyring stays locked, the directory empty', async () => {
    realPbkdf2(); // a passphrase check is this test's subject
    const { db, person } = await book();
    await directoryOf(db).ready();
    signOut(db);
    await expect(signIn(db, 'admin', 'not the passphrase')).rejects.toThrow();
    expect(db.keyring.unlocked).toBe(false);
    expect(directoryOf(db).state.status).toBe('empty');
    expect(directoryOf(db).size).toBe(0);
    await expect(db.persons.get(person.id)).rejects.toBeInstanceOf(KeysLockedError);
    // The right one afterwards reads the book as stored now (nothing kept from the failed try).
    await signIn(db, 'admin', PASSPHRASE);
    await directoryOf(db).ready();
    expect(directoryOf(db).entry(person.id)?.id).toBe(person.id);
  });
});

describe('sign-in and the directory', () => {
  it('shows the rows of its first buckets, read during sign-in, before it is complete', async () => {
    const { db, admin } = await freshDb();
    // Persons in the first buckets read (the lowest numbers) and beyond them.
    const early: string[] = [];
    const late: string[] = [];
    while (early.length < 3 || late.length < 20) {
      const id = crypto.randomUUID();
      if (bucketOf(id) < 8 && early.length < 3) early.push(id);
      else if (bucketOf(id) >= 64 && late.length < 20) late.push(id);
    }
    for (const [i, id] of [...early, ...late].entries())
      await savePerson(db, admin, anna({ id, lastName: `Person ${i}` }), CONTRACT);
    // The stored buckets, written as the first build after the saves writes them.
    await directoryOf(db).ready();
    signOut(db);
    const seen: { status: string; size: number; done?: number; total?: number | null }[] = [];
    const directory = directoryOf(db);
    const stop = directory.subscribe(() => {
      const state = directory.state;
      seen.push({
        status: state.status,
        size: directory.size,
        done: state.status === 'building' ? state.done : undefined,
        total: state.status === 'building' ? state.total : undefined,
      });
    });
    await signIn(db, 'admin', PASSPHRASE);
    await directory.ready();
    stop();
    const firstRows = seen.findIndex((s) => s.status === 'building' && s.size > 0);
    expect(firstRows).toBeGreaterThanOrEqual(0);
    expect(seen[firstRows].size).toBeLessThan(early.length + late.length);
    // The total comes with the first rows, from the buckets' headers (the persons they were
    // written for): not counted, since IndexedDB's count holds every other request while it runs.
    expect(seen[firstRows].total).toBe(early.length + late.length);
    // The progress follows the reads (the list keeps showing the first rows meanwhile).
    const building = seen.filter((s) => s.status === 'building');
    expect(building.at(-1)?.done).toBe(early.length + late.length);
    expect(building.at(-1)?.size).toBe(seen[firstRows].size);
    expect(seen.findIndex((s) => s.status === 'ready')).toBeGreaterThan(firstRows);
    expect(directory.size).toBe(early.length + late.length);
  });

  it('reads about a screen of rows first, chosen by stored size: 2 buckets of 100,000 persons, 16 of a small book', async () => {
    // A stored bucket: ~150 bytes per person.
    const firstOf = async (personsPerBucket: number, buckets = 1_024) => {
      const reads: number[][] = [];
      const first = await readFirst(
        (keys) => {
          reads.push(keys);
          return Promise.resolve(
            keys.map((bucket): StoredBucket => ({ bucket, sealed: new Uint8Array(80 + 150 * personsPerBucket) })),
          );
        },
        Array.from({ length: buckets }, (_, b) => b),
      );
      expect(reads.flat()).toEqual(first.map((b) => b?.bucket));
      return { first: first.length, reads: reads.map((r) => r.length) };
    };
    expect(await firstOf(98)).toEqual({ first: 2, reads: [1, 1] });
    expect(await firstOf(20)).toEqual({ first: 8, reads: [1, 1, 2, 4] });
    expect(await firstOf(1)).toEqual({ first: 16, reads: [1, 1, 2, 4, 8] });
    expect(await firstOf(0, 5)).toEqual({ first: 5, reads: [1, 1, 2, 1] });
    expect(await firstOf(0, 0)).toEqual({ first: 0, reads: [] });
  });
});
