// Do the team's devices converge after a member's right is taken? Against the REAL sync server.
// Member Mia (phone B) changes person P; her version V is refused where her edit right was taken
// before V arrived. Before sync/writeOver.ts the devices kept different values for good (the first
// test: A the value before, B and C hers, and D, joining later, no P at all — it refused the
// server's only version of P); now an administrator's device writes its version over V.
import { describe, expect, it } from 'vitest';
import { readHeldBack, readOwnHeldBack } from '../../src/data/queries/heldBack';
import { queryAudit } from '../../src/data/queries/audit';
import { createUser, savePerson, updateUser, verifyAuditLog, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { exportBookKey, startSync, stopSync, syncNow } from '../../src/data/sync';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, drained, memberMiaOnB, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';
const TOM = 'Toms eigene Passphrase';

const cityOn = async (db: ConsentbookDB, id: string) => (await db.persons.get(id))?.city;
const mayEdit = async (db: ConsentbookDB, userId: string) =>
  (await rawConnection(db).users.get(userId))?.permissions.includes('editPersons') ?? true;
/** The entries about the person saying a version was written over (writeOver.ts), as read. */
const notTaken = async (db: ConsentbookDB, personId: string) =>
  (await queryAudit(db, { personId })).filter((e) => e.context.startsWith('syncNotTaken:'));
const onServer = sync.docOnServer;

describe('a member’s version refused after her right was taken', { timeout: 240_000 }, () => {
  it('on the server before the administrator took it: every device ends on the administrator’s value, and says so', async () => {
    // A: the administrator's device; B: Mia's phone; C: a device that takes V before the rights change.
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
    // Her phone away until A is done: the rights change and what A writes reach it together.
    await stopSync(b);

    // A, still without V (its vouching cannot name it), takes her edit right, then syncs: it pulls
    // V, refuses it, and writes its own version over it.
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await startSync(a, adminA);
    await until('A held V back and sent what it wrote', async () => {
      await syncNow(a);
      return (await onServer(config, `persons:${p.id}`)).author === adminA.userId;
    });
    await startSync(b, miaB);
    await until('every device synced', async () => {
      for (const db of [a, b, c, a]) await syncNow(db);
      return !(await mayEdit(b, mia.id)) && !(await mayEdit(c, mia.id)) && (await cityOn(b, p.id)) === 'Bonn';
    });
    // D joins afterwards.
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
    expect((await onServer(config, `persons:${p.id}`))._conflicts ?? []).toEqual([]);
    // A chained entry of A's log says who wrote over whose change and why, on every device.
    for (const db of [a, b, c, d])
      expect(await notTaken(db, p.id)).toEqual([
        expect.objectContaining({
          userId: adminA.userId,
          action: 'update',
          fieldKeys: ['city'],
          context: `syncNotTaken:sync.refused.mayNotChange:${mia.id}:mia`,
        }),
      ]);
    for (const db of [a, b, c, d]) expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });

  it('a member’s device that refuses it writes nothing over; the administrator’s device does, once', async () => {
    // C: member Tom's device; he may edit persons, and the rights change reaches C before V does.
    const { a, adminA, b, config, first: p } = await sync.twoDevices(anna({ city: 'Bonn' }));
    const mia = await memberMiaOnB(a, adminA, b, MIA);
    const tom = await createUser(a, adminA, {
      name: 'tom',
      staffNumber: 'P-8',
      passphrase: TOM,
      permissions: ['editPersons'],
      groupIds: [],
    });
    const { db: c } = await sync.join(config, exportBookKey(a, adminA));
    await until('C holds Tom and his grant', async () => {
      await syncNow(a);
      await syncNow(c);
      return (await rawConnection(c).keyGrants.toArray()).some((g) => g.userId === tom.id);
    });
    await signInSyncing(c, 'tom', TOM);
    const miaB = await signInSyncing(b, 'mia', MIA);
    await until('B pushed', drained(b));

    // Her phone away; A takes her right; C learns it; then A is away too.
    await stopSync(b);
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await until('C knows her right taken', async () => {
      await syncNow(a);
      await syncNow(c);
      return !(await mayEdit(c, mia.id));
    });
    await until('A pushed', drained(a));
    await stopSync(a);

    // Her change, made on the phone meanwhile, reaches the server and C: refused there, nothing written over.
    await savePerson(b, miaB, { ...((await b.persons.get(p.id)) as Person), city: 'Köln' }, CONTRACT);
    await startSync(b, miaB);
    await until('C held V back', async () => {
      await syncNow(b);
      await syncNow(c);
      return (await readHeldBack(c)).some((q) => q.docId === `persons:${p.id}`);
    });
    for (const db of [c, b, c]) await syncNow(db);
    expect(await cityOn(c, p.id)).toBe('Bonn');
    expect(await rawConnection(c).outbox.count()).toBe(0);
    expect(await notTaken(c, p.id)).toEqual([]);
    expect((await onServer(config, `persons:${p.id}`)).author).toBe(mia.id);

    // A back: it refuses V and writes its version over it; every device then holds that one.
    await startSync(a, adminA);
    await until('every device on the administrator’s version', async () => {
      for (const db of [a, c, b]) await syncNow(db);
      return (await cityOn(b, p.id)) === 'Bonn' && (await notTaken(c, p.id)).length === 1;
    });
    const winner = await onServer(config, `persons:${p.id}`);
    expect({ author: winner.author, conflicts: winner._conflicts ?? [] }).toEqual({
      author: adminA.userId,
      conflicts: [],
    });
    for (const db of [a, b, c]) {
      expect(await cityOn(db, p.id)).toBe('Bonn');
      expect(await rawConnection(db).conflicts.count()).toBe(0);
      expect((await notTaken(db, p.id)).map((e) => e.userId)).toEqual([adminA.userId]);
    }
    // C and A hold V back (they refused it); her phone lists it, reverted.
    for (const db of [a, c]) expect((await readHeldBack(db)).map((q) => q.docId)).toEqual([`persons:${p.id}`]);
    const own = await readOwnHeldBack(b);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ docId: `persons:${p.id}`, fields: ['city'], reverted: { by: adminA.userId } });
  });
});
