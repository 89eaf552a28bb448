/**
 * The bench's save floor (src/bench/saveFloor.ts) writes again what a save stored — the sealed
 * person, its sealed entry, the chain's head — in raw IndexedDB, so the floor it reports is the
 * cost of exactly those records; a save stored without them is refused by name.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { savePerson } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { CURRENT_SCHEMA } from '../../src/data/core/schema';
import { AUDIT_HEAD_KEY } from '../../src/domain/auditChain';
import { rawSaves } from '../../src/bench/saveFloor';
import { anna, CONTRACT, freshDb } from './helpers';

describe('the bench save floor', () => {
  it('writes the save’s own sealed records both ways and names a save stored without them', async () => {
    const { db, admin } = await freshDb();
    const saved = await savePerson(db, admin, anna(), CONTRACT);
    const baseline = new Dexie(`floor-${crypto.randomUUID()}`);
    baseline.version(1).stores({ persons: CURRENT_SCHEMA.persons, auditLog: CURRENT_SCHEMA.auditLog, settings: 'key' });
    await baseline.open();
    const raw = rawConnection(db);

    // The times are the bench's to judge; here only what was written.
    const times = await rawSaves(raw, baseline.backendDB(), saved.id);
    expect(Object.keys(times).sort()).toEqual(['floorMs', 'sameMs']);

    const stored = await raw.persons.get(saved.id);
    expect(stored).toHaveProperty('sealed');
    expect(await baseline.table('persons').get(saved.id)).toEqual(stored);
    // Written twice (both ways), each as the save's last entry with a place of its own.
    const entries = await baseline.table('auditLog').toArray();
    const last = await raw.auditLog.orderBy('seq').last();
    expect(entries).toHaveLength(2);
    for (const e of entries) expect({ ...e, seq: last?.seq }).toEqual(last);
    expect(await baseline.table('settings').get(AUDIT_HEAD_KEY)).toEqual(await raw.settings.get(AUDIT_HEAD_KEY));

    await expect(rawSaves(raw, baseline.backendDB(), 'no-such-person')).rejects.toThrow(
      'the save of no-such-person is not stored with its entry and head',
    );
    baseline.close();
  });
});
