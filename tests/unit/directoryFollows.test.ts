/**
 * The directory follows this tab's saves from what the write stored (middleware/stored.ts:
 * onCommitted, handed over just before Dexie's `storagemutated` for the same commit) instead of
 * reading and opening the person again; what the commit did not store through the rules (a
 * delete, other tabs, writes below the app) is read as before.
 */
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { savePerson, type ConsentbookDB } from '../../src/data';
import { directoryOf } from '../../src/data/directory';
import { onCommitted } from '../../src/data/middleware/stored';
import { writeWith } from '../../src/data/write';
import { anna, CONTRACT, freshDb, idbRequests } from './helpers';

/** Resolves at the directory's next change. */
function nextChange(db: ConsentbookDB): Promise<void> {
  const directory = directoryOf(db);
  return new Promise((resolve) => {
    const off = directory.subscribe(() => {
      off();
      resolve();
    });
  });
}

describe('the directory after a save in this tab', () => {
  it('takes the saved person as stored: no read of the person after the commit', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    await directoryOf(db).ready();
    const changed = nextChange(db);
    const requests = await idbRequests(async () => {
      await savePerson(db, admin, { ...stored, lastName: 'Zeisig' }, CONTRACT);
      await changed;
    });
    // The save's own two round trips only (saveTogether.test.ts); the directory read nothing.
    expect(requests.sort()).toEqual(['auditLog add', 'persons get', 'persons put', 'settings get', 'settings put']);
    expect(directoryOf(db).entry(stored.id)?.name).toBe('Zeisig, Anna');
    expect(directoryOf(db).search('zeisig').ids).toEqual([stored.id]);
  });

  it('reads a person deleted after their write in the same transaction, and so drops them', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    const directory = directoryOf(db);
    await directory.ready();
    const changed = nextChange(db);
    const requests = await idbRequests(async () => {
      await writeWith(db, { session: admin, reason: CONTRACT, intent: 'erase' }, [db.persons], async () => {
        await db.persons.put({ ...stored, lastName: 'Zwischen' });
        await db.persons.delete(stored.id);
      });
      await changed;
    });
    expect(directory.entry(stored.id)).toBeUndefined();
    expect(directory.size).toBe(0);
    // The delete was not stored through keepStored: the directory asked.
    expect(requests.filter((r) => r === 'persons get').length).toBeGreaterThan(1);
  });

  it("hands a commit's values over before its storagemutated, and nothing of an aborted transaction", async () => {
    const { db, admin } = await freshDb();
    const events: string[] = [];
    const off = onCommitted(db.name, 'persons', (values) => events.push(`committed ${[...values.keys()].join()}`));
    const mutated = (parts: Record<string, unknown>) => {
      if (parts[`idb://${db.name}/persons/`]) events.push('storagemutated');
    };
    Dexie.on('storagemutated', mutated);
    try {
      const person = anna();
      await savePerson(db, admin, person, CONTRACT);
      await expect(
        writeWith(db, { session: admin, reason: CONTRACT, intent: 'edit' }, [db.persons], async () => {
          await db.persons.put(anna({ id: 'never' }));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(events).toEqual([`committed ${person.id}`, 'storagemutated']);
    } finally {
      off();
      Dexie.on('storagemutated').unsubscribe(mutated);
    }
  });

  it('stores its first snapshot without idle time, which a busy page may not get for minutes', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna(), CONTRACT);
    // The snapshot is written in idle slices: a page that never gets idle time.
    const idle = (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback;
    (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = () => 0;
    try {
      const directory = directoryOf(db);
      await directory.ready(); // no snapshot yet: every person read, then the snapshot stored in tasks
      expect(directory.entry(stored.id)?.name).toBe('Zimmermann, Anna');
      const changed = nextChange(db);
      await savePerson(db, admin, { ...stored, lastName: 'Adler' }, CONTRACT);
      await changed;
      expect(directory.search('adler').ids).toEqual([stored.id]);
    } finally {
      (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = idle;
    }
  });
});
