/**
 * At each sign-in, with the keys just opened: the purposes and the book's settings as stored,
 * against their tags (middleware/bookTags.ts). One changed, added or removed outside the app is
 * logged by name — all of them, once, in a book from before the tags (or whose tags' record was
 * deleted) — and the records are then tagged as found. The entry is written as any logged event
 * (chained, and synced in a synced book), the tags after it: a sign-in ending between the two logs
 * the same again at the next one, never nothing. Apart from auth.ts: loaded with the sign-in's
 * other code, not the start.
 */
import type { ConsentbookDB } from '../db';
import { rawConnection } from '../db';
import type { Session } from '../core/session';
import type { Group, User } from '../../domain/user';
import { logFinding } from './findings';
import {
  accountsTagged,
  asLastWritten,
  bookRecordsCore,
  BOOK_TAGS_KEY,
  isAccountTag,
  isRightsTag,
  rightsNow,
  rightsOf,
  tagsOf,
  type BookTags,
  type BookTagsRecord,
  type KeptRights,
} from '../middleware/bookTags';

// What the check compares is here, not in bookTags.ts: the start bundle holds that module (its writes).

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
  // The rights' own tags name no record of their own: the record's tag says it changed.
  const named = (names: string[]) => names.filter((name) => !isRightsTag(name));
  if (accountsTagged(stored)) return { differing: named(differingTags(stored, now)), accountsBound: false };
  // What the stored tags lack of the accounts' (all, or the rights': tagged before they were) is made now.
  const records = Object.keys(stored).some((name) => isAccountTag(name) && !isRightsTag(name));
  const missing = Object.entries(now).filter(([name]) => isRightsTag(name) || (!records && isAccountTag(name)));
  return { differing: named(differingTags({ ...stored, ...Object.fromEntries(missing) }, now)), accountsBound: true };
}

/** The tags' record as stored (undefined: none yet), read on the raw connection — in its transaction, if one is open. */
async function storedRecord(raw: ConsentbookDB): Promise<Partial<BookTagsRecord> | undefined> {
  return (await raw.settings.get(BOOK_TAGS_KEY)) as Partial<BookTagsRecord> | undefined;
}

/**
 * The records' tags as they are now against those stored (undefined: the book has none yet),
 * read as stored in one transaction; the keys must be open.
 */
export async function readBookTags(
  db: ConsentbookDB,
): Promise<{ now: BookTags; stored?: BookTags; rightsKept: boolean }> {
  const raw = rawConnection(db);
  return raw.transaction('r', [raw.purposes, raw.settings, raw.users, raw.groups], async (tx) => {
    const records = await bookRecordsCore(raw.core, tx.idbtrans);
    const found = await storedRecord(raw);
    return { now: tagsOf(db.keyring, records), stored: found?.value, rightsKept: !!found?.rights };
  });
}

/**
 * The context of the entry: `bookTags:bound` for a book tagged the first time, else the records
 * that differ, and `boundAccounts` where the users and groups are tagged the first time.
 */
export async function checkBookTags(db: ConsentbookDB, session: Session): Promise<string | undefined> {
  const { now, stored, rightsKept } = await readBookTags(db);
  let found = ['bound'];
  if (stored) {
    const { differing, accountsBound } = compareTags(stored, now);
    found = accountsBound ? [...differing, 'boundAccounts'] : differing;
  }
  if (found.length === 0) {
    // Tags made before the rights were kept beside them: the rights as they are (their tags hold) kept now, once.
    if (!rightsKept) await retagBook(db);
    return undefined;
  }
  await logFinding(db, session, 'bookTags', found.join(','));
  await retagBook(db);
  return `bookTags:${found.join(',')}`;
}

/**
 * Every tagged record tagged as it is now — but the users' and groups' rights as the app last
 * wrote them (none: a record added outside), once they are tagged: a sign-in grants only those
 * (trustedAccount). The keys must be open.
 */
