/**
 * Which persons the list shows. Everything goes through indexes:
 *
 * - the whole list in `sortName` order, a window at a time (`personWindow`), never all records;
 *   the full id list (`sortedPersonIds`) is read keys-only in small chunks, so it never holds
 *   IndexedDB up for long, and only after the first rows show;
 * - a search by prefixes on the multi-entry `searchTerms` index (lower-cased words, the e-mail,
 *   phone digits): each word's key range gives a set of primary keys (keys only, no records),
 *   the sets are intersected, and only the records of the hits (at most `SEARCH_LIMIT`) are read.
 */
import Dexie from 'dexie';
import type { ConsentbookDB, StoredPerson } from '../../data/db';

/** Enough hits for anyone to refine the search instead of scrolling. */
export const SEARCH_LIMIT = 500;

/**
 * At most this many keys are read for one search word. A word matching more persons (a single
 * letter, a big city) is then not intersected by its keys but checked on the records of the
 * other words' hits, so typing "a" never reads the whole index.
 */
const WORD_KEY_CAP = 50_000;

/** Search words as the index holds them; a phone-like query becomes one run of digits. */
export function searchWords(query: string): string[] {
  const q = query.trim().toLocaleLowerCase('de');
  if (!q) return [];
  // International prefix 00 is stored without it (see phoneTerms in src/data/derived.ts).
  if (/^[+\d][\d\s()/.-]*$/.test(q) && /\d/.test(q)) return [q.replace(/\D/g, '').replace(/^00/, '')];
  return [...new Set(q.split(/[\s,;/()]+/).filter(Boolean))];
}

export interface SearchResult {
  /** The hits, sorted by sortName; at most SEARCH_LIMIT. */
  persons: StoredPerson[];
  /** More than SEARCH_LIMIT persons match: `persons` is a part of them. */
  truncated: boolean;
}

const matchesWord = (p: StoredPerson, word: string) => p.searchTerms.some((term) => term.startsWith(word));

/** The primary keys under a word's prefix, distinct, in index order; `complete` false when cut at `cap` index entries. */
async function wordKeys(db: ConsentbookDB, word: string, cap: number): Promise<{ keys: Set<string>; complete: boolean }> {
  const range = db.persons.where('searchTerms').startsWith(word);
  const raw = (await (Number.isFinite(cap) ? range.limit(cap) : range).primaryKeys()) as string[];
  return { keys: new Set(raw), complete: raw.length < cap };
}

const bySortName = (a: StoredPerson, b: StoredPerson) => a.sortName.localeCompare(b.sortName, 'de') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Persons matching every word of the query by prefix. Each word's keys are read keys-only, the
 * sets intersected smallest first (longer words first, as they tend to match fewer); an empty
 * set ends the search at once. Once the candidates are few enough to read anyway, or a word is
 * too common to read its keys, the remaining words are checked on the candidates' records.
 */
export async function searchPersons(db: ConsentbookDB, query: string, { keyCap = WORD_KEY_CAP }: { keyCap?: number } = {}): Promise<SearchResult> {
  const words = searchWords(query).sort((a, b) => b.length - a.length);
  if (words.length === 0) return { persons: [], truncated: false };

  let candidates: Set<string> | null = null;
  const recordWords: string[] = [];
  for (const [i, word] of words.entries()) {
    if (candidates && candidates.size <= SEARCH_LIMIT + 1) {
      // Few candidates: their records are read anyway, the rest of the words are checked on them.
      recordWords.push(...words.slice(i));
      break;
    }
    // A single word only needs enough keys to fill the list; several need complete sets to intersect.
    const cap = words.length === 1 ? 4 * (SEARCH_LIMIT + 1) : keyCap;
    const { keys, complete } = await wordKeys(db, word, cap);
    if (keys.size === 0) return { persons: [], truncated: false };
    if (words.length === 1) {
      if (complete || keys.size > SEARCH_LIMIT) candidates = keys;
      else {
        // The cap was reached by one person's several terms under the prefix: read all of them.
        candidates = (await wordKeys(db, word, Infinity)).keys;
      }
      break;
    }
    if (!complete) {
      recordWords.push(word);
      continue;
    }
    if (!candidates) candidates = keys;
    else {
      const next = new Set<string>();
      const [small, large] = candidates.size <= keys.size ? [candidates, keys] : [keys, candidates];
      for (const id of small) if (large.has(id)) next.add(id);
      candidates = next;
    }
    if (candidates.size === 0) return { persons: [], truncated: false };
  }

  if (!candidates) return scanFirstWord(db, recordWords);

  const ids = [...candidates];
  if (recordWords.length === 0) {
    // Every candidate is a hit: read only the records the list shows.
    const persons = (await db.persons.bulkGet(ids.slice(0, SEARCH_LIMIT))).filter((p): p is StoredPerson => p !== undefined);
    return { persons: persons.sort(bySortName), truncated: ids.length > SEARCH_LIMIT };
  }
  // Read the candidates' records a page at a time, until the list is full (one more tells "more than").
  const hits: StoredPerson[] = [];
  for (let i = 0; i < ids.length && hits.length <= SEARCH_LIMIT; i += SEARCH_LIMIT + 1) {
    const page = await db.persons.bulkGet(ids.slice(i, i + SEARCH_LIMIT + 1));
    for (const p of page) if (p && recordWords.every((w) => matchesWord(p, w))) hits.push(p);
  }
  return { persons: hits.slice(0, SEARCH_LIMIT).sort(bySortName), truncated: hits.length > SEARCH_LIMIT };
}

