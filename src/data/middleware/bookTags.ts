/**
 * Keyed tags of the book's records kept wholly in plain: the purposes (legal basis, retention,
 * whether consent is needed), the book's settings (privacy, controller, recipients, the
 * register's notes, the sync operator) and the users and groups (rights, administrators; their
 * rights tagged apart as well). Nothing seals them, so someone with the device's files could
 * change them; each is tagged here (HMAC-SHA-256 under a key derived from the data key, over
 * table, key and the record as canonical JSON) and the tags kept in one settings record. Whoever
 * writes these records tags those it wrote again in the same transaction — the sealing layer for
 * the app's writes, the sync applier for other devices' (raw; a restore brings the backup's own
 * tags) — and each sign-in compares: a record changed, added or removed outside the app is logged
 * by name, then tagged as found (commands/bookTagCheck.ts). Tamper-evident, as the log is: found at
 * the next sign-in, not refused — but rights are granted only as the app last wrote them.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction } from 'dexie';
import { canonicalJson } from '../../domain/canonicalJson';
import type { Keyring } from '../core/crypto/keyring';
import { BOOK_SETTING_KEYS } from '../../domain/settings';
import { readAll, throwOnFailure } from './mutations';

/** Settings key of the tags: `purposes/<id>`, `settings/<key>`, `users/<id>`, `groups/<id>` → hex tag. */
export const BOOK_TAGS_KEY = 'bookTags';

export type BookTags = Record<string, string>;

/**
 * The rights each rights tag was made over (`rights/users/<id>` → rightsOf), kept beside the tags
 * in their record: rights changed outside the app can be put back as the app last wrote them —
 * the tag tells the kept values from planted ones (commands/bookTagCheck.ts withheldRights).
 */
export type KeptRights = Record<string, unknown>;

/** The tags' settings record. */
export interface BookTagsRecord {
  key: typeof BOOK_TAGS_KEY;
  value: BookTags;
  rights?: KeptRights;
}

/** The records tagged, as read in the caller's transaction. */
export interface BookRecords {
  purposes: readonly { id: string }[];
  settings: readonly ({ key: string } | undefined)[];
  users: readonly { id: string }[];
  groups: readonly { id: string }[];
}

/** Tables whose every record is tagged by its `id` (the settings: only the book's, by `key`). */
const TAGGED_BY_ID = ['purposes', 'users', 'groups'] as const;

/** The users' and groups' tags: a book tagged before they were has none of them (commands/bookTagCheck.ts). */
export const isAccountTag = (name: string): boolean =>
  name.startsWith('users/') || name.startsWith('groups/') || isRightsTag(name);

/**
 * A user's or group's rights tagged on their own (`rights/users/<id>`, `rights/groups/<id>`): a
 * sign-in grants only rights whose tag holds (trustedAccount), and a check that finds a record
 * changed tags it again as found — but never its rights: those wait for the app to write them.
 */
export const isRightsTag = (name: string): boolean => name.startsWith('rights/');

/** What a session's rights are made of (domain/user.ts effectivePermissions, and `active`). */
export function rightsOf(record: { id: string } & Record<string, unknown>, table: 'users' | 'groups'): unknown {
  const { isAdmin, active, groupIds, permissions } = record;
  return table === 'users' ? { isAdmin, active, groupIds, permissions } : { permissions };
}

export const tagKey = (keyring: Keyring) => keyring.dataKeyDerived('consentbook book record tags');

function tagWith(key: Uint8Array, name: string, record: unknown): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes(`${name}\n${canonicalJson(record)}`)));
}

/** The tags of the records as they are now. */
export function tagsOf(keyring: Keyring, records: BookRecords): BookTags {
  const key = tagKey(keyring);
  const tags: BookTags = {};
  for (const table of TAGGED_BY_ID)
    for (const r of records[table]) tags[`${table}/${r.id}`] = tagWith(key, `${table}/${r.id}`, r);
  for (const s of records.settings) if (s) tags[`settings/${s.key}`] = tagWith(key, `settings/${s.key}`, s);
  for (const table of ['users', 'groups'] as const)
    for (const r of records[table]) tags[`rights/${table}/${r.id}`] = rightsTag(key, table, r);
  return tags;
}

/** The users' and groups' rights as they are now, by their tags' names. */
export function rightsNow(records: BookRecords): KeptRights {
  return Object.fromEntries(
    (['users', 'groups'] as const).flatMap((t) => records[t].map((r) => [`rights/${t}/${r.id}`, rightsOf(r, t)])),
  );
}

export function rightsTag(key: Uint8Array, table: 'users' | 'groups', record: { id: string }): string {
  const name = `rights/${table}/${record.id}`;
  return tagWith(key, name, rightsOf(record, table));
}

/**
 * A user's or group's record with its rights as the app last wrote them: as it is where their tag
 * holds (or the accounts are not tagged yet); else `withheld`, with the rights kept beside the tags
 * where their tag confirms them (`kept`), or with none. What a sign-in grants and what the users'
 * rules judge (commands/bookTagCheck.ts, rules/users.ts).
 */
