/**
 * Reading many records at once (the directory, the import's duplicate check, the export of all):
 * the records as stored, in chunks by primary key, opened with WebCrypto outside any transaction
 * — several times faster than the synchronous cipher the middleware must use inside transactions.
 */
import { isSealed, sealSpecOf } from '../middleware/sealing';
import { fromJsonBytes } from '../core/crypto/json';
import { importAesKey, openAsync, openRecord, recordAad } from '../core/crypto/seal';
import { rawConnection, type ConsentbookDB } from '../db';
import type { DirectoryEntry } from '../core/derived';
import { PersonKeyMissingError, plainRecordError } from '../core/errors';
import { nextTask } from '../core/nextTask';
import { runAfter, tableInRuns } from '../core/tableInRuns';
import { LOAD_ALL_ABOVE, readSecrets, secretsIn } from '../core/personSecrets';
import type { PersonKeyRecord } from '../core/crypto/keyring';

/**
 * Brings the key secrets of these persons into the keyring, those not there yet (sign-in loads
 * none: each reader loads those it needs). An erased person's secret is found nowhere.
 */
export async function loadPersonSecrets(
  db: ConsentbookDB,
  personIds: readonly string[],
  loadAllAbove = LOAD_ALL_ABOVE,
): Promise<void> {
  let missing = [...new Set(personIds)].filter((id) => !db.keyring.hasPerson(id));
  if (missing.length > loadAllAbove && !db.keyring.allPersonsLoaded) {
    await loadAllPersonSecrets(db);
    missing = missing.filter((id) => !db.keyring.hasPerson(id));
  }
  if (missing.length === 0) return;
  const found = await readSecrets(rawConnection(db), missing);
  // Signed out meanwhile: nothing comes into a locked keyring.
  if (db.keyring.unlocked) for (const record of found) if (record) db.keyring.addPerson(record);
}

/**
 * Every person's key secret into the keyring, once per unlock: for a reader that will meet every
 * person (the whole-database export). Read page by page instead, a fresh session's export asked
 * for each page's 1,000 secrets one key at a time, and for each one not stored on its own for the
 * whole key group holding it — on the benchmark's book, whose groups hold 5,000 secrets, the
 * export did not end within ten minutes.
 */
export async function loadEveryPersonSecret(db: ConsentbookDB, run = RUN): Promise<void> {
  if (!db.keyring.allPersonsLoaded) await loadAllPersonSecrets(db, run);
}

/** Every secret is read in runs of this many (core/personSecrets.ts LOAD_ALL_ABOVE: when). */
const RUN = 10_000;
const loadingAll = new WeakMap<ConsentbookDB, Promise<void>>();

/** Every stored secret, a run at a time with a task for the page in between; once per unlock. */
function loadAllPersonSecrets(db: ConsentbookDB, run = RUN): Promise<void> {
  let loading = loadingAll.get(db);
  if (!loading) {
    loading = (async () => {
      // The unlock this load is for (a sign-out and in meanwhile starts a keyring anew).
      const unlock = db.keyring.requireDataKey();
      for await (const found of tableInRuns<PersonKeyRecord>(rawConnection(db).personKeys, run)) {
        if (!db.keyring.unlocked || db.keyring.requireDataKey() !== unlock) return;
        for (const record of found) if (!db.keyring.hasPerson(record.personId)) db.keyring.addPerson(record);
      }
      // An import's secrets, a chunk a record (core/personSecrets.ts) — also in runs of about `run`
      // secrets: a group holds a write's new persons, 50 for an import's chunk, thousands for a
      // bulk write (all of the benchmark's book in one read: a 253 ms task).
      const groups = rawConnection(db).personKeyGroups;
      let limit = 2;
      for (let after: string | undefined; ;) {
        const read = await runAfter(groups, after, limit);
        if (!db.keyring.unlocked || db.keyring.requireDataKey() !== unlock) return;
        let secrets = 0;
        for (const group of read)
          for (const record of secretsIn(group)) {
            secrets++;
            if (!db.keyring.hasPerson(record.personId)) db.keyring.addPerson(record);
          }
        if (read.length < limit) break;
        after = read[read.length - 1].id;
        limit = Math.max(1, Math.round((limit * run) / Math.max(secrets, 1)));
        await nextTask();
      }
      db.keyring.allPersonsLoaded = true;
    })().finally(() => loadingAll.delete(db));
    loadingAll.set(db, loading);
  }
  return loading;
}

/** The key secrets of the persons whose keys seal these stored rows of `table`. */
export async function loadSecretsOfRows(db: ConsentbookDB, table: string, rows: readonly unknown[]): Promise<void> {
  const personIdOf = sealSpecOf(table)?.personIdOf;
  if (!personIdOf) return;
  const ids = rows.filter(isSealed).map((r) => personIdOf(r));
  await loadPersonSecrets(
    db,
    ids.filter((id): id is string => !!id),
  );
}

/**
 * Records of a table as stored, opened. One in plain in a sealed table is refused (core/errors.ts
 * plainRecordError); only the benchmark's comparison database, without sealing, holds them so.
 */
export async function openStored<T>(
  db: ConsentbookDB,
  table: string,
  rows: readonly unknown[],
  primaryKey = 'id',
): Promise<T[]> {
  const spec = sealSpecOf(table);
  await loadSecretsOfRows(db, table, rows);
  let recordKey: Promise<CryptoKey> | undefined;
  const keyFor = (plain: Record<string, unknown>): Promise<CryptoKey> => {
    const personId = spec?.personIdOf?.(plain);
    if (personId === undefined) return (recordKey ??= importAesKey(db.keyring.recordKey()));
    const key = db.keyring.personKey(personId);
    if (!key) throw new PersonKeyMissingError(personId);
    return importAesKey(key);
  };
  return Promise.all(
    rows.map(async (record) => {
      if (!isSealed(record)) {
        if (spec && db.sealing) throw plainRecordError(table, (record as Record<string, unknown>)[primaryKey]);
        return record as T;
      }
      const { sealed, ...plain } = record;
      const key = await keyFor(plain);
      const id = plain[primaryKey];
      const secret = fromJsonBytes(
        await openRecord(table, id, () => openAsync(key, sealed, recordAad(table, id, plain))),
      ) as object;
      return { ...plain, ...secret } as T;
    }),
  );
}

export function countStoredPersons(db: ConsentbookDB): Promise<number> {
  return rawConnection(db).persons.count();
}

/** Every stored person's key compared with the entries: those stored but not read, those read but gone. */
export async function unaccounted(
  db: ConsentbookDB,
  entries: ReadonlyMap<string, DirectoryEntry>,
): Promise<{ unread: string[]; gone: string[] }> {
  const keys: string[] = await rawConnection(db).persons.toCollection().primaryKeys();
  const present = new Set(keys);
  return {
    unread: keys.filter((id) => !entries.has(id)),
    gone: [...entries.keys()].filter((id) => !present.has(id)),
  };
}
