// Two administrators' devices writing over the same refused version at once (sync/writeOver.ts).
// Against the REAL sync server. Member Mia (device M) changes person P offline after administrator
// Anna took her edit right on A (A2, Anna's second device, knows it too); her version V reaches the
// server while A and A2 are offline; each pulls V alone (the server's state at that moment, before
// the other's version), refuses it and writes the version it holds over it; then both push. Their
// two versions hold the same values: a conflict that asks nothing of anyone.
import { describe, expect, it } from 'vitest';
import { queryAudit } from '../../src/data/queries/audit';
import { savePerson, updateUser, verifyAuditLog, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { startSync, stopSync, syncNow, type SyncConfig } from '../../src/data/sync';
import { applyFeed } from '../../src/data/sync/feed';
import { remotePouch } from '../../src/data/sync/pouch';
import { replicaOf } from '../../src/data/sync/replica';
import { deviceId } from '../../src/data/sync/state';
import type { Session } from '../../src/data/core/session';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, drained, memberMiaOnB, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

const cityOn = async (db: ConsentbookDB, id: string) => (await db.persons.get(id))?.city;
const mayEdit = async (db: ConsentbookDB, userId: string) =>
  (await rawConnection(db).users.get(userId))?.permissions.includes('editPersons') ?? true;
const onServer = sync.docOnServer;
/** An offline device's one pull of the server as it is now, applied as its engine applies (no push). */
async function pullOnce(db: ConsentbookDB, config: SyncConfig, session: Session): Promise<void> {
  await (await replicaOf(db)).replicate.from(await remotePouch(config));
  await applyFeed(db, await replicaOf(db), await deviceId(db), undefined, undefined, session);
}

describe('two administrators’ devices writing over the same version', { timeout: 240_000 }, () => {
  it('leave no conflict: of their versions of equal values one stands, on every device', async () => {
    const { a, adminA, b: a2, adminB: adminA2, config, first: p } = await sync.twoDevices(anna({ city: 'Bonn' }));
    const { db: m } = await sync.join(config, (await import('../../src/data/sync')).exportBookKey(a, adminA));
    const mia = await memberMiaOnB(a, adminA, m, MIA);
    const miaM = await signInSyncing(m, 'mia', MIA);
    await until('M pushed', drained(m));

    // Mia offline changes P; meanwhile Anna takes her right on A, and A2 learns it.
    await stopSync(m);
    await savePerson(m, miaM, { ...((await m.persons.get(p.id)) as Person), city: 'Köln' }, CONTRACT);
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await until('A2 knows her right taken', async () => {
      await syncNow(a);
      await syncNow(a2);
      return !(await mayEdit(a2, mia.id));
    });
    await until('A and A2 pushed', async () => (await drained(a)()) && (await drained(a2)()));
    await stopSync(a);
    await stopSync(a2);

    // V reaches the server; A and A2, offline, each pull it alone and write over it.
    await startSync(m, miaM);
    await until('V on the server', async () => {
      await syncNow(m);
      return (await onServer(config, `persons:${p.id}`)).author === mia.id;
    });
    await stopSync(m);
    await pullOnce(a, config, adminA);
    await pullOnce(a2, config, adminA2);
    for (const db of [a, a2]) expect(await rawConnection(db).outbox.count()).toBeGreaterThan(0);

    // Both push; every device syncs.
    await startSync(a, adminA);
    await startSync(a2, adminA2);
    await startSync(m, miaM);
    await until('both versions on the server', async () => {
      await syncNow(a);
      await syncNow(a2);
      const doc = await onServer(config, `persons:${p.id}`);
      return doc.author === adminA.userId && (await drained(a)()) && (await drained(a2)());
    });
    const conflicts = async (db: ConsentbookDB) => (await rawConnection(db).conflicts.toArray()).map((c) => c.personId);
    await until('every device on the server’s state', async () => {
      for (const db of [a, a2, m]) await syncNow(db);
      const standing = ((await onServer(config, `persons:${p.id}`))._conflicts ?? []).length ? [p.id] : [];
      for (const db of [a, a2, m])
        if ((await cityOn(db, p.id)) !== 'Bonn' || (await conflicts(db)).join() !== standing.join()) return false;
      return true;
    });
    expect({
      cities: [await cityOn(a, p.id), await cityOn(a2, p.id), await cityOn(m, p.id)],
      conflicts: [await conflicts(a), await conflicts(a2), await conflicts(m)],
      server: (await onServer(config, `persons:${p.id}`))._conflicts ?? [],
    }).toEqual({ cities: ['Bonn', 'Bonn', 'Bonn'], conflicts: [[], [], []], server: [] });
    // Each device's write-over entry stands in its chain, on every device.
    for (const db of [a, a2, m]) {
      const notTaken = (await queryAudit(db, { personId: p.id })).filter((e) => e.context.startsWith('syncNotTaken:'));
      expect(notTaken).toHaveLength(2);
      expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    }
  });
});
