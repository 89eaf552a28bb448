// Mia's log entries for a version an administrator's device wrote over (sync/writeOver.ts), on every
// device. Against the REAL sync server. Member Mia (phone B) changes person P's street while she
// may (taken everywhere), then, with administrator Anna's device A offline, its city (V); C applies
// V; A takes her edit right, pulls V, refuses it and writes its version over it; D joins later.
// Her city entry describes a change the book no longer holds: on A, C, D and her own phone alike it
// is marked written over; her street entry, whose change stands, is not.
import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/data/queries/audit';
import { collectAccessReport, savePerson, updateUser, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { exportBookKey, startSync, stopSync, syncNow } from '../../src/data/sync';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, drained, enterController, memberMiaOnB, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

const cityOn = async (db: ConsentbookDB, id: string) => (await db.persons.get(id))?.city;
const onServer = sync.docOnServer;
/** Mia's entries about the person, as the Verlauf and the Protokoll read them: the fields and the mark. */
async function herEntries(db: ConsentbookDB, personId: string, miaId: string) {
  const read = async (filter: Parameters<typeof queryAudit>[1]) =>
    (await queryAudit(db, filter))
      .filter((e) => e.userId === miaId && e.personId === personId)
      .map((e) => ({ fields: e.fieldKeys, mark: e.heldBack ?? null }))
      .reverse();
  return { verlauf: await read({ personId }), protokoll: await read({}) };
}

describe('entries of a version written over', { timeout: 240_000 }, () => {
  it('are marked written over on every device that shows them, hers that stand are not', async () => {
    const { a, adminA, b, config, first: p } = await sync.twoDevices(anna({ city: 'Bonn' }));
    const key = exportBookKey(a, adminA);
    await enterController(a, adminA);
    const mia = await memberMiaOnB(a, adminA, b, MIA);
    const { db: c, session: adminC } = await sync.join(config, key);
    const miaB = await signInSyncing(b, 'mia', MIA);

    // Her street, while she may: taken on every device.
    await savePerson(b, miaB, { ...((await b.persons.get(p.id)) as Person), street: 'Domplatz 1' }, CONTRACT);
    await until('A and C hold her street', async () => {
      for (const db of [b, a, c]) await syncNow(db);
      return (
        (await a.persons.get(p.id))?.street === 'Domplatz 1' && (await c.persons.get(p.id))?.street === 'Domplatz 1'
      );
    });
    // Anna's change after it, so P's last version on A is not Mia's (her right taken, A would
    // vouch for it by sending it again: team/vouch.ts).
    await savePerson(a, adminA, { ...((await a.persons.get(p.id)) as Person), phone: '+49 228 1234' }, CONTRACT);
    await until('C holds Anna’s change', async () => {
      for (const db of [a, c, b]) await syncNow(db);
      return (
        (await c.persons.get(p.id))?.phone === '+49 228 1234' && (await b.persons.get(p.id))?.phone === '+49 228 1234'
      );
    });
    await until('A pushed', drained(a));
    await stopSync(a);

    // Her city (V), with A offline: C applies it.
    await savePerson(b, miaB, { ...((await b.persons.get(p.id)) as Person), city: 'Köln' }, CONTRACT);
    await until('C applied her version', async () => {
      await syncNow(b);
      await syncNow(c);
      return (await cityOn(c, p.id)) === 'Köln';
    });
    await stopSync(b);

    // A takes her right, then pulls V, refuses it and writes its version over it.
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await startSync(a, adminA);
    await until('A wrote over V', async () => {
      await syncNow(a);
      return (await onServer(config, `persons:${p.id}`)).author === adminA.userId;
    });
    await until('C on the administrator’s version', async () => {
      for (const db of [c, a, c]) await syncNow(db);
      return (await cityOn(c, p.id)) === 'Bonn';
    });
    // Her phone back: it takes the administrator's version too.
    await startSync(b, miaB);
    await until('B on the administrator’s version', async () => {
      for (const db of [b, a, b]) await syncNow(db);
      return (await cityOn(b, p.id)) === 'Bonn';
    });
    const { db: d, session: adminD } = await sync.join(config, key);
    for (const db of [a, c, d, a, c, d]) await syncNow(db);
    expect(await cityOn(d, p.id)).toBe('Bonn');
    expect((await rawConnection(d).quarantine.toArray()).map((q) => q.reason)).toEqual([]);

    const expected = [
      { fields: ['street'], mark: null },
      { fields: ['city'], mark: 'overwritten' },
    ];
    // On her phone too, where the entries are its own chain's.
    for (const [name, db] of [
      ['a', a],
      ['b', b],
      ['c', c],
      ['d', d],
    ] as const)
      expect({ name, ...(await herEntries(db, p.id, mia.id)) }).toEqual({
        name,
        verlauf: expected,
        protokoll: expected,
      });
    // The Auskunft reads them so too (oldest first).
    for (const [db, session] of [
      [c, adminC],
      [d, adminD],
    ] as const) {
      const { auditEntries } = await collectAccessReport(db, session, p.id);
      expect(
        auditEntries.filter((e) => e.userId === mia.id).map((e) => ({ fields: e.fieldKeys, mark: e.heldBack ?? null })),
      ).toEqual(expected);
    }
  });
});
