import { describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { ConsentbookDB, savePerson, signIn, StorageFullError } from '../../src/data';
import { anna, CONTRACT, freshDb } from './helpers';

describe('a full device', () => {
  it('gets a clear error and nothing half-written', async () => {
    const { db: first } = await freshDb();
    first.close();
    const db = new ConsentbookDB(first.name);
    // The disk fills up when the audit entry is written, after the person was put.
    const full: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'quota',
      level: 1,
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return name === 'auditLog'
            ? {
                ...t,
                mutate: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
              }
            : t;
        },
      }),
    };
    db.use(full);
    // A connection of its own has its own keys: sign in on it.
    const admin = await signIn(db, 'admin', 'correct horse battery');
    const attempt = savePerson(db, admin, anna(), CONTRACT);
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    await expect(attempt).rejects.toMatchObject({ messageKey: 'error.storageFull' });
    expect(await db.persons.count()).toBe(0);
  });
});
