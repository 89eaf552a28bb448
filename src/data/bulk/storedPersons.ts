/**
 * Persons as stored, by key range, read with IndexedDB itself: where an export's share is opened
 * (a worker of the open pool has no Dexie, and needs none to read). The page handing out the share
 * reads no person then — each record crossed from IndexedDB to the page and from the page to a
 * worker before; reading in the workers, side by side, took an export's reads from ~6.4 s to ~4 s
 * on the benchmark's machine (docs/performance-history.md, session 40).
 */

/** The persons stored from `first` to `last` (both in), in key order, as stored. */
export type PersonsInRange = (first: string, last: string) => Promise<Record<string, unknown>[]>;

/** Reading a range from an open connection to the book's database. */
export function personsIn(connection: () => Promise<IDBDatabase>): PersonsInRange {
  return async (first, last) => {
    const database = await connection();
    return new Promise((resolve, reject) => {
      const request = database
        .transaction('persons', 'readonly')
        .objectStore('persons')
        .getAll(IDBKeyRange.bound(first, last));
      request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      request.onerror = () => reject(request.error ?? new Error('The persons could not be read'));
    });
  };
}

/**
 * A connection of its own to the book's database, by name, opened at its current version. It
 * never creates nor upgrades one (a book deleted meanwhile is an error), and gives way to an
 * upgrade or a deletion elsewhere by closing.
 */
export function openBookDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    let missing = false;
    request.onupgradeneeded = () => {
      missing = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () =>
      reject(
        missing
          ? new Error(`The database ${name} is not stored (deleted meanwhile?)`)
          : (request.error ?? new Error(`The database ${name} could not be opened`)),
      );
  });
}