export function asLastWritten<T extends { id: string }>(
  keyring: Keyring,
  found: Partial<BookTagsRecord> | undefined,
  table: 'users' | 'groups',
  record: T,
): { record: T; withheld: boolean; kept: boolean } {
  const tags = found?.value;
  const name = `rights/${table}/${record.id}`;
  const key = tagKey(keyring);
  if (!tags || !accountsTagged(tags) || tags[name] === rightsTag(key, table, record))
    return { record, withheld: false, kept: false };
  const stored = found.rights?.[name];
  const candidate = { ...(typeof stored === 'object' ? stored : {}), id: record.id };
  const kept = !!stored && tags[name] === rightsTag(key, table, candidate);
  const none = table === 'users' ? { isAdmin: false, permissions: [], groupIds: [] } : { permissions: [] };
  return { record: { ...record, ...(kept ? (rightsOf(candidate, table) as object) : none) }, withheld: true, kept };
}

/** Whether the tags cover the users and groups and their rights (a book tagged before has none, or no rights'). */
export function accountsTagged(stored: BookTags): boolean {
  const names = Object.keys(stored);
  return names.some(isRightsTag) && names.some((name) => isAccountTag(name) && !isRightsTag(name));
}

/** Reads the tagged records on the core below the rules (the caller's transaction holds both tables). */
export async function bookRecordsCore(down: DBCore, trans: DBCoreTransaction): Promise<BookRecords> {
  const [purposes, settings, users, groups] = await Promise.all([
    readAll<{ id: string }>(down.table('purposes'), trans),
    down.table('settings').getMany({ trans, keys: [...BOOK_SETTING_KEYS] }) as Promise<({ key: string } | undefined)[]>,
    readAll<{ id: string }>(down.table('users'), trans),
    readAll<{ id: string }>(down.table('groups'), trans),
  ]);
  return { purposes, settings, users, groups };
}

/**
 * Tags again, in the caller's transaction, the records `names` (`purposes/<id>`, `settings/<key>`)
 * as they now are — only those: a record changed on disk meanwhile keeps its old tag, and the next
 * sign-in still finds it. `names` undefined: every record (a write that names none).
 */
export async function retagCore(
  down: DBCore,
  trans: DBCoreTransaction,
  keyring: Keyring,
  names?: readonly string[],
): Promise<void> {
  const settings = down.table('settings');
  const records = await bookRecordsCore(down, trans);
  let tags = tagsOf(keyring, records);
  let rights = rightsNow(records);
  if (names) {
    const stored = (await settings.get({ trans, key: BOOK_TAGS_KEY })) as BookTagsRecord | undefined;
    // A book without tags is tagged whole, by the sign-in's check (which says so) or its setup:
    // a record of a few would make every other "added".
    if (!stored?.value) return;
    // Users and groups of a book tagged before they were are tagged all at once, by the sign-in's
    // check (which says so), not one by one as written: one alone would make the others "added".
    const accounts = accountsTagged(stored.value);
    const written = new Set(names.filter((name) => accounts || !isAccountTag(name)));
    // The others as stored; the written ones as they are now (gone where their record is).
    const merged = <T>(before: Record<string, T>, now: Record<string, T>) =>
      Object.fromEntries([
        ...Object.entries(before).filter(([name]) => !written.has(name)),
        ...[...written].filter((name) => name in now).map((name) => [name, now[name]] as const),
      ]);
    tags = merged(stored.value, tags);
    rights = merged(stored.rights ?? {}, rights);
  }
  const record: BookTagsRecord = { key: BOOK_TAGS_KEY, value: tags, rights };
  throwOnFailure(await settings.mutate({ type: 'put', trans, values: [record] }));
}

/**
 * The tags' names of the record `key` of `table`: `purposes/<id>`, `settings/<key>`, a user's or
 * group's and their rights' (`rights/users/<id>`); none: not tagged.
 */
export function bookRecordNames(table: string, key: unknown): string[] {
  if (table === 'users' || table === 'groups') return [`${table}/${String(key)}`, `rights/${table}/${String(key)}`];
  if ((TAGGED_BY_ID as readonly string[]).includes(table)) return [`${table}/${String(key)}`];
  if (table === 'settings' && (BOOK_SETTING_KEYS as readonly unknown[]).includes(key))
    return [`settings/${String(key)}`];
  return [];
}

/** The tagged records one write to `table` changes (none: []; it names none: undefined, all of them). */
export function bookRecordsWritten(table: string, req: DBCoreMutateRequest): string[] | undefined {
  if (!isTaggedTable(table)) return [];
  const keys =
    req.type === 'delete'
      ? req.keys
      : req.type === 'add' || req.type === 'put'
        ? (req.values as Record<string, unknown>[]).map((v) => v[table === 'settings' ? 'key' : 'id'])
        : undefined;
  return keys?.flatMap((k) => bookRecordNames(table, k));
}

/** Whether records of `table` carry tags (the sealing layer tags what is written to these). */
export function isTaggedTable(table: string): boolean {
  return table === 'settings' || (TAGGED_BY_ID as readonly string[]).includes(table);
}