export async function retagBook(db: ConsentbookDB): Promise<void> {
  const raw = rawConnection(db);
  await raw.transaction('rw', [raw.purposes, raw.settings, raw.users, raw.groups], async (tx) => {
    const records = await bookRecordsCore(raw.core, tx.idbtrans);
    const now = tagsOf(db.keyring, records);
    const found = await storedRecord(raw);
    const stored = found?.value;
    const keep = !!stored && accountsTagged(stored);
    const tags = Object.fromEntries(
      Object.entries(now).map(([name, tag]) => [name, keep && isRightsTag(name) ? (stored[name] ?? '') : tag]),
    );
    // The rights kept with their tags: as the app last wrote them where those are kept.
    const rights = keep ? { ...rightsNow(records), ...pick(found.rights ?? {}, Object.keys(now)) } : rightsNow(records);
    const record: BookTagsRecord = { key: BOOK_TAGS_KEY, value: tags, rights };
    await raw.settings.put(record);
  });
}

const pick = (from: KeptRights, names: readonly string[]): KeptRights =>
  Object.fromEntries(names.filter((name) => name in from).map((name) => [name, from[name]]));

/** A user's kept rights (all four), a group's (its permissions only). */
export type KeptAccountRights = Partial<Pick<User, 'isAdmin' | 'active' | 'groupIds' | 'permissions'>>;

/**
 * The rights of a user or group as the app last wrote them, where the record's own were changed
 * outside the app — what an administrator can put back (Einstellungen → Benutzer und Gruppen).
 * Undefined: the record's rights hold, or none were kept that its tag confirms. The keys must be open.
 */
export async function keptRights(
  db: ConsentbookDB,
  table: 'users' | 'groups',
  id: string,
): Promise<KeptAccountRights | undefined> {
  return (await withheldRights(db))[table].get(id) ?? undefined;
}

/**
 * The rights a sign-in grants (the keys just opened): the user's and their groups' as the app last
 * wrote them (`asLastWritten`). Where a record's rights were changed outside the app — a member made
 * administrator in the browser's storage tools — not those found but the ones kept with their tag:
 * the member keeps what the app gave her, an administrator stays one; where none are kept (a book
 * tagged before they were), the user's own give nothing (reading only) and a group's nothing. A user
 * inactive as the app last wrote them is `refused` — and one deactivated on disk alone is not. An administrator's save of the record through the app
 * grants it as saved (its tag is written then); the sign-in's check logs it by name.
 */
export async function trustedAccount(
  db: ConsentbookDB,
  user: User,
  groups: readonly Group[],
): Promise<{ user: User; groups: Group[]; withheld: boolean; refused?: true }> {
  const raw = rawConnection(db);
  const found = await storedRecord(raw);
  const own = asLastWritten(db.keyring, found, 'users', user);
  if (!own.record.active) return { user, groups: [], withheld: true, refused: true };
  // Groups as the kept rights name them, where the user's own were changed.
  const named = own.withheld ? (await raw.groups.bulkGet(own.record.groupIds)).filter((g) => !!g) : groups;
  const views = named.map((g) => asLastWritten(db.keyring, found, 'groups', g));
  return {
    user: own.record,
    groups: views.map((v) => v.record),
    withheld: own.withheld || views.some((v) => v.withheld),
  };
}

/**
 * The users and groups whose rights were changed outside the app (the sign-in grants them as the
 * app last wrote them, trustedAccount) — each with those kept rights, where their tag confirms
 * them (null: none kept): what an administrator is shown, to look at and save. The keys must be open.
 */
export async function withheldRights(db: ConsentbookDB): Promise<{
  users: Map<string, KeptAccountRights | null>;
  groups: Map<string, KeptAccountRights | null>;
}> {
  const raw = rawConnection(db);
  const [found, users, groups] = await Promise.all([storedRecord(raw), raw.users.toArray(), raw.groups.toArray()]);
  const withheld = (table: 'users' | 'groups', records: readonly { id: string }[]) =>
    new Map(
      records.flatMap((r) => {
        const view = asLastWritten(db.keyring, found, table, r);
        return view.withheld
          ? [[r.id, view.kept ? (rightsOf(view.record, table) as KeptAccountRights) : null] as const]
          : [];
      }),
    );
  return { users: withheld('users', users), groups: withheld('groups', groups) };
}
