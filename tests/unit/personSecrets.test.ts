// An import's key secrets, a chunk a record (core/personSecrets.ts): every reader finds them, an
// erasure takes exactly the erased person's out of its group, a backup holds them as records of
// their own, and they reach another device through sync (against the REAL sync server, started as
// a process by the test).
import { describe, expect, it } from 'vitest';
import {
  createBackup,
  deletePerson,
  importPersons,
  restoreBackup,
  savePerson,
  signIn,
  type Session,
} from '../../src/data';
import { signOut } from '../../src/data/auth';
import { ConsentbookDB, rawConnection } from '../../src/data/db';
import { loadPersonSecrets } from '../../src/data/directory';
import { countSecrets, readSecrets } from '../../src/data/core/personSecrets';
import { exportBookKey, syncNow } from '../../src/data/sync';
import { newPerson } from '../../src/domain/person';
import { anna, CONTRACT, freshDb, PASSPHRASE, tableSpy, until, useSyncServer } from './helpers';

const reason = { purposeId: 'purpose-contract', comment: 'Messekontakte' };
const erasure = { purposeId: '', comment: 'Löschung nach Art. 17 verlangt' };
const people = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => newPerson('contact', { firstName: `${tag}${i}`, lastName: `Import ${tag}` }));

/** The imported persons' ids in the file's order (the log names them so). */
async function importedIds(db: ConsentbookDB, tag: string): Promise<string[]> {
  const all = await db.persons.toArray();
  return all
    .filter((p) => p.lastName === `Import ${tag}`)
    .sort((x, y) => Number(x.firstName.slice(tag.length)) - Number(y.firstName.slice(tag.length)))
    .map((p) => p.id);
}

async function signInAgain(db: ConsentbookDB): Promise<Session> {
  signOut(db);
  return signIn(db, 'admin', PASSPHRASE);
}

describe('an import’s key secrets', () => {
  it('are a record a chunk; an erasure takes only the erased person’s out, the last one the group', async () => {
    const { db, admin } = await freshDb();
    await importPersons(db, admin, { fileName: 'a.vcf', persons: people(120, 'A') }, reason);
    await importPersons(db, admin, { fileName: 'b.vcf', persons: people(2, 'B') }, reason);
    const raw = rawConnection(db);
    const [a, b] = [await importedIds(db, 'A'), await importedIds(db, 'B')];
    expect(await raw.personKeys.count()).toBe(0);
    expect((await raw.personKeyGroups.toArray()).map((g) => g.personIds.length).sort()).toEqual([2, 20, 50, 50]);
    expect(await countSecrets(raw)).toBe(122);

    // Signed in again, nothing in memory: each person opens with the secret from their group.
    const session = await signInAgain(db);
    expect((await db.persons.get(a[77]))?.firstName).toBe('A77');

    await deletePerson(db, session, a[77], erasure);
    expect(await readSecrets(raw, [a[77], a[78]])).toEqual([undefined, expect.objectContaining({ personId: a[78] })]);
    const group = (await raw.personKeyGroups.where('personIds').equals(a[78]).toArray())[0];
    expect(group.personIds).toHaveLength(49);
    expect(group.personIds).not.toContain(a[77]);
    expect(group.secrets).toHaveLength(49);

    // A group whose persons are all erased is gone.
    for (const id of b) await deletePerson(db, session, id, erasure);
    expect(await raw.personKeyGroups.count()).toBe(3);
    expect(await countSecrets(raw)).toBe(119);

    await signInAgain(db);
    expect((await db.persons.get(a[78]))?.firstName).toBe('A78');
    expect(await db.persons.get(a[77])).toBeUndefined();
  });

  it('are all loaded at once for the directory, and a backup holds them as records of their own', async () => {
    const { db, admin } = await freshDb();
    await importPersons(db, admin, { fileName: 'a.vcf', persons: people(60, 'A') }, reason);
    const ids = await importedIds(db, 'A');
    const session = await signInAgain(db);
    // Every secret read at once (as above a thousand missing): the groups' too.
    await loadPersonSecrets(db, ids, 0);
    expect(ids.every((id) => db.keyring.hasPerson(id))).toBe(true);

    const backup = await createBackup(db, session, 'backup passphrase 1');
    await restoreBackup(db, session, backup, 'backup passphrase 1');
    await signIn(db, 'admin', PASSPHRASE);
    const raw = rawConnection(db);
    expect(await raw.personKeyGroups.count()).toBe(0);
    expect(await raw.personKeys.count()).toBe(60);
    expect((await db.persons.bulkGet(ids)).map((p) => p?.firstName)).toEqual(ids.map((_id, i) => `A${i}`));
  });

  it('read by key, each group holding them is read once, not once per person asked for', async () => {
    const { db, admin } = await freshDb();
    await importPersons(db, admin, { fileName: 'a.vcf', persons: people(60, 'A') }, reason);
    const ids = await importedIds(db, 'A');
    // Counted below every layer of a raw connection of its own: the group records read, and the index's keys.
    const read = { groups: 0, keys: 0 };
    const counting = new ConsentbookDB(db.name, { raw: true }).use(
      tableSpy('count-groups', -10, (table, name) =>
        name !== 'personKeyGroups'
          ? {}
          : {
              query(req) {
                if (req.values) read.groups++;
                else read.keys++;
                return table.query(req);
              },
              getMany(req) {
                read.groups += req.keys.length;
                return table.getMany(req);
              },
            },
      ),
    );
    const found = await readSecrets(counting, ids);
    expect(found.map((s) => s?.personId)).toEqual(ids);
    // 60 persons in two groups (chunks of 50 and 10): their keys by the index, then two group reads.
    expect(read).toEqual({ groups: 2, keys: 60 });
    counting.close();
  });
});

