// A member's refused version that is the server's winner AND in conflict. Against the REAL sync
// server. Mia (phone B) changes person P twice while administrator Anna's device A is offline; A
// takes her edit right and changes P itself, offline, then syncs: it refuses Mia's version V (the
// winner, two revisions ahead) and its own change goes out as a branch — V and A's version W stand
// in conflict. A device D joining then must hold a version of P (W, the one it may accept) and
// show the conflict, not hold no P at all.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { savePerson, updateUser, verifyAuditLog, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { conflictVersions, exportBookKey, startSync, stopSync, syncNow } from '../../src/data/sync';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, drained, memberMiaOnB, signInSyncing, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const MIA = 'Mias eigene Passphrase';

const cityOn = async (db: ConsentbookDB, id: string) => (await db.persons.get(id))?.city;
const onServer = sync.docOnServer;

describe('a member’s refused version winning a conflict', { timeout: 240_000 }, () => {
  it('a device joining then holds the version it may accept, and shows the conflict', async () => {
    const { a, adminA, b, config, first: p } = await sync.twoDevices(anna({ city: 'Bonn' }));
    const key = exportBookKey(a, adminA);
    const mia = await memberMiaOnB(a, adminA, b, MIA);
    const miaB = await signInSyncing(b, 'mia', MIA);
    await until('A pushed', drained(a));
    await stopSync(a);

    // Mia, who may, changes P twice: her version V is two revisions ahead of the one A holds.
    await savePerson(b, miaB, { ...((await b.persons.get(p.id)) as Person), city: 'Köln' }, CONTRACT);
    await until('B pushed', drained(b));
    await savePerson(b, miaB, { ...((await b.persons.get(p.id)) as Person), street: 'Domplatz 1' }, CONTRACT);
    await until('V on the server', async () => {
      await syncNow(b);
      const doc = await onServer(config, `persons:${p.id}`);
      return doc.author === mia.id && doc._rev.startsWith('3-');
    });
    await stopSync(b);

    // A, offline, takes her right and changes P itself; then syncs: V refused, its change a branch.
    await updateUser(a, adminA, mia.id, { permissions: [] });
    await savePerson(a, adminA, { ...((await a.persons.get(p.id)) as Person), city: 'Bonn-Beuel' }, CONTRACT);
    await startSync(a, adminA);
    await until('V and A’s version in conflict on the server', async () => {
      await syncNow(a);
      const doc = await onServer(config, `persons:${p.id}`);
      return doc.author === mia.id && (doc._conflicts ?? []).length === 1;
    });
    for (const db of [a, a]) await syncNow(db);
    expect(await cityOn(a, p.id)).toBe('Bonn-Beuel');

    // D joins now.
    const { db: d } = await sync.join(config, key);
    for (const db of [d, d]) await syncNow(db);

    expect({
      city: await cityOn(d, p.id),
      conflicts: (await rawConnection(d).conflicts.toArray()).map((c) => c.personId),
      heldBack: (await readHeldBack(d)).map((q) => ({ docId: q.docId, key: q.refusal?.key })),
    }).toEqual({
      city: 'Bonn-Beuel',
      conflicts: [p.id],
      heldBack: [{ docId: `persons:${p.id}`, key: 'sync.refused.mayNotChange' }],
    });
    // Its conflict names the version it shows (A's) and Mia's as refused, never offered.
    const versions = await conflictVersions(d, p.id);
    expect(
      versions
        .map((v) => ({ author: v.author, winner: v.winner, refused: v.refused?.key ?? null }))
        .sort((x, y) => x.author.localeCompare(y.author)),
    ).toEqual(
      [
        { author: adminA.userId, winner: true, refused: null },
        { author: mia.id, winner: false, refused: 'sync.refused.mayNotChange' },
      ].sort((x, y) => x.author.localeCompare(y.author)),
    );
    for (const db of [a, d]) expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
  });
});
