/**
 * What becomes of a person's version held back, worked out from the replica on every device (the
 * applier, without a server: versions put into this device's replica as other devices send them).
 * A conflict's resolution written on another device drops it here too, as the resolution arrives —
 * not only on the device that resolved it. And the entries of its change are bounded in its own
 * device's clock: by that device's last version held here, not by another device's later one.
 */
import { describe, expect, it } from 'vitest';
import { createUser, savePerson, updateUser, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { countHeldBack, readHeldBack, readHeldBackChanges } from '../../src/data/queries/heldBack';
import { listConflicts } from '../../src/data/sync';
import { toDoc, type StoredDoc } from '../../src/data/sync/docs';
import { applyFeed } from '../../src/data/sync/feed';
import { localPouch } from '../../src/data/sync/pouch';
import { withDerivedFields } from '../../src/data/core/derived';
import { SEALED_TABLES, TableCodec } from '../../src/data/middleware/sealing';
import { heldBackMark } from '../../src/domain/heldBack';
import type { AuditEntry } from '../../src/domain/audit';
import type { Person } from '../../src/domain/person';
import type { VersionClock } from '../../src/domain/versionClock';
import { anna, CONTRACT, createReader, freshDb } from './helpers';

const HERE = 'dev-a';

/** A revision's id: generation and a hash of 32 hex digits made of `c` (CouchDB's winner: the higher one). */
const rev = (generation: number, c: string) => `${generation}-${c.repeat(32)}`;

/** This device's book with one person, and its replica; `arrive` puts a version there as another device sent it. */
async function replicaBook() {
  const { db, admin } = await freshDb();
  const person = await savePerson(db, admin, anna({ lastName: 'Zurückgehalten', city: 'Altstadt' }), CONTRACT);
  const local = await localPouch(db.name);
  const docId = `persons:${person.id}`;
  /**
   * Puts a version of the person (by `author` on `device`, with `fields` changed) as revision
   * `revs[0]`, descending from the others (newest first); `deleted`: that branch's deletion instead.
   */
  const arrive = async (
    revs: string[],
    version: { author: string; device: string; clock: VersionClock; fields: Partial<Person> } | 'deleted',
  ) => {
    const [start, ...hashes] = revs.map((r) => r.split('-'));
    const _revisions = { start: Number(start[0]), ids: [start[1], ...hashes.map(([, h]) => h)] };
    const body =
      version === 'deleted'
        ? { _id: docId, _deleted: true }
        : (versionDoc(db, { ...person, ...version.fields }, version) as StoredDoc);
    await local.bulkDocs([{ ...body, _rev: revs[0], _revisions }], { new_edits: false });
  };
  const apply = () => applyFeed(db, local, HERE);
  return { db, admin, person, local, docId, arrive, apply };
}

/** A person's version as another device sends it: sealed under the person's key, MACed with the book's key. */
function versionDoc(db: ConsentbookDB, person: Person, env: { author: string; device: string; clock: VersionClock }) {
  const raw = rawConnection(db);
  const codec = new TableCodec('persons', SEALED_TABLES.persons, raw.core.table('persons'), db.keyring);
  const stored = codec.encode(withDerivedFields(person) as unknown as Record<string, unknown>, person.id);
  return toDoc(
    db.keyring,
    { id: `persons:${person.id}`, table: 'persons', ...env },
    stored,
    db.keyring.secretOf(person.id),
  );
}

const heldBackOf = async (db: ConsentbookDB, docId: string) =>
  (await readHeldBack(db)).filter((q) => q.docId === docId);

describe('a conflict’s resolution written on another device', () => {
  for (const refusedWins of [true, false])
    it(`drops a version held back here as it arrives (the refused version ${refusedWins ? 'the winner' : 'the loser'})`, async () => {
      const { db, admin, person, docId, arrive, apply } = await replicaBook();
      const reader = await createReader(db, admin);
      const base = rev(1, '1');
      await arrive([base], { author: admin.userId, device: 'dev-c', clock: { 'dev-c': 1 }, fields: {} });
      await apply();
      // Two versions on top of it: the reader's (she may change nothing) and an administrator's.
      const refused = rev(2, refusedWins ? 'f' : '2');
      const kept = rev(2, refusedWins ? '2' : 'f');
      await arrive([refused, base], {
        author: reader.id,
        device: 'dev-b',
        clock: { 'dev-c': 1, 'dev-b': 1 },
        fields: { city: 'Leserstadt', updatedAt: '2026-03-02T10:00:00.000Z' },
      });
      await arrive([kept, base], {
        author: admin.userId,
        device: 'dev-c',
        clock: { 'dev-c': 2 },
        fields: { city: 'Amtsstadt', updatedAt: '2026-03-02T10:05:00.000Z' },
      });
      await apply();
      expect(await listConflicts(db)).toEqual([{ personId: person.id, versions: 2 }]);
      expect(await heldBackOf(db, docId)).toMatchObject([{ rev: refused, standing: true }]);
      expect(await countHeldBack(db)).toBe(1);

      // Device C resolves it: its merge over the winner, the loser deleted — as it arrives here.
      const winner = refusedWins ? refused : kept;
      const loser = refusedWins ? kept : refused;
      await arrive([rev(3, 'c'), winner, base], {
        author: admin.userId,
        device: 'dev-c',
        clock: { 'dev-c': 3, 'dev-b': 1 },
        fields: { city: 'Amtsstadt', updatedAt: '2026-03-02T10:10:00.000Z' },
      });
      await arrive([rev(3, 'd'), loser, base], 'deleted');
      await apply();
      expect(await listConflicts(db)).toEqual([]);
      expect((await db.persons.get(person.id))?.city).toBe('Amtsstadt');
      expect(await heldBackOf(db, docId)).toMatchObject([{ rev: refused, outcome: 'dropped', standing: false }]);
      expect(await countHeldBack(db)).toBe(0);
    });

  it('leaves one standing that a later version of its author, held back too, carries on', async () => {
    const { db, admin, docId, arrive, apply } = await replicaBook();
    const reader = await createReader(db, admin);
    const base = rev(1, '1');
    await arrive([base], { author: admin.userId, device: 'dev-c', clock: { 'dev-c': 1 }, fields: {} });
    await apply();
    const refused = rev(2, 'f');
    const change = { author: reader.id, device: 'dev-b', clock: { 'dev-c': 1, 'dev-b': 1 } };
    await arrive([refused, base], { ...change, fields: { city: 'Leserstadt', updatedAt: '2026-03-02T10:00:00.000Z' } });
    await arrive([rev(2, '2'), base], {
      author: admin.userId,
      device: 'dev-c',
      clock: { 'dev-c': 2 },
      fields: { city: 'Amtsstadt', updatedAt: '2026-03-02T10:05:00.000Z' },
    });
    await apply();
    // Her next version, on top of the first: out of the conflict's leaves, the first is not dropped.
    await arrive([rev(3, 'e'), refused, base], {
      ...change,
      clock: { 'dev-c': 1, 'dev-b': 2 },
      fields: { city: 'Leserdorf', updatedAt: '2026-03-02T10:20:00.000Z' },
    });
    await apply();
    const held = await heldBackOf(db, docId);
    expect(held.map((q) => [q.rev, q.standing, q.outcome])).toEqual([
      [refused, true, undefined],
      [rev(3, 'e'), true, undefined],
    ]);
  });
});

describe('the entries of a change held back', () => {
  /** Mia's versions from her phone, whose clock runs an hour ahead; the administrator's from device C. */
  async function skewedBook() {
    const book = await replicaBook();
    const { db, admin, arrive, apply } = book;
    const mia = await createUser(db, admin, {
      name: 'mia',
      staffNumber: 'P-7',
      passphrase: 'Mias eigene Passphrase',
      permissions: ['editPersons'],
      groupIds: [],
    });
    const base = rev(1, '1');
    await arrive([base], { author: admin.userId, device: 'dev-c', clock: { 'dev-c': 1 }, fields: {} });
    await apply();
    // Her change at 11:00 (her phone says 12:00), applied; the administrator's at 11:30 on top of it.
    await arrive([rev(2, 'b'), base], {
      author: mia.id,
      device: 'dev-b',
      clock: { 'dev-c': 1, 'dev-b': 1 },
      fields: { city: 'Köln', updatedAt: '2026-03-02T12:00:00.000Z' },
    });
    await apply();
    await arrive([rev(3, 'c'), rev(2, 'b'), base], {
      author: admin.userId,
      device: 'dev-c',
      clock: { 'dev-c': 2, 'dev-b': 1 },
      fields: { street: 'Domplatz 1', updatedAt: '2026-03-02T11:30:00.000Z' },
    });
    await apply();
    expect((await db.persons.get(book.person.id))?.street).toBe('Domplatz 1');
    await updateUser(db, admin, mia.id, { permissions: [] });
    /** Her next change, made offline after her right was taken (12:40 on her phone): held back. */
    const refuse = async () => {
      await arrive([rev(4, 'd'), rev(3, 'c'), rev(2, 'b'), base], {
        author: mia.id,
        device: 'dev-b',
        clock: { 'dev-c': 2, 'dev-b': 2 },
        fields: { city: 'Aachen', street: 'Domplatz 1', updatedAt: '2026-03-02T12:40:00.000Z' },
      });
      await apply();
      const changes = await readHeldBackChanges(db);
      expect(changes).toHaveLength(1);
      return changes;
    };
    /** Her entry from her phone's chain at `at` (its time in her phone's clock). */
    const entryAt = (at: string): AuditEntry & { origin: string } => ({
      at,
      userId: mia.id,
      userName: 'mia',
      staffNumber: 'P-7',
      personId: book.person.id,
      action: 'update',
      purposeId: CONTRACT.purposeId,
      purposeName: '',
      comment: '',
      fieldKeys: ['city'],
      context: '',
      origin: 'dev-b/7',
    });
    return { ...book, refuse, entryAt };
  }

  it('start after her last version held here, in her phone’s clock: her applied change is not marked', async () => {
    const { refuse, entryAt } = await skewedBook();
    const changes = await refuse();
    expect(changes[0]).toMatchObject({ device: 'dev-b', since: '2026-03-02T12:00:00.000Z' });
    // Her applied change's entry (12:00:00.020 on her phone) is after the administrator's version's
    // time (11:30 on device C): bounded by that one, it read as held back.
    expect(heldBackMark(entryAt('2026-03-02T12:00:00.020Z'), changes)).toBeUndefined();
    expect(heldBackMark(entryAt('2026-03-02T12:20:00.000Z'), changes)).toBe('held');
    expect(heldBackMark(entryAt('2026-03-02T12:40:00.020Z'), changes)).toBe('held');
  });

  it('where the replica no longer holds the version that tells, only the refused version’s own change', async () => {
    const { local, refuse, entryAt } = await skewedBook();
    // A compaction (after an erasure, say) drops the bodies of the versions before the one held.
    await local.compact();
    const changes = await refuse();
    expect(changes[0]).not.toHaveProperty('since');
    expect(heldBackMark(entryAt('2026-03-02T12:00:00.020Z'), changes)).toBeUndefined();
    expect(heldBackMark(entryAt('2026-03-02T12:40:00.020Z'), changes)).toBe('held');
  });
});
