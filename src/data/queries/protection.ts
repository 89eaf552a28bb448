/**
 * The technical measures as they are, read when a document states them (Art. 30(1)(g), Art. 32):
 * whether the stored records are really sealed, how the stored verifiers derive keys, whether the
 * audit chain is keyed, where the data go. Never a constant: a document says what it found.
 */
import type { BookTagsState, EncryptionAtRestState, KeyDerivationState } from '../../domain/overview';
import { compareTags, readBookTags } from '../commands/bookTagCheck';
import { isRightsTag } from '../middleware/bookTags';
import type { User } from '../../domain/user';
import { rawConnection, type ConsentbookDB } from '../db';
import { isSealed, SEALED_TABLES } from '../middleware/sealing';
import { readAuditHead } from './auditIntegrity';
import { countSecrets } from '../core/personSecrets';
import { tableInRuns } from '../core/tableInRuns';
import type { Table } from 'dexie';

/** The tables of personal records (the directory's buckets, derived from them, are not among them). */
const RECORD_TABLES = Object.keys(SEALED_TABLES);

/**
 * Looks at every stored record of the sealed tables as stored (raw): enabled only when this
 * connection seals what it writes and not one record lies there in plain. `counted`: tables a
 * caller reads in full anyway (the register's tally), not read twice.
 */
export async function readEncryptionAtRest(
  db: ConsentbookDB,
  counted: Partial<Record<string, Promise<SealCount>>> = {},
): Promise<EncryptionAtRestState> {
  const raw = rawConnection(db);
  const counts = await Promise.all(RECORD_TABLES.map((name) => counted[name] ?? countSealed(raw.table(name))));
  const records = counts.reduce((sum, c) => sum + c.records, 0);
  const sealedRecords = counts.reduce((sum, c) => sum + c.sealed, 0);
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

/** Records read, and how many of them are sealed. */
export interface SealCount {
  records: number;
  sealed: number;
}

/** Adds records read as stored to a count (a reader of a whole table counts as it goes). */
export function countSealedIn(count: SealCount, records: readonly unknown[]): void {
  count.records += records.length;
  for (const record of records) if (isSealed(record)) count.sealed++;
}

async function countSealed(table: Table<unknown, string, unknown>): Promise<SealCount> {
  const count: SealCount = { records: 0, sealed: 0 };
  for await (const records of tableInRuns(table, 2_000)) countSealedIn(count, records);
  return count;
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

/**
 * The tags of the purposes, book settings, users and groups (middleware/bookTags.ts) against the
 * records now: what the sign-in checks. `tagged` counts records (a user's rights' own tag is not one).
 */
export async function readBookTagsState(db: ConsentbookDB): Promise<BookTagsState> {
  const { now, stored } = await readBookTags(db);
  if (!stored) return { tagged: 0, differing: null };
  return {
    tagged: Object.keys(stored).filter((name) => !isRightsTag(name)).length,
    differing: compareTags(stored, now).differing,
  };
}
