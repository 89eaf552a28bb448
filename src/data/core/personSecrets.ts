/**
 * Where the persons' key secrets are stored (core/crypto/keyring.ts), and the one way to read,
 * count and delete them. A secret is a record of `personKeys` of its own, or — for the persons an
 * import adds — one of a chunk's secrets in a record of `personKeyGroups` (schema v15), found by
 * its multi-entry index of person ids. IndexedDB's cost is per record, not per byte: an import's
 * 10,000 secrets were 10,000 records and about 1.3 s of its write, as 200 groups they are a few
 * dozen ms (README, import_10k_vcards_ms).
 *
 * Erasure deletes a grouped secret by writing its group back without it (or deleting the group
 * with its last one): the same as deleting a record of its own for what the browser keeps on disk.
 * Backups hold every secret as a record of its own, as before groups (backup.ts).
 */
import type { DBCore, DBCoreTransaction, Transaction } from 'dexie';
import type { PersonKeyRecord } from './crypto/keyring';
import type { ConsentbookDB } from '../db';
import { equalRange, readAll } from '../middleware/mutations';

/** One chunk's key secrets: `secrets[i]` is `personIds[i]`'s. Its id is its first person's. */
export interface PersonKeyGroup {
  id: string;
  personIds: string[];
  secrets: Uint8Array[];
}

/** The tables a transaction needs to find any person's secret. */
export const SECRET_TABLES = ['personKeys', 'personKeyGroups'] as const;

/** Fewer new secrets than this at once are records of their own (a person saved, a merge). */
export const GROUP_FROM = 2;

/** Secrets per group at most (an import's chunk). */
export const GROUP_MAX = 50;

/**
 * Above this many secrets missing, a reader reads every secret instead (a few requests): asked
 * for one by one, each is a request, and each not stored on its own one more for the group
 * holding it — the Übersicht opening 10,000 consents issued 20,000 requests in 1.3 s of tasks.
 */
export const LOAD_ALL_ABOVE = 1_000;

/** Secrets as groups of at most GROUP_MAX. */
export function groupsOf(secrets: readonly PersonKeyRecord[]): PersonKeyGroup[] {
  const groups: PersonKeyGroup[] = [];
  for (let i = 0; i < secrets.length; i += GROUP_MAX) groups.push(groupOf(secrets.slice(i, i + GROUP_MAX)));
  return groups;
}

export function groupOf(secrets: readonly PersonKeyRecord[]): PersonKeyGroup {
  return {
    id: secrets[0].personId,
    personIds: secrets.map((s) => s.personId),
    secrets: secrets.map((s) => s.secret),
  };
}

/** The group's secrets, or only those of `wanted`. */
export function secretsIn(group: PersonKeyGroup, wanted?: ReadonlySet<string>): PersonKeyRecord[] {
  const out: PersonKeyRecord[] = [];
  for (const [i, personId] of group.personIds.entries())
    if (!wanted || wanted.has(personId)) out.push({ personId, secret: group.secrets[i] });
  return out;
}

/** The group without these persons' secrets; null when none is left. */
function without(group: PersonKeyGroup, gone: ReadonlySet<string>): PersonKeyGroup | null {
  const kept = secretsIn(group).filter((s) => !gone.has(s.personId));
  return kept.length ? { ...groupOf(kept), id: group.id } : null;
}

// DBCoreRangeType.Range (a const enum, not importable at runtime).
const RANGE = 2;

/*
 * Each operation once, at the DBCore level inside the caller's transaction (the sealing layer's
 * and sync's applier's); the connection-level reads below open a transaction and call these.
 */

/**
 * The groups holding any of these persons' secrets, each read once: the index gives each id's
 * group key, then the groups are read. (Read by the index with values, a group came once per
 * person of it asked for — 1,000 copies of a 5,000-secret group for a page of the export.)
 */
async function groupsHoldingCore(down: DBCore, trans: DBCoreTransaction, ids: readonly string[]) {
  const table = down.table('personKeyGroups');
  const index = table.schema.getIndexByKeyPath('personIds');
  if (!index) throw new Error('The schema lacks the index of the key groups');
  const found = await Promise.all(
    ids.map((id) => table.query({ trans, values: false, query: { index, range: equalRange(id) } })),
  );
  const keys = [...new Set(found.flatMap((res) => res.result as string[]))];
  const groups = (await table.getMany({ trans, keys })) as (PersonKeyGroup | undefined)[];
  return groups.filter((g): g is PersonKeyGroup => !!g);
}

