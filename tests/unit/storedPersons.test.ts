/**
 * The export's workers read their persons with IndexedDB itself (src/data/bulk/storedPersons.ts):
 * a key range, both ends in, in key order; a connection of their own by the book's name, which
 * never creates a database that is not there and gives way to an upgrade elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { openBookDatabase, personsIn } from '../../src/data/bulk/storedPersons';

/** A database of persons (key path id) made the way a test makes one: by name and version. */
function made(name: string, version: number, ids: string[]): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      const store = request.result.objectStoreNames.contains('persons')
        ? request.transaction!.objectStore('persons')
        : request.result.createObjectStore('persons', { keyPath: 'id' });
      for (const id of ids) store.put({ id, lastName: id.toUpperCase() });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('not opened'));
  });
}

describe("the export workers' own reads", () => {
  it('reads a key range with both ends in, in key order', async () => {
    const book = await made('book-range', 1, ['p4', 'p1', 'p3', 'p2', 'p5']);
    book.close();
    const connection = openBookDatabase('book-range');
    const read = personsIn(() => connection);
    expect((await read('p2', 'p4')).map((p) => p.id)).toEqual(['p2', 'p3', 'p4']);
    expect((await read('p5', 'p9')).map((p) => p.lastName)).toEqual(['P5']);
    expect(await read('q', 'z')).toEqual([]);
    (await connection).close();
  });

  it('does not create a book that is not stored, and says so', async () => {
    await expect(openBookDatabase('book-gone')).rejects.toThrow('The database book-gone is not stored');
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('book-gone');
  });

  it('gives way to an upgrade elsewhere: its connection closes instead of blocking it', async () => {
    (await made('book-upgraded', 1, ['p1'])).close();
    const own = await openBookDatabase('book-upgraded');
    // The app's next version opening the book: not blocked by the worker's connection.
    const upgraded = await made('book-upgraded', 2, ['p2']);
    expect(upgraded.version).toBe(2);
    upgraded.close();
    // The worker's connection is closed: a read on it fails rather than reading a book it no longer knows.
    expect(() => own.transaction('persons', 'readonly')).toThrow();
  });
});
