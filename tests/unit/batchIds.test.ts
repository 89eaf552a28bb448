/**
 * An import's new persons get ids adjacent in key order (core/batchIds.ts): what lets IndexedDB
 * write them with less work (README, the import). Still UUID-shaped and never overwriting.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importPersons } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { batchIds, RUN_IDS } from '../../src/data/core/batchIds';
import { newPerson } from '../../src/domain/person';
import { freshDb } from './helpers';
import { allEntries } from '../../src/data/core/auditEntries';
import { readSecrets } from '../../src/data/core/personSecrets';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const reason = { purposeId: 'purpose-contract', comment: 'Messekontakte' };
const people = (n: number) =>
  Array.from({ length: n }, (_, i) => newPerson('contact', { firstName: `V${i}`, lastName: `N${i}` }));
const sorted = (ids: readonly string[]) => [...ids].sort();

afterEach(() => vi.restoreAllMocks());

describe('batchIds', () => {
  it('gives UUID-shaped ids in ascending order with one prefix per batch', () => {
    const next = batchIds();
    const ids = Array.from({ length: 300 }, () => next());
    expect(ids.every((id) => UUID_V8.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(300);
    expect(sorted(ids)).toEqual(ids);
    expect(new Set(ids.map((id) => id.slice(0, 24))).size).toBe(1);
    // Another batch starts somewhere else.
    expect(batchIds()().slice(0, 24)).not.toBe(ids[0].slice(0, 24));
  });

  it('starts a new random prefix every RUN_IDS ids, each run ascending', () => {
    const next = batchIds();
    const ids = Array.from({ length: 2 * RUN_IDS + 5 }, () => next());
    const runs = [ids.slice(0, RUN_IDS), ids.slice(RUN_IDS, 2 * RUN_IDS), ids.slice(2 * RUN_IDS)];
    for (const run of runs) {
      expect(new Set(run.map((id) => id.slice(0, 24))).size).toBe(1);
      expect(sorted(run)).toEqual(run);
    }
    expect(new Set(runs.map((run) => run[0].slice(0, 24))).size).toBe(3);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('an import’s new persons', () => {
  it('get adjacent ids in the file’s order, their key secrets and entries under them; a given id is kept', async () => {
    const { db, admin } = await freshDb();
    const persons = [...people(120), newPerson('contact', { id: 'p-own', lastName: 'Eigen' })];
    await importPersons(db, admin, { fileName: 'k.vcf', persons }, reason);
    const raw = rawConnection(db);
    const log = await allEntries(raw);
    const ids = log.map((e) => e.personId);
    expect(ids.at(-1)).toBe('p-own');
    const made = ids.slice(0, -1);
    expect(made.every((id) => UUID_V8.test(id))).toBe(true);
    expect(sorted(made)).toEqual(made);
    expect(new Set(made.map((id) => id.slice(0, 24))).size).toBe(1);
    // Nothing else lies between them: stored records are one run of keys.
    const keys = await raw.persons.toCollection().primaryKeys();
    const at = keys.indexOf(made[0]);
    expect(keys.slice(at, at + made.length)).toEqual(made);
    expect((await raw.personKeyGroups.toArray()).flatMap((g) => g.personIds).filter((k) => k !== 'p-own')).toEqual(
      made,
    );
  });

  it('never overwrite: an id made again by a clashing batch aborts that import and keeps the stored person', async () => {
    const { db, admin } = await freshDb();
    // Both imports draw the same random prefix, so the second one's first id is the first one's.
    const random = crypto.getRandomValues.bind(crypto);
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((array: ArrayBufferView) => {
      // Only the batch's prefix (10 bytes); key secrets and nonces stay random.
      if (array instanceof Uint8Array && array.length === 10) array.fill(0x5a);
      else random(array);
      return array;
    });
    await importPersons(db, admin, { fileName: 'a.vcf', persons: people(3) }, reason);
    const raw = rawConnection(db);
    const [first] = await raw.persons.toCollection().primaryKeys();
    const stored = await raw.persons.get(first);
    const [secret] = await readSecrets(raw, [first]);
    expect(secret).toBeDefined();
    await expect(importPersons(db, admin, { fileName: 'b.vcf', persons: people(2) }, reason)).rejects.toThrow(
      /Key already exists|ConstraintError/,
    );
    expect(await raw.persons.count()).toBe(3);
    expect(await raw.persons.get(first)).toEqual(stored);
    expect((await readSecrets(raw, [first]))[0]).toEqual(secret);
    expect(await allEntries(raw)).toHaveLength(3);
  });
});
