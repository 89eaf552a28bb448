/**
 * The technical measures as they are, read when a document states them (Art. 30(1)(g), Art. 32):
 * whether the stored records are really sealed, how the stored verifiers derive keys, whether the
 * audit chain is keyed, where the data go. Never a constant: a document says what it found.
 */
import type { EncryptionAtRestState, KeyDerivationState } from '../../domain/overview';
import type { User } from '../../domain/user';
import { rawConnection, type ConsentbookDB } from '../db';
import { isSealed, SEALED_TABLES } from '../middleware/sealing';
import { readAuditHead } from './auditIntegrity';
import { countSecrets } from '../core/personSecrets';

/** The tables of personal records (the directory's buckets, derived from them, are not among them). */
const RECORD_TABLES = Object.keys(SEALED_TABLES);

/**
 * Looks at every stored record of the sealed tables as stored (raw): enabled only when this
 * connection seals what it writes and not one record lies there in plain.
 */
export async function readEncryptionAtRest(db: ConsentbookDB): Promise<EncryptionAtRestState> {
  const raw = rawConnection(db);
  let records = 0;
  let sealedRecords = 0;
  await raw.transaction('r', RECORD_TABLES, async () => {
    for (const name of RECORD_TABLES)
      await raw.table(name).each((record) => {
        records++;
        if (isSealed(record)) sealedRecords++;
      });
  });
  const [persons, personKeys] = await Promise.all([raw.persons.count(), countSecrets(raw)]);
  return {
    enabled: db.sealing && sealedRecords === records,
    algorithm: 'AES-256-GCM',
    records,
    sealedRecords,
    persons,
    personKeys,
  };
}

/** The key derivation of the active users' stored verifiers (the lowest count is what an attacker faces). */
export function keyDerivationOf(users: readonly User[]): KeyDerivationState {
  const active = users.filter((u) => u.active);
  const counts = active.map((u) => u.verifier.iterations);
  const algorithms = [...new Set(active.map((u) => u.verifier.algorithm))];
  return {
    algorithm: algorithms.join(', ') || 'PBKDF2-SHA-256',
    minIterations: counts.length ? Math.min(...counts) : null,
    maxIterations: counts.length ? Math.max(...counts) : null,
    wrappedKeys: active.filter((u) => u.dataKey).length,
  };
}

/** Whether the audit chain's head carries a MAC, i.e. the log is keyed and not only hashed. */
export async function auditChainKeyed(db: ConsentbookDB): Promise<boolean> {
  return typeof (await readAuditHead(db))?.mac === 'string';
}