/** These persons' stored secrets, in the order asked (undefined: none stored). */
export async function readSecretsCore(
  down: DBCore,
  trans: DBCoreTransaction,
  ids: readonly string[],
): Promise<(PersonKeyRecord | undefined)[]> {
  const singles = (await down.table('personKeys').getMany({ trans, keys: ids as string[] })) as (
    PersonKeyRecord | undefined
  )[];
  const missing = ids.filter((_id, i) => !singles[i]);
  if (missing.length === 0) return singles;
  const grouped = new Map<string, PersonKeyRecord>();
  for (const group of await groupsHoldingCore(down, trans, missing))
    for (const s of secretsIn(group, new Set(missing))) grouped.set(s.personId, s);
  return ids.map((id, i) => singles[i] ?? grouped.get(id));
}

/**
 * Every stored secret, each person's once. A person may have both kinds: one imported here and
 * changed on another device comes back with their secret, which sync stores as a record of its
 * own — the same secret (their own record is taken).
 */
export async function readAllSecretsCore(down: DBCore, trans: DBCoreTransaction): Promise<PersonKeyRecord[]> {
  const [own, groups] = await Promise.all([
    readAll<PersonKeyRecord>(down.table('personKeys'), trans),
    readAll<PersonKeyGroup>(down.table('personKeyGroups'), trans),
  ]);
  const held = new Set(own.map((s) => s.personId));
  return [...own, ...groups.flatMap((g) => secretsIn(g)).filter((s) => !held.has(s.personId))];
}

/** Whether any of these ids has a secret of its own stored, by one read of the ids' key range. */
export async function anySingleStoredCore(
  down: DBCore,
  trans: DBCoreTransaction,
  ids: readonly string[],
): Promise<boolean> {
  if (ids.length === 0) return false;
  const sorted = [...ids].sort();
  const table = down.table('personKeys');
  const range = { type: RANGE, lower: sorted[0], upper: sorted[sorted.length - 1] } as never;
  // Keys only: an import's new ids are adjacent (core/batchIds.ts), so the range is theirs alone.
  // Ids given from elsewhere may span the book: past a few times the chunk, each id is read.
  const limit = 4 * ids.length;
  const res = await table.query({ trans, values: false, limit, query: { index: table.schema.primaryKey, range } });
  const wanted = new Set(ids);
  if (res.result.length < limit) return (res.result as string[]).some((k) => wanted.has(k));
  const found = await table.getMany({ trans, keys: ids as string[] });
  return found.some((s) => s !== undefined);
}

/** Deletes these persons' secrets, their own records and their places in groups. */
export async function deleteSecretsCore(down: DBCore, trans: DBCoreTransaction, ids: readonly string[]) {
  const groups = await groupsHoldingCore(down, trans, ids);
  const gone = new Set(ids);
  const kept = groups.map((g) => without(g, gone));
  const table = down.table('personKeyGroups');
  const put = kept.filter((g): g is PersonKeyGroup => !!g);
  const deleted = groups.filter((_g, i) => !kept[i]).map((g) => g.id);
  const results = await Promise.all([
    down.table('personKeys').mutate({ type: 'delete', trans, keys: ids as string[] }),
    put.length ? table.mutate({ type: 'put', trans, values: put }) : undefined,
    deleted.length ? table.mutate({ type: 'delete', trans, keys: deleted }) : undefined,
  ]);
  for (const res of results)
    if (res?.numFailures) throw Object.values(res.failures)[0] ?? new Error('A key secret was not deleted');
}

/** The same, inside a Dexie transaction of a connection without the sealing layer (sync's applier). */
export function deleteSecrets(tx: Transaction, ids: readonly string[]): Promise<void> {
  return deleteSecretsCore(tx.db.core, tx.idbtrans, ids);
}

/** A read of the secret tables in a transaction of its own (or the caller's, where it spans them). */
function reading<T>(raw: ConsentbookDB, read: (down: DBCore, trans: DBCoreTransaction) => Promise<T>): Promise<T> {
  return raw.transaction('r', [...SECRET_TABLES], (tx) => read(raw.core, tx.idbtrans));
}

/** These persons' secrets, in the order asked (undefined: none stored); `raw`: rawConnection(db). */
export function readSecrets(raw: ConsentbookDB, ids: readonly string[]): Promise<(PersonKeyRecord | undefined)[]> {
  return reading(raw, (down, trans) => readSecretsCore(down, trans, ids));
}

/** Every stored secret, each person's once. */
export function readAllSecrets(raw: ConsentbookDB): Promise<PersonKeyRecord[]> {
  return reading(raw, readAllSecretsCore);
}

/** For how many persons a secret is stored (keys and ids only). */
export async function countSecrets(raw: ConsentbookDB): Promise<number> {
  const ids = new Set<string>(await raw.personKeys.toCollection().primaryKeys());
  await raw.personKeyGroups.each((g) => {
    for (const id of g.personIds) ids.add(id);
  });
  return ids.size;
}
