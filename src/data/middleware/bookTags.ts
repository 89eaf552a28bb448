/**
 * Keyed tags of the book's records kept wholly in plain: the purposes (legal basis, retention,
 * whether consent is needed), the book's settings (privacy, controller, recipients, the
 * register's notes, the sync operator) and the users and groups (rights, administrators). Nothing seals them, so someone with the device's files
 * could change them; each is tagged here (HMAC-SHA-256 under a key derived from the data key, over
 * table, key and the record as canonical JSON) and the tags kept in one settings record. Whoever
 * writes these records tags those it wrote again in the same transaction — the sealing layer for
 * the app's writes, the sync applier for other devices' (raw; a restore brings the backup's own
 * tags) — and each sign-in compares: a record
 * changed, added or removed outside the app is logged by name, then tagged as found
 * (commands/bookTagCheck.ts). Tamper-evident, as the log is: found at the next sign-in, not refused.
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
export const isAccountTag = (name: string): boolean => name.startsWith('users/') || name.startsWith('groups/');

/** The tags of the records as they are now. */
export function tagsOf(keyring: Keyring, records: BookRecords): BookTags {
  const key = keyring.dataKeyDerived('consentbook book record tags');
  const tag = (name: string, record: unknown) =>
    bytesToHex(hmac(sha256, key, utf8ToBytes(`${name}\n${canonicalJson(record)}`)));
  const tags: BookTags = {};
  for (const table of TAGGED_BY_ID)
    for (const r of records[table]) tags[`${table}/${r.id}`] = tag(`${table}/${r.id}`, r);
  for (const s of records.settings) if (s) tags[`settings/${s.key}`] = tag(`settings/${s.key}`, s);
  return tags;
}

/** The records whose tags differ (changed), are missing (added) or are left over (removed), sorted. */
export function differingTags(stored: BookTags, now: BookTags): string[] {
  const names = new Set([...Object.keys(stored), ...Object.keys(now)]);
  return [...names].filter((n) => stored[n] !== now[n]).sort();
}

/**
 * What a check finds: the records that differ, and whether the users and groups are tagged for the
 * first time — a book tagged before they were (sessions before, or a backup of then) has none of
 * theirs, which is not a change.
 */
export function compareTags(stored: BookTags, now: BookTags): { differing: string[]; accountsBound: boolean } {
  if (Object.keys(stored).some(isAccountTag)) return { differing: differingTags(stored, now), accountsBound: false };
  const accounts = Object.entries(now).filter(([name]) => isAccountTag(name));
  return { differing: differingTags({ ...stored, ...Object.fromEntries(accounts) }, now), accountsBound: true };
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
  const now = tagsOf(keyring, await bookRecordsCore(down, trans));
  let tags = now;
  if (names) {
    const stored = ((await settings.get({ trans, key: BOOK_TAGS_KEY })) as { value?: BookTags } | undefined)?.value;
    // A book without tags is tagged whole, by the sign-in's check (which says so) or its setup:
    // a record of a few would make every other "added".
    if (!stored) return;
    // Users and groups of a book tagged before they were are tagged all at once, by the sign-in's
    // check (which says so), not one by one as written: one alone would make the others "added".
    const accountsTagged = Object.keys(stored).some(isAccountTag);
    const written = new Set(names.filter((name) => accountsTagged || !isAccountTag(name)));
    // The others as stored; the written ones as they are now (gone where their record is).
    tags = Object.fromEntries([
      ...Object.entries(stored).filter(([name]) => !written.has(name)),
      ...[...written].filter((name) => name in now).map((name) => [name, now[name]] as const),
    ]);
  }
  throwOnFailure(await settings.mutate({ type: 'put', trans, values: [{ key: BOOK_TAGS_KEY, value: tags }] }));
}

/** The tag's name of the record `key` of `table` (`purposes/<id>`, `settings/<key>`); undefined: not tagged. */
export function bookRecordName(table: string, key: unknown): string | undefined {
  if ((TAGGED_BY_ID as readonly string[]).includes(table)) return `${table}/${String(key)}`;
  if (table === 'settings' && (BOOK_SETTING_KEYS as readonly unknown[]).includes(key)) return `settings/${String(key)}`;
  return undefined;
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
  return keys?.flatMap((k) => bookRecordName(table, k) ?? []);
}

/** Whether records of `table` carry tags (the sealing layer tags what is written to these). */
export function isTaggedTable(table: string): boolean {
  return table === 'settings' || (TAGGED_BY_ID as readonly string[]).includes(table);
}