/** Every word is too common to read its keys: walk the first word's range, checking the others, until the list is full. */
async function scanFirstWord(db: ConsentbookDB, words: string[]): Promise<SearchResult> {
  const [first, ...others] = words as [string, ...string[]];
  const hits = await db.persons
    .where('searchTerms')
    .startsWith(first)
    .distinct()
    .filter((p) => others.every((w) => matchesWord(p, w)))
    .limit(SEARCH_LIMIT + 1)
    .toArray();
  return { persons: hits.slice(0, SEARCH_LIMIT).sort(bySortName), truncated: hits.length > SEARCH_LIMIT };
}

/** The ids of `searchPersons`' hits, sorted by sortName. An empty query gives every id (expensive: use `personWindow` for the list). */
export async function searchPersonIds(db: ConsentbookDB, query: string): Promise<{ ids: string[]; truncated: boolean }> {
  if (searchWords(query).length === 0) return { ids: await sortedPersonIds(db), truncated: false };
  const { persons, truncated } = await searchPersons(db, query);
  return { ids: persons.map((p) => p.id), truncated };
}

/**
 * Persons in sortName order from `first`, `count` of them: by offset from the nearer end of the
 * index, so the start and the end of a long list are both a short walk. `total` is the number of
 * persons as last counted (it only picks the end to walk from).
 */
export async function personWindow(db: ConsentbookDB, first: number, count: number, total: number): Promise<StoredPerson[]> {
  if (count <= 0) return [];
  const after = Math.max(0, total - first - count);
  if (after < first) {
    const take = Math.min(count, total - first);
    if (take <= 0) return [];
    const rows = await db.persons.orderBy('sortName').reverse().offset(after).limit(take).toArray();
    return rows.reverse();
  }
  return db.persons.orderBy('sortName').offset(first).limit(count).toArray();
}

/** Index entries read at a time for the full id list: one such read holds IndexedDB up for milliseconds, not seconds. */
const ID_CHUNK = 2_000;

/**
 * Every person's id in sortName order (ties by id, as the index orders them), keys only, read in
 * chunks that continue after the last sortName seen. `cancelled` stops between chunks.
 */
export async function sortedPersonIds(db: ConsentbookDB, cancelled: () => boolean = () => false, chunkSize = ID_CHUNK): Promise<string[]> {
  const ids: string[] = [];
  let lastName: string | null = null;
  for (;;) {
    if (cancelled()) throw new Dexie.AbortError('sortedPersonIds cancelled');
    const from = lastName;
    const chunk = await db.transaction('r', db.persons, async () => {
      const keys = (await (from === null ? db.persons.orderBy('sortName') : db.persons.where('sortName').above(from)).limit(chunkSize).primaryKeys()) as string[];
      if (keys.length < chunkSize) return { keys, lastName: null };
      // The chunk may end inside a run of equal sortNames: finish that run, so the next chunk starts after it.
      const last = await db.persons.get(keys[keys.length - 1]!);
      if (!last) throw new Error('person vanished within a read transaction');
      const run = (await db.persons.where('sortName').equals(last.sortName).primaryKeys()) as string[];
      const done = run.indexOf(last.id);
      return { keys: keys.concat(run.slice(done + 1)), lastName: last.sortName };
    });
    for (const id of chunk.keys) ids.push(id);
    if (chunk.lastName === null) return ids;
    lastName = chunk.lastName;
  }
}