const sync = useSyncServer();

describe('an import’s key secrets in a team', { timeout: 120_000 }, () => {
  it('reach the other device, come back with a change, and an erasure arriving takes the erased person’s out of the group', async () => {
    const { config, a, adminA } = await sync.connectedBook(anna());
    const { db: b } = await sync.join(config, exportBookKey(a, adminA));
    const adminB = await signIn(b, 'admin', PASSPHRASE);
    // Imported on B: their secrets in groups there, in the persons' documents on the server.
    await importPersons(b, adminB, { fileName: 'b.vcf', persons: people(3, 'B') }, CONTRACT);
    const ids = await importedIds(b, 'B');
    expect(await rawConnection(b).personKeyGroups.count()).toBe(1);
    await syncNow(b);
    await until('B’s import on A', async () => (await a.persons.bulkGet(ids)).every((p) => !!p));
    expect((await a.persons.get(ids[1]))?.firstName).toBe('B1');

    // Changed on A: the person comes back to B with their secret, stored there as a record of its own.
    await savePerson(a, adminA, { ...(await a.persons.get(ids[0]))!, city: 'Rückweg' }, CONTRACT);
    await deletePerson(a, adminA, ids[1], erasure);
    await syncNow(a);
    await until('erased on B', async () => !(await rawConnection(b).persons.get(ids[1])));
    await until('A’s change on B', async () => (await b.persons.get(ids[0]))?.city === 'Rückweg');
    const raw = rawConnection(b);
    expect(await raw.personKeys.get(ids[0])).toBeDefined();
    // One secret a person, however stored; a backup holds each once and restores.
    expect(await countSecrets(raw)).toBe(3); // with Anna, the book’s first person
    expect(await readSecrets(raw, ids)).toEqual([
      expect.objectContaining({ personId: ids[0] }),
      undefined,
      expect.objectContaining({ personId: ids[2] }),
    ]);
    expect((await raw.personKeyGroups.toArray()).map((g) => g.personIds)).toEqual([[ids[0], ids[2]]]);
    expect((await b.persons.get(ids[2]))?.firstName).toBe('B2');
    const backup = await createBackup(b, adminB, 'backup passphrase 1');
    await restoreBackup(b, adminB, backup, 'backup passphrase 1');
    await signIn(b, 'admin', PASSPHRASE);
    expect((await b.persons.bulkGet(ids)).map((p) => p?.city ?? null)).toEqual(['Rückweg', null, '']);
  });

  it('pulled by a joining device for persons new there are groups too; every one opens, and one erased on A leaves its group', async () => {
    const { config, a, adminA } = await sync.connectedBook(anna());
    await importPersons(a, adminA, { fileName: 'a.vcf', persons: people(120, 'A') }, reason);
    const ids = await importedIds(a, 'A');
    await syncNow(a);
    // On the server before B joins: B's pull brings them, not its live sync after.
    const onServer = async () =>
      (await Promise.all(ids.map((id) => sync.onServer(config, `persons:${id}`)))).every(Boolean);
    await until('A’s import on the server', onServer);
    const { db: b } = await sync.join(config, exportBookKey(a, adminA));
    const raw = rawConnection(b);
    expect(await countSecrets(raw)).toBe(121);
    const groups = await raw.personKeyGroups.toArray();
    const grouped = groups.flatMap((g) => g.personIds);
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(grouped.length).toBeGreaterThanOrEqual(120);
    expect(groups.every((g) => g.personIds.length <= 50)).toBe(true);
    expect(await raw.personKeys.count()).toBeLessThanOrEqual(121 - grouped.length);

    await signIn(b, 'admin', PASSPHRASE);
    expect((await b.persons.bulkGet(ids)).map((p) => p?.firstName)).toEqual(ids.map((_id, i) => `A${i}`));
    await deletePerson(a, adminA, ids[7], erasure);
    await syncNow(a);
    await until('erased on B', async () => !(await raw.persons.get(ids[7])));
    expect(await readSecrets(raw, [ids[6], ids[7], ids[8]])).toEqual([
      expect.objectContaining({ personId: ids[6] }),
      undefined,
      expect.objectContaining({ personId: ids[8] }),
    ]);
    expect((await raw.personKeyGroups.toArray()).flatMap((g) => g.personIds)).not.toContain(ids[7]);
  });
});
