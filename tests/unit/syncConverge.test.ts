// Do the team's devices converge after a member's right is taken? Against the REAL sync server:
// member Mia (phone B) changes person P while she may; her version V reaches the server before the
// administrator's device A pulled it. A, offline, takes her edit right (its vouching cannot name V:
// A never saw it), then pulls V and refuses it. Device C took V before the rights change reached
// it; device D joins afterwards. Before sync/writeOver.ts, A kept the value before, B and C kept
// hers for good, and D held no P at all (it refused the server's only version of P).
import { describe, expect, it } from 'vitest';
import { readHeldBack, readOwnHeldBack } from '../../src/data/queries/heldBack';
import { queryAudit } from '../../src/data/queries/audit';
import { savePerson, updateUser, verifyAuditLog, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { exportBookKey, startSync, stopSync, syncNow } from '../../src/data/sync';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, drained, memberMiaOnB, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

const cityOn = async (db: ConsentbookDB, id: string) => (await db.persons.get(id))?.city;
const mayEdit = async (db: ConsentbookDB, userId: string) =>
  (await rawConnection(db).users.get(userId))?.permissions.includes('editPersons') ?? true;

describe(
  'a member’s change that reached the server before the administrator took her right',
  { timeout: 240_000 },
  () => {
    it('ends with every device on the administrator’s value, written over hers in his name, and says so', async () => {
      const { a, adminA, b, config, first: p } = await sync.twoDevices(anna({ city: 'Bonn' }));
      const key = exportBookKey(a, adminA);
      const mia = await memberMiaOnB(a, adminA, b, MIA);
      const { db: c } = await sync.join(config, key);
      await until(
        'C holds Mia and P',
        async () => !!(await rawConnection(c).users.get(mia.id)) && !!(await cityOn(c, p.id)),
      );
      const miaB = await signInSyncing(b, 'mia', MIA);

      // A offline. Mia, who may, changes P; her version reaches the server and C applies it.
      await until('A pushed', drained(a));
      await stopSync(a);
      await savePerson(b, miaB, { ...((await b.persons.get(p.id)) as Person), city: 'Köln' }, CONTRACT);
      await until('C applied her version', async () => {
        await syncNow(b);
        await syncNow(c);
        return (await cityOn(c, p.id)) === 'Köln';
      });

      // A, still without V, takes her edit right, then syncs: it pulls V and refuses it.
      await updateUser(a, adminA, mia.id, { permissions: [] });
      await startSync(a, adminA);
      await until('every device synced', async () => {
        for (const db of [a, b, c, a]) await syncNow(db);
        return (
          !(await mayEdit(b, mia.id)) &&
          !(await mayEdit(c, mia.id)) &&
          (await readHeldBack(a)).some((q) => q.docId === `persons:${p.id}`)
        );
      });
      const { db: d } = await sync.join(config, key);
      for (const db of [a, b, c, d, a, b, c, d]) await syncNow(db);

      const cities = {
        a: await cityOn(a, p.id),
        b: await cityOn(b, p.id),
        c: await cityOn(c, p.id),
        d: await cityOn(d, p.id),
      };
      const heldBack = {
        a: (await readHeldBack(a)).map((q) => q.docId),
        c: (await readHeldBack(c)).map((q) => q.docId),
        d: (await readHeldBack(d)).map((q) => q.docId),
      };
      const own = await readOwnHeldBack(b);
      expect({ cities, heldBack, own: own.map((v) => v.docId) }).toEqual({
        cities: { a: 'Bonn', b: 'Bonn', c: 'Bonn', d: 'Bonn' },
        heldBack: { a: [`persons:${p.id}`], c: [], d: [] },
        own: [`persons:${p.id}`],
      });
      // Her phone lists her change as refused by the team and written over by the administrator.
      const [refused] = await readHeldBack(a);
      expect(own[0]).toMatchObject({
        rev: refused.rev,
        author: mia.id,
        fields: ['city'],
        refusal: { key: 'sync.refused.mayNotChange' },
        reverted: { by: adminA.userId },
      });
      // One version everywhere, no conflict.
      for (const db of [a, b, c, d]) expect(await rawConnection(db).conflicts.count()).toBe(0);
      // A chained entry of A's log says who wrote over whose change and why, on every device.
      for (const db of [a, b, c, d]) {
        const entries = await queryAudit(db, { personId: p.id });
        expect(entries.filter((e) => e.context.startsWith('syncNotTaken:'))).toEqual([
          expect.objectContaining({
            userId: adminA.userId,
            action: 'update',
            fieldKeys: ['city'],
            context: `syncNotTaken:sync.refused.mayNotChange:${mia.id}:mia`,
          }),
        ]);
      }
      for (const db of [a, b, c, d]) expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    });
  },
);
