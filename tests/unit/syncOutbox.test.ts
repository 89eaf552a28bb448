// The sync hook in the write path (src/data/middleware/outbox.ts): with the book connected, a change,
// its audit entry and their outbox rows are stored together or not at all; unconnected, no rows.
import { describe, expect, it } from 'vitest';
import { lockPerson, savePerson, ValidationError } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { anna, CONTRACT, freshDb } from './helpers';

describe('outbox', () => {
  it('writes no rows while the book is not connected', async () => {
    const { db, admin } = await freshDb();
    await savePerson(db, admin, anna(), CONTRACT);
    expect(await rawConnection(db).outbox.count()).toBe(0);
  });

  it('writes the change, its audit entry and a row for each in one transaction', async () => {
    const { db, admin } = await freshDb();
    db.outboxSwitch.on = true;
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const rows = await rawConnection(db).outbox.toArray();
    const entry = (await rawConnection(db).auditLog.orderBy('seq').last())!;
    expect(rows.map(({ table, key, author }) => ({ table, key, author }))).toEqual([
      { table: 'persons', key: p.id, author: admin.userId },
      { table: 'auditLog', key: entry.seq, author: admin.userId },
    ]);
    // Derived and internal tables do not travel.
    expect(rows.some((r) => ['personStatus', 'personKeys', 'directory'].includes(r.table))).toBe(false);

    // A refused change leaves neither the record, nor an entry, nor a row.
    const before = await rawConnection(db).auditLog.count();
    await expect(savePerson(db, admin, { ...p, email: 'not an address' }, CONTRACT)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await rawConnection(db).outbox.count()).toBe(2);
    expect(await rawConnection(db).auditLog.count()).toBe(before);

    await lockPerson(db, admin, p.id, 'Widerspruch');
    expect((await rawConnection(db).outbox.toArray()).map((r) => r.table)).toEqual([
      'persons',
      'auditLog',
      'persons',
      'auditLog',
    ]);
  });

  it('refuses writes to the sync tables from above the data layer', async () => {
    const { db } = await freshDb();
    await expect(db.outbox.add({ table: 'persons', key: 'x', author: '' })).rejects.toBeDefined();
    expect(await rawConnection(db).outbox.count()).toBe(0);
  });
});
