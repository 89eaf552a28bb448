/**
 * The ranges of `personKeys` a first build reads (ids are UUIDs: 16 ranges of about 6,000 at
 * 100,000 persons, by the first character of the id), and the read of one of them with IndexedDB
 * itself — in a row worker (rowWorker.ts), so the records are taken (structured-cloned out of
 * IndexedDB, ~1 s at 100,000) off the main thread, which gets each range packed (packRun).
 */
import type { PersonKeyRecord } from '../core/crypto/keyring';

const BOUNDS = Array.from({ length: 15 }, (_, i) => (i + 1).toString(16));
export const SECRET_RANGES = BOUNDS.length + 1;

/** Range i's bounds: from BOUNDS[i - 1] (included) to BOUNDS[i] (excluded); the first and last open-ended. */
export function secretRange(i: number): { lower?: string; upper?: string } {
  return { lower: i > 0 ? BOUNDS[i - 1] : undefined, upper: i < BOUNDS.length ? BOUNDS[i] : undefined };
}

function keyRange({ lower, upper }: { lower?: string; upper?: string }): IDBKeyRange | undefined {
  if (lower !== undefined && upper !== undefined) return IDBKeyRange.bound(lower, upper, false, true);
  if (lower !== undefined) return IDBKeyRange.lowerBound(lower);
  if (upper !== undefined) return IDBKeyRange.upperBound(upper, true);
  return undefined;
}

const connections = new Map<string, Promise<IDBDatabase>>();

/** The database, opened once per worker at the version it has; closed when another page upgrades it. */
function connection(name: string): Promise<IDBDatabase> {
  let open = connections.get(name);
  if (!open) {
    open = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          connections.delete(name);
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error(`IndexedDB ${name} did not open`));
    });
    connections.set(name, open);
    open.catch(() => connections.delete(name));
  }
  return open;
}

/** The records of range i of `personKeys` in database `name`, read as stored. */
export async function readSecretRange(name: string, i: number): Promise<PersonKeyRecord[]> {
  const db = await connection(name);
  return new Promise((resolve, reject) => {
    const request = db
      .transaction('personKeys', 'readonly')
      .objectStore('personKeys')
      .getAll(keyRange(secretRange(i)));
    request.onsuccess = () => resolve(request.result as PersonKeyRecord[]);
    request.onerror = () => reject(request.error ?? new Error('personKeys were not read'));
  });
}
