/**
 * Reading many records at once (the directory, the import's duplicate check, the export of all):
 * the records as stored, in chunks by primary key, opened with WebCrypto outside any transaction
 * — several times faster than the synchronous cipher the middleware must use inside transactions.
 */
import { isSealed, SEALED_TABLES } from '../middleware/sealing';
import { fromJsonBytes } from '../core/crypto/json';
import { importAesKey, openAsync, openRecord, recordAad } from '../core/crypto/seal';
import { rawConnection, type ConsentbookDB } from '../db';
import { PersonKeyMissingError } from '../core/errors';

/**
 * Brings the key secrets of these persons into the keyring, those not there yet (sign-in loads
 * none: each reader loads those it needs). An erased person's secret is found nowhere.
 */
export async function loadPersonSecrets(db: ConsentbookDB, personIds: readonly string[]): Promise<void> {
  const missing = [...new Set(personIds)].filter((id) => !db.keyring.hasPerson(id));
  if (missing.length === 0) return;
  for (const record of await rawConnection(db).personKeys.bulkGet(missing)) if (record) db.keyring.addPerson(record);
}

/** The key secrets of the persons whose keys seal these stored rows of `table`. */
export async function loadSecretsOfRows(db: ConsentbookDB, table: string, rows: readonly unknown[]): Promise<void> {
  const personIdOf = SEALED_TABLES[table]?.personIdOf;
  if (!personIdOf) return;
  const ids = rows.filter(isSealed).map((r) => personIdOf(r));
  await loadPersonSecrets(
    db,
    ids.filter((id): id is string => !!id),
  );
}

/** Records of a sealed table as stored, opened (records in plain, from before encryption, as they are). */
export async function openStored<T>(
  db: ConsentbookDB,
  table: string,
  rows: readonly unknown[],
  primaryKey = 'id',
): Promise<T[]> {
  const spec = SEALED_TABLES[table];
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
      if (!isSealed(record)) return record as T;
      const { sealed, ...plain } = record;
      const key = await keyFor(plain);
      const id = plain[primaryKey];
      const secret = fromJsonBytes<object>(
        await openRecord(table, id, () => openAsync(key, sealed, recordAad(table, id, plain))),
      );
      return { ...plain, ...secret } as T;
    }),
  );
}

export function countStoredPersons(db: ConsentbookDB): Promise<number> {
  return rawConnection(db).persons.count();
}
