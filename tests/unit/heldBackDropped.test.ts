/**
 * A member's change held back, in a conflict another device resolves: the resolution reaches this
 * device as a person left with one version — the losing ones deleted, or the merge written on top
 * of hers — and the change held back here is dropped ("verworfen, als der Konflikt gelöst wurde"),
 * no longer warned of. Not so a change her own later version carries (held back in turn, or
 * applied). Versions as other devices put them into this device's replica, applied by its feed.
 */
import { describe, expect, it } from 'vitest';
import { savePerson } from '../../src/data';
import { countHeldBack, readHeldBack } from '../../src/data/queries/heldBack';
import { listConflicts } from '../../src/data/sync/conflicts';
import { applyFeed } from '../../src/data/sync/feed';
import { localPouch } from '../../src/data/sync/pouch';
import type { StoredDoc } from '../../src/data/sync/docs';
import type { Person } from '../../src/domain/person';
import { anna, CONTRACT, createReader, freshDb, syncDocOf } from './helpers';

/** This device's book with one person, a member who may change nothing, and its replica. */
async function book() {
  const { db, admin } = await freshDb();
  const person = await savePerson(db, admin, anna({ city: 'Bonn' }), CONTRACT);
  const mia = await createReader(db, admin);
  const local = await localPouch(db.name);
  const docId = `persons:${person.id}`;
  /** `author`'s version of the person on `device`, as revision `rev` on top of `parent` (hashes). */
  const version = (author: string, device: string, city: string, rev: string, parent?: string) => {
    const [gen, hash] = rev.split('-');
    const record = { ...person, city, updatedAt: new Date().toISOString() };
    const doc = syncDocOf(db, 'persons', person.id, author, record, device);
    return { ...doc, _rev: rev, _revisions: { start: Number(gen), ids: parent ? [hash, parent] : [hash] } };
  };
  /** A revision deleted on top of `parent` (a resolution's end of a losing branch). */
  const deleted = (rev: string, parent: string) => {
    const [gen, hash] = rev.split('-');
    return { _id: docId, _rev: rev, _deleted: true, _revisions: { start: Number(gen), ids: [hash, parent] } };
  };
  /** Versions arriving in the replica as the replication writes them, then this device's feed. */
  const arrive = async (...docs: object[]) => {
    await local.bulkDocs(docs as StoredDoc[], { new_edits: false });
    await applyFeed(db, local, 'dev-here');
  };
  const held = async () => (await readHeldBack(db)).filter((q) => q.docId === docId);
  const city = async () => ((await db.persons.get(person.id)) as Person).city;
  return { db, admin: admin.userId, mia: mia.id, version, deleted, arrive, held, city };
}

describe('a change held back in a conflict resolved on another device', () => {
  for (const [side, hers, resolution] of [
    ['hers losing: her branch deleted', '2-1111', 'on the administrator’s'],
    ['hers winning: the merge written on top of hers', '2-ffff', 'on hers'],
  ] as const)
    it(`is dropped here too, no longer warned of (${side})`, async () => {
      const { db, admin, mia, version, deleted, arrive, held, city } = await book();
      await arrive(version(admin, 'dev-x', 'Bonn', '1-aaaa'));
      // Her change, made offline after her right was taken, beside the administrator's.
      await arrive(version(mia, 'dev-m', 'Köln', hers, 'aaaa'), version(admin, 'dev-x', 'Aachen', '2-bbbb', 'aaaa'));
      expect(await held()).toMatchObject([{ rev: hers, standing: true }]);
      expect(await countHeldBack(db)).toBe(1);
      expect(await listConflicts(db)).toHaveLength(1);

      // Resolved on device R: the merge written on the winner (CouchDB's: the higher hash), the other version deleted.
      const [winner, loser] = hers > '2-bbbb' ? [hers, '2-bbbb'] : ['2-bbbb', hers];
      expect(resolution).toBe(winner === hers ? 'on hers' : 'on the administrator’s');
      await arrive(version(admin, 'dev-r', 'Aachen', '3-cccc', winner.slice(2)), deleted('3-dddd', loser.slice(2)));
      expect(await listConflicts(db)).toHaveLength(0);
      expect(await city()).toBe('Aachen');
      expect(await held()).toMatchObject([{ rev: hers, standing: false, outcome: 'dropped' }]);
      expect(await countHeldBack(db)).toBe(0);
    });

  it('is not dropped where her own later version carries it (held back in turn)', async () => {
    const { db, admin, mia, version, arrive, held } = await book();
    await arrive(version(admin, 'dev-x', 'Bonn', '1-aaaa'));
    // No conflict: her offline changes, one on the other, each refused (the one version there is).
    await arrive(version(mia, 'dev-m', 'Köln', '2-eeee', 'aaaa'));
    await arrive(version(mia, 'dev-m', 'Kölle', '3-9999', 'eeee'));
    expect((await held()).map((q) => [q.rev, q.standing, q.outcome])).toEqual([
      ['2-eeee', true, undefined],
      ['3-9999', true, undefined],
    ]);
    expect(await countHeldBack(db)).toBe(2);
  });
});
