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
import { logFinding } from './findings';
import { bookRecordsCore, BOOK_TAGS_KEY, compareTags, retagCore, tagsOf, type BookTags } from '../middleware/bookTags';

/**
 * The records' tags as they are now against those stored (undefined: the book has none yet),
 * read as stored in one transaction; the keys must be open.
 */
export async function readBookTags(db: ConsentbookDB): Promise<{ now: BookTags; stored?: BookTags }> {
  const raw = rawConnection(db);
  return raw.transaction('r', [raw.purposes, raw.settings, raw.users, raw.groups], async (tx) => {
    const records = await bookRecordsCore(raw.core, tx.idbtrans);
    const tags = (await raw.settings.get(BOOK_TAGS_KEY)) as { value?: BookTags } | undefined;
    return { now: tagsOf(db.keyring, records), stored: tags?.value };
  });
}

/**
 * The context of the entry: `bookTags:bound` for a book tagged the first time, else the records
 * that differ, and `boundAccounts` where the users and groups are tagged the first time.
 */
export async function checkBookTags(db: ConsentbookDB, session: Session): Promise<string | undefined> {
  const { now, stored } = await readBookTags(db);
  let found = ['bound'];
  if (stored) {
    const { differing, accountsBound } = compareTags(stored, now);
    found = accountsBound ? [...differing, 'boundAccounts'] : differing;
  }
  if (found.length === 0) return undefined;
  await logFinding(db, session, 'bookTags', found.join(','));
  await retagBook(db);
  return `bookTags:${found.join(',')}`;
}

/** Every tagged record tagged as it is now (the keys must be open). */
export async function retagBook(db: ConsentbookDB): Promise<void> {
  const raw = rawConnection(db);
  await raw.transaction('rw', [raw.purposes, raw.settings, raw.users, raw.groups], (tx) =>
    retagCore(raw.core, tx.idbtrans, db.keyring),
  );
}
