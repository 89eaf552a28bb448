// A member's erasure of a person refused where her right was taken before it arrived. Against the
// REAL sync server. Mia (phone B), who may erase, erases person P while administrator Anna's device A
// is offline; C applies the erasure. A takes her rights offline, then pulls the erasure: it refuses
// it for her rights (never vouched for: A never saw it) and writes nothing over the tombstone. D
// joins afterwards. What each device holds — and what becomes of a change A makes of P afterwards —
// is the behaviour README "Sync" describes (the devices diverge; nothing here settles it).
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { createUser, deletePerson, savePerson, updateUser, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { exportBookKey, startSync, stopSync, syncNow } from '../../src/data/sync';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, drained, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

const onServer = sync.docOnServer;
/** What a device holds of the person: the record's city, whether it erased them, what it held back. */
async function state(db: ConsentbookDB, personId: string) {
  return {
    city: (await db.persons.get(personId))?.city ?? null,
    erased: !!(await rawConnection(db).erasures.get(personId)),
    heldBack: (await readHeldBack(db)).map((q) => q.docId).sort(),
  };
}

describe('a member’s erasure refused after her right was taken', { timeout: 240_000 }, () => {
  it('on the server before the administrator took it: erased where applied, kept on A, back with A’s next change', async () => {
    const { a, adminA, b, config, first: p } = await sync.twoDevices(anna({ city: 'Bonn' }));
    const key = exportBookKey(a, adminA);
    const mia = await createUser(a, adminA, {
      name: 'mia',
      staffNumber: 'P-7',
      passphrase: MIA,
      permissions: ['editPersons', 'deletePersons'],
      groupIds: [],
    });
    const { db: c } = await sync.join(config, key);
    await until('B and C hold Mia and her grant', async () => {
      for (const db of [a, b, c]) await syncNow(db);
      const held = async (db: ConsentbookDB) =>
        (await rawConnection(db).keyGrants.toArray()).some((g) => g.userId === mia.id);
      return (await held(b)) && (await held(c));
    });
    const miaB = await signInSyncing(b, 'mia', MIA);
    await until('A pushed', drained(a));
    await stopSync(a);

    // Mia erases P (Art. 17); the erasure reaches the server and C.
    await deletePerson(b, miaB, p.id, { purposeId: '', comment: 'Löschung nach Art. 17 verlangt' });
    await until('erased on C', async () => {
      await syncNow(b);
      await syncNow(c);
      return !(await c.persons.get(p.id));
    });
    await stopSync(b);

    // A, offline, takes her rights; then pulls the erasure and refuses it.
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await startSync(a, adminA);
    await until('A held the erasure back', async () => {
      await syncNow(a);
      return (await readHeldBack(a)).some((q) => q.docId === `erasures:${p.id}`);
    }).catch(async (e: unknown) => {
      const waiting = await rawConnection(a).settings.get('syncWaiting');
      throw new Error(`${String(e)}: ${JSON.stringify({ a: await state(a, p.id), waiting: waiting?.value })}`);
    });
    const { db: d } = await sync.join(config, key);
    for (const db of [a, c, d, a, c, d]) await syncNow(db);

    expect({ a: await state(a, p.id), c: await state(c, p.id), d: await state(d, p.id) }).toEqual({
      // A keeps P and holds the erasure and the person's tombstone back; nothing is written over.
      a: { city: 'Bonn', erased: false, heldBack: [`erasures:${p.id}`, `persons:${p.id}`].sort() },
      // C applied it while Mia could: P is erased there for good.
      c: { city: null, erased: true, heldBack: [] },
      // D refuses both too, and has no version of P to hold: the server's only one is the tombstone.
      d: { city: null, erased: false, heldBack: [`erasures:${p.id}`, `persons:${p.id}`].sort() },
    });
    const server = await onServer(config, `persons:${p.id}`);
    expect({ author: server.author, deleted: server.deleted, conflicts: server._conflicts ?? [] }).toEqual({
      author: mia.id,
      deleted: true,
      conflicts: [],
    });

    // A change A makes of P afterwards goes out beside the tombstone, a conflict: C refuses it (P
    // erased there); D, which refused the erasure, takes it (acceptedLeaf.ts: the version it may
    // accept) — P, with its key, is on every device that did not apply the erasure again.
    await savePerson(a, adminA, { ...((await a.persons.get(p.id)) as Person), city: 'Bonn-Beuel' }, CONTRACT);
    await until('A’s change on C and D', async () => {
      for (const db of [a, c, d]) await syncNow(db);
      return (
        (await d.persons.get(p.id))?.city === 'Bonn-Beuel' &&
        (await readHeldBack(c)).some((q) => q.reason === 'its person was erased')
      );
    });
    const after = await onServer(config, `persons:${p.id}`);
    expect({
      a: (await a.persons.get(p.id))?.city,
      c: await state(c, p.id),
      conflicts: { a: await rawConnection(a).conflicts.count(), d: await rawConnection(d).conflicts.count() },
      server: (after._conflicts ?? []).length,
    }).toEqual({
      a: 'Bonn-Beuel',
      c: { city: null, erased: true, heldBack: [`persons:${p.id}`, `persons:${p.id}`] },
      conflicts: { a: 1, d: 1 },
      server: 1,
    });
  });
});
