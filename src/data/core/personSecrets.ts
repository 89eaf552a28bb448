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
import type { DBCore, DBCoreTransaction, Table, Transaction } from 'dexie';
import type { PersonKeyRecord } from './crypto/keyring';

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

// DBCoreRangeType is a const enum, not importable at runtime.
const RANGE_EQUAL = 1;
const RANGE_ANY = 3;
const RANGE = 2;
const equal = (value: string) => ({ type: RANGE_EQUAL, lower: value, upper: value }) as never;
const ANY = { type: RANGE_ANY, lower: undefined, upper: undefined } as never;

/** The groups holding any of these persons' secrets, read in one round (DBCore level). */
async function groupsHoldingCore(down: DBCore, trans: DBCoreTransaction, ids: readonly string[]) {
  const table = down.table('personKeyGroups');
  const index = table.schema.getIndexByKeyPath('personIds');
  if (!index) throw new Error('The schema lacks the index of the key groups');
  const found = await Promise.all(
    ids.map((id) => table.query({ trans, values: true, query: { index, range: equal(id) } })),
  );
  const groups = new Map<string, PersonKeyGroup>();
  for (const res of found) for (const g of res.result as PersonKeyGroup[]) groups.set(g.id, g);
  return [...groups.values()];
}

/** These persons' stored secrets, those found (DBCore level, in the caller's transaction). */
export async function readSecretsCore(
  down: DBCore,
  trans: DBCoreTransaction,
  ids: readonly string[],
): Promise<PersonKeyRecord[]> {
  const singles = (await down.table('personKeys').getMany({ trans, keys: ids as string[] })) as (
    PersonKeyRecord | undefined
  )[];
  const found = singles.filter((s): s is PersonKeyRecord => !!s);
  if (found.length === ids.length) return found;
  const missing = ids.filter((_id, i) => !singles[i]);
  const wanted = new Set(missing);
  for (const group of await groupsHoldingCore(down, trans, missing)) found.push(...secretsIn(group, wanted));
  return found;
}

/** Every stored secret (DBCore level). */
export async function readAllSecretsCore(down: DBCore, trans: DBCoreTransaction): Promise<PersonKeyRecord[]> {
  const [singles, groups] = await Promise.all(
    ['personKeys', 'personKeyGroups'].map((name) => {
      const table = down.table(name);
      return table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: ANY } });
    }),
  );
  return [
    ...(singles.result as PersonKeyRecord[]),
    ...(groups.result as PersonKeyGroup[]).flatMap((g) => secretsIn(g)),
  ];
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

/** Deletes these persons' secrets, their own records and their places in groups (DBCore level). */
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

/** What the Dexie-level helpers read from: a connection or a transaction. */
interface Tables {
  table(name: string): Table;
}

const singlesOf = (on: Tables) => on.table('personKeys') as Table<PersonKeyRecord, string>;
const groupsOf = (on: Tables) => on.table('personKeyGroups') as Table<PersonKeyGroup, string>;

/** These persons' secrets in the order asked (undefined: none stored). */
export async function readSecrets(on: Tables, ids: readonly string[]): Promise<(PersonKeyRecord | undefined)[]> {
  const singles = await singlesOf(on).bulkGet(ids as string[]);
  const missing = ids.filter((_id, i) => !singles[i]);
  if (missing.length === 0) return singles;
  const wanted = new Set(missing);
  const grouped = new Map<string, PersonKeyRecord>();
  const groups = await groupsOf(on).where('personIds').anyOf(missing).toArray();
  for (const g of groups) for (const s of secretsIn(g, wanted)) grouped.set(s.personId, s);
  return ids.map((id, i) => singles[i] ?? grouped.get(id));
}

/**
 * Every grouped secret (the records of their own are read by the caller, in runs). A person may
 * have both: a person imported here and changed on another device comes back with their secret,
 * which sync stores as a record of its own — the same secret.
 */
export async function readGroupedSecrets(on: Tables): Promise<PersonKeyRecord[]> {
  return (await groupsOf(on).toArray()).flatMap((g) => secretsIn(g));
}

/** Every stored secret, each person's once (their own record where they have both). */
export async function readAllSecrets(on: Tables): Promise<PersonKeyRecord[]> {
  const [own, grouped] = await Promise.all([singlesOf(on).toArray(), readGroupedSecrets(on)]);
  const held = new Set(own.map((s) => s.personId));
  return [...own, ...grouped.filter((s) => !held.has(s.personId))];
}

/** For how many persons a secret is stored. */
export async function countSecrets(on: Tables): Promise<number> {
  const ids = new Set<string>(await singlesOf(on).toCollection().primaryKeys());
  await groupsOf(on).each((g) => {
    for (const id of g.personIds) ids.add(id);
  });
  return ids.size;
}

/** Deletes these persons' secrets wherever they are (inside the caller's transaction). */
export async function deleteSecrets(on: Tables | Transaction, ids: readonly string[]): Promise<void> {
  const gone = new Set(ids);
  const groups = await groupsOf(on).where('personIds').anyOf(ids).toArray();
  await singlesOf(on).bulkDelete(ids as string[]);
  for (const g of new Map(groups.map((x) => [x.id, x])).values()) {
    const kept = without(g, gone);
    if (kept) await groupsOf(on).put(kept);
    else await groupsOf(on).delete(g.id);
  }
}
