/**
 * Keyed tags of the book's records kept wholly in plain: the purposes (legal basis, retention,
 * whether consent is needed) and the book's settings (privacy, controller, recipients, the
 * register's notes, the sync operator). Nothing seals them, so someone with the device's files
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

/** Settings key of the tags: `purposes/<id>` and `settings/<key>` → hex tag. */
export const BOOK_TAGS_KEY = 'bookTags';

export type BookTags = Record<string, string>;

/** The records tagged, as read in the caller's transaction. */
export interface BookRecords {
  purposes: readonly { id: string }[];
  settings: readonly ({ key: string } | undefined)[];
}

/** The tags of the records as they are now. */
export function tagsOf(keyring: Keyring, records: BookRecords): BookTags {
  const key = keyring.dataKeyDerived('consentbook book record tags');
  const tag = (name: string, record: unknown) =>
    bytesToHex(hmac(sha256, key, utf8ToBytes(`${name}\n${canonicalJson(record)}`)));
  const tags: BookTags = {};
  for (const p of records.purposes) tags[`purposes/${p.id}`] = tag(`purposes/${p.id}`, p);
  for (const s of records.settings) if (s) tags[`settings/${s.key}`] = tag(`settings/${s.key}`, s);
  return tags;
}

/** The records whose tags differ (changed), are missing (added) or are left over (removed), sorted. */
export function differingTags(stored: BookTags, now: BookTags): string[] {
  const names = new Set([...Object.keys(stored), ...Object.keys(now)]);
  return [...names].filter((n) => stored[n] !== now[n]).sort();
}

/** Reads the tagged records on the core below the rules (the caller's transaction holds both tables). */
export async function bookRecordsCore(down: DBCore, trans: DBCoreTransaction): Promise<BookRecords> {
  const [purposes, settings] = await Promise.all([
    readAll<{ id: string }>(down.table('purposes'), trans),
    down.table('settings').getMany({ trans, keys: [...BOOK_SETTING_KEYS] }) as Promise<({ key: string } | undefined)[]>,
  ]);
  return { purposes, settings };
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
    const written = new Set(names);
    // The others as stored; the written ones as they are now (gone where their record is).
    tags = Object.fromEntries([
      ...Object.entries(stored ?? {}).filter(([name]) => !written.has(name)),
      ...names.filter((name) => name in now).map((name) => [name, now[name]] as const),
    ]);
  }
  throwOnFailure(await settings.mutate({ type: 'put', trans, values: [{ key: BOOK_TAGS_KEY, value: tags }] }));
}

/** The tag's name of the record `key` of `table` (`purposes/<id>`, `settings/<key>`); undefined: not tagged. */
export function bookRecordName(table: string, key: unknown): string | undefined {
  if (table === 'purposes') return `purposes/${String(key)}`;
  if (table === 'settings' && (BOOK_SETTING_KEYS as readonly unknown[]).includes(key)) return `settings/${String(key)}`;
  return undefined;
}

/** The tagged records one write to `table` changes (none: []; it names none: undefined, all of them). */
export function bookRecordsWritten(table: string, req: DBCoreMutateRequest): string[] | undefined {
  if (table !== 'purposes' && table !== 'settings') return [];
  const keys =
    req.type === 'delete'
      ? req.keys
      : req.type === 'add' || req.type === 'put'
        ? (req.values as Record<string, unknown>[]).map((v) => v[table === 'purposes' ? 'id' : 'key'])
        : undefined;
  return keys?.flatMap((k) => bookRecordName(table, k) ?? []);
}
