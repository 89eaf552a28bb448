// Permissions across the wire (issue 20, item 5), against the REAL sync server: a person locked on
// A and changed offline on B ends as a conflict every device shows, the lock standing on each —
// not B's change over it; an administrator resolves it by keeping the locked version. A change by
// a device that ignores the lock, or that changes personal data without a purpose while the book's
// GDPR support is on, is refused where it arrives (quarantined); with GDPR support switched off, the
// same kind of change passes.
import { describe, expect, it } from 'vitest';
import { countHeldBack, readHeldBack } from '../../src/data/queries/heldBack';
import {
  lockPerson,
  PersonLockedError,
  savePerson,
  signIn,
  updatePrivacySettings,
  type ConsentbookDB,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import {
  conflictVersions,
  exportBookKey,
  listConflicts,
  resolveConflict,
  startSync,
  stopSync,
  syncNow,
  type SyncConfig,
} from '../../src/data/sync';
import { toDoc, type StoredDoc } from '../../src/data/sync/docs';
import { nextClock } from '../../src/domain/versionClock';
import { pump } from '../../src/data/sync/pump';
import { localPouch } from '../../src/data/sync/pouch';
import { withDerivedFields } from '../../src/data/core/derived';
import { SEALED_TABLES, TableCodec } from '../../src/data/middleware/sealing';
import { SYNC_DEVICE_KEY } from '../../src/data/middleware/outbox';
import type { Person } from '../../src/domain/person';
import { createReader, anna, CONTRACT, PASSPHRASE, until, useSyncServer } from './helpers';

const sync = useSyncServer();

/** Device A's book with one person, B and C joined. */
async function threeDevices(lastName: string) {
  const book = await sync.connectedBook(anna({ lastName, city: 'Sperrstadt' }));
  const b = await sync.join(book.config, exportBookKey(book.a, book.adminA));
  const c = await sync.join(book.config, exportBookKey(book.a, book.adminA));
  return { ...book, b: b.db, adminB: b.session, c: c.db, adminC: c.session };
}

/**
 * A person's version as a device that ignores the rules would send it: sealed under the person's
 * key and MACed with the book's key (the keys any member's device holds), on top of the server's
 * current revision.
 */
async function putForged(config: SyncConfig, a: ConsentbookDB, author: string, person: Person): Promise<void> {
  const raw = rawConnection(a);
  const codec = new TableCodec('persons', SEALED_TABLES.persons, raw.core.table('persons'), a.keyring);
  const stored = codec.encode(withDerivedFields(person) as unknown as Record<string, unknown>, person.id);
  const secret = (await raw.personKeys.get(person.id))!.secret;
  const docId = `persons:${person.id}`;
  const url = `${sync.server().url}${config.database}/${encodeURIComponent(docId)}`;
  const { _rev, clock } = (await (await fetch(url, { headers: sync.auth() })).json()) as StoredDoc;
  // Written over the current version (its clock one up for this device, as the app counts).
  const device = 'device-ignoring-rules';
  const env = {
    id: docId,
    table: 'persons',
    author,
    device,
    account: config.username,
    clock: nextClock(clock, device),
  };
  const put = await fetch(url, {
    method: 'PUT',
    headers: sync.auth(),
    body: JSON.stringify({ ...toDoc(a.keyring, env, stored, secret), _rev }),
  });
  expect(put.status).toBe(201);
}

describe('a lock holds across devices', { timeout: 120_000 }, () => {
  it('a person locked on A and changed offline on B is a conflict on every device, the lock standing; an administrator keeps the locked version', async () => {
    const { a, b, c, adminA, adminB, adminC, first } = await threeDevices('Sperrvermerk');
    for (const db of [b, c]) await until('the person on B and C', async () => !!(await db.persons.get(first.id)));

    // B goes offline and changes the person twice (each change reaches B's replica: B's branch is
    // the longer one, so it is the revision CouchDB itself would show).
    await stopSync(b);
    const replicaB = await localPouch(b.name);
    const writer = {
      device: (await rawConnection(b).settings.get(SYNC_DEVICE_KEY))!.value as string,
      account: 'admin',
    };
    for (const city of ['Offlinehausen', 'Offlinedorf']) {
      await savePerson(b, adminB, { ...(await b.persons.get(first.id))!, city }, CONTRACT);
      await pump(b, replicaB, writer);
    }
    // Meanwhile A locks the person (Art. 18).
    await lockPerson(a, adminA, first.id, 'Richtigkeit bestritten');
    await syncNow(a);
    await until('the lock on C', async () => !!(await c.persons.get(first.id))?.lock);

    await startSync(b, await signIn(b, 'admin', PASSPHRASE));
    for (const db of [a, b, c])
      await until('the conflict everywhere', async () => (await listConflicts(db)).length === 1);
    for (const db of [a, b, c]) {
      await syncNow(db);
      const person = (await db.persons.get(first.id))!;
      expect(person.lock?.reason).toBe('Richtigkeit bestritten');
      expect(person.city).toBe('Sperrstadt');
      expect(await listConflicts(db)).toEqual([{ personId: first.id, versions: 2 }]);
      const versions = await conflictVersions(db, first.id);
      // The version shown (and kept) is the locked one; B's change is the other, to look at.
      expect(versions.find((v) => v.winner)?.person).toMatchObject({ city: 'Sperrstadt', locked: 1 });
      expect(versions.find((v) => !v.winner)?.person).toMatchObject({ city: 'Offlinedorf', lock: null });
    }

    // Taking B's change over the lock is refused; keeping the locked version resolves the conflict.
    const versions = await conflictVersions(c, first.id);
    const locked = versions.find((v) => v.winner)!.person!;
    await expect(
      resolveConflict(c, adminC, first.id, { ...locked, city: 'Offlinedorf' }, CONTRACT),
    ).rejects.toBeInstanceOf(PersonLockedError);
    await resolveConflict(c, adminC, first.id, locked, CONTRACT);
    for (const db of [a, b, c]) {
      await until('resolved everywhere', async () => (await listConflicts(db)).length === 0);
      await syncNow(db);
      expect(await db.persons.get(first.id)).toMatchObject({ city: 'Sperrstadt', locked: 1 });
      expect(await readHeldBack(db)).toEqual([]);
    }
  });
});

describe('changes that break a rule are refused where they arrive', { timeout: 120_000 }, () => {
  it('a change of a locked person, and a change of personal data without a purpose while GDPR support is on', async () => {
    const { config, a, b, adminA, first } = await sync.twoDevices(anna({ lastName: 'Regelbrecher', city: 'Alttal' }));
    const other = await savePerson(a, adminA, anna({ lastName: 'Zweckfrei', city: 'Altdorf' }), CONTRACT);
    await lockPerson(a, adminA, first.id, 'Widerspruch eingelegt');
    await syncNow(a);
    await until('both on B', async () => !!(await b.persons.get(first.id))?.lock && !!(await b.persons.get(other.id)));

    // The locked person's content changed, the lock kept.
    const lockedOnA = (await a.persons.get(first.id))!;
    await putForged(config, a, adminA.userId, { ...lockedOnA, city: 'Neutal', version: lockedOnA.version + 1 });
    // The other person's address changed without a purpose.
    const otherOnA = (await a.persons.get(other.id))!;
    await putForged(config, a, adminA.userId, { ...otherOnA, city: 'Neudorf', purposeId: '', version: 9 });
    for (const db of [a, b]) {
      await until('both refused', async () => (await readHeldBack(db)).length === 2);
      const reasons = Object.fromEntries((await readHeldBack(db)).map((q) => [q.docId, q.reason]));
      expect(reasons).toEqual({
        [`persons:${first.id}`]: 'its person is locked',
        [`persons:${other.id}`]: 'it changes personal data without a purpose',
      });
      expect((await db.persons.get(first.id))?.city).toBe('Alttal');
      expect((await db.persons.get(other.id))?.city).toBe('Altdorf');
    }

    // GDPR support switched off (by an administrator, on A): the same kind of change passes on B.
    await updatePrivacySettings(a, adminA, { gdprSupportDisabled: true }, 'Nur Firmenkunden');
    await syncNow(a);
    await until('the switch on B', async () => {
      const privacy = (await rawConnection(b).settings.get('privacy'))?.value as
        { gdprSupportDisabled?: boolean } | undefined;
      return !!privacy?.gdprSupportDisabled;
    });
    await putForged(config, a, adminA.userId, { ...otherOnA, city: 'Neustadt', purposeId: '', version: 10 });
    await until('applied on B', async () => (await b.persons.get(other.id))?.city === 'Neustadt');
    expect(await readHeldBack(b)).toHaveLength(2);
  });
});

describe('a conflict with a version its checks refuse', { timeout: 120_000 }, () => {
  it('names that version with why and never offers it; keeping the shown one resolves the conflict and drops it on every device', async () => {
    const { config, a, adminA, b, adminB, first } = await sync.twoDevices(
      anna({ lastName: 'Rechteentzug', city: 'Altstadt' }),
    );
    // A member without the right to change persons (taken from her, or never given).
    const reader = await createReader(a, adminA);
    await syncNow(a);
    await until('the reader on B', async () => !!(await rawConnection(b).users.get(reader.id)));
    // A changes the person offline; meanwhile the reader's version reaches the server. B is away
    // until both are there: an administrator's device finding the refused version alone on the
    // server would write its own over it (sync/writeOver.ts, tests/unit/syncConverge.test.ts).
    await stopSync(a);
    await stopSync(b);
    await savePerson(a, adminA, { ...(await a.persons.get(first.id))!, city: 'Aachen' }, CONTRACT);
    await putForged(config, a, reader.id, { ...(await a.persons.get(first.id))!, city: 'Leserstadt' });
    await startSync(a, adminA);
    const url = `${sync.server().url}${config.database}/${encodeURIComponent(`persons:${first.id}`)}?conflicts=true`;
    const conflictsOnServer = async () =>
      ((await (await fetch(url, { headers: sync.auth() })).json()) as StoredDoc)._conflicts ?? [];
    await until('both versions on the server', async () => {
      await syncNow(a);
      return (await conflictsOnServer()).length === 1;
    });
    await startSync(b, adminB);
    // Held back on both devices, the conflict on both.
    for (const db of [a, b])
      await until('the conflict, her version held back', async () => {
        await syncNow(db);
        return (await listConflicts(db)).length === 1 && (await countHeldBack(db)) === 1;
      });

    const versions = await conflictVersions(a, first.id);
    const refused = versions.filter((v) => v.refused);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      person: null,
      author: reader.id,
      refused: { key: 'sync.refused.mayNotChange' },
    });
    const offered = versions.filter((v) => v.person);
    expect(offered.map((v) => v.person?.city)).toEqual(['Aachen']);

    await resolveConflict(a, adminA, first.id, offered[0].person!, CONTRACT);
    await until('resolved on A', async () => (await listConflicts(a)).length === 0);
    await until('the refused version gone from the server too', async () => {
      await syncNow(a);
      return (await conflictsOnServer()).length === 0;
    });
    expect((await a.persons.get(first.id))?.city).toBe('Aachen');
    // Dropped where it was resolved and where the resolution arrived: listed so, warned of no longer.
    for (const db of [a, b]) {
      await until('resolved, its version dropped', async () => {
        await syncNow(db);
        return (await listConflicts(db)).length === 0 && (await countHeldBack(db)) === 0;
      });
      expect(await readHeldBack(db)).toMatchObject([
        { docId: `persons:${first.id}`, outcome: 'dropped', standing: false },
      ]);
      expect((await db.persons.get(first.id))?.city).toBe('Aachen');
    }
  });
});
