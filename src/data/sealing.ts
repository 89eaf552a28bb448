/**
 * Opening the keyring after a passphrase was checked, and sealing what a database written before
 * encryption at rest still holds in plain.
 */
import { isSealed, SEALED_TABLES } from './codec';
import { loadCipher } from './crypto/seal';
import { rawConnection, type ConsentbookDB } from './db';
import type { Session } from './session';
import { writeWith } from './write';

const SEALED_MARK = 'encryption';

export async function openKeyring(db: ConsentbookDB, dataKey: Uint8Array): Promise<void> {
  const [personKeys] = await Promise.all([db.personKeys.toArray(), loadCipher()]);
  db.keyring.unlock(dataKey, personKeys);
}

/** Notes that every record is sealed, so later sign-ins skip the scan. */
export async function markSealed(db: ConsentbookDB, session: Session): Promise<void> {
  await writeWith(db, { session, intent: 'seed' }, [db.settings], () =>
    db.settings.put({ key: SEALED_MARK, value: { sealedAt: new Date().toISOString() } }),
  );
}

/**
 * Seals every record still in plain, once, in one transaction (all or nothing). Written as they
 * are (intent "restore": nothing about them changes, so nothing is checked or logged); the index
 * words a version before 5 stored are dropped.
 */
export async function sealLegacyRecords(db: ConsentbookDB, session: Session): Promise<number> {
  if (await db.settings.get(SEALED_MARK)) return 0;
  const raw = rawConnection(db);
  const names = Object.keys(SEALED_TABLES);
  const plain = new Map<string, Record<string, unknown>[]>();
  for (const name of names) {
    const rows = (await raw.table(name).toArray()) as Record<string, unknown>[];
    plain.set(
      name,
      rows.filter((r) => !isSealed(r)).map(({ searchTerms: _s, ...r }) => r),
    );
  }
  // Persons first: their key secrets are made as they are sealed, their consents and files need them.
  await writeWith(db, { session, intent: 'restore' }, [...names.map((n) => db.table(n)), db.settings], async () => {
    for (const name of names) {
      const rows = plain.get(name)!;
      if (rows.length) await db.table(name).bulkPut(rows);
    }
    await db.settings.put({ key: SEALED_MARK, value: { sealedAt: new Date().toISOString() } });
  });
  return [...plain.values()].reduce((n, rows) => n + rows.length, 0);
}
