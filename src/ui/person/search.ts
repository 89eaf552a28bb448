/**
 * Which persons the list shows, as ordered ids. Everything goes through indexes: the whole list
 * by `sortName` keys only (no records read), a search by a prefix of the multi-entry
 * `searchTerms` index (lower-cased words, the e-mail, phone digits); the most selective word
 * of a query goes to the index, the others filter its hits.
 */
import type { ConsentbookDB, StoredPerson } from '../../data/db';

/** Enough hits for anyone to refine the search instead of scrolling. */
export const SEARCH_LIMIT = 500;

/** Search words as the index holds them; a phone-like query becomes one run of digits. */
export function searchWords(query: string): string[] {
  const q = query.trim().toLocaleLowerCase('de');
  if (!q) return [];
  if (/^[+\d][\d\s()/.-]*$/.test(q) && /\d/.test(q)) return [q.replace(/\D/g, '')];
  return q.split(/[\s,;/()]+/).filter(Boolean);
}

export async function allPersonIds(db: ConsentbookDB): Promise<string[]> {
  return (await db.persons.orderBy('sortName').primaryKeys()) as string[];
}

export async function searchPersonIds(db: ConsentbookDB, query: string): Promise<{ ids: string[]; truncated: boolean }> {
  const words = searchWords(query);
  if (words.length === 0) return { ids: await allPersonIds(db), truncated: false };
  // The most selective word uses the index (counting a key range is cheap); the rest filter its hits.
  const counts = words.length > 1 ? await Promise.all(words.map((w) => db.persons.where('searchTerms').startsWith(w).count())) : [0];
  const best = counts.indexOf(Math.min(...counts));
  const first = words[best]!;
  const others = words.filter((_, i) => i !== best);
  const hits: StoredPerson[] = await db.persons
    .where('searchTerms')
    .startsWith(first)
    .distinct()
    .filter((p) => others.every((w) => p.searchTerms.some((term) => term.startsWith(w))))
    .limit(SEARCH_LIMIT + 1)
    .toArray();
  const truncated = hits.length > SEARCH_LIMIT;
  const ids = hits
    .slice(0, SEARCH_LIMIT)
    .sort((a, b) => a.sortName.localeCompare(b.sortName, 'de'))
    .map((p) => p.id);
  return { ids, truncated };
}
