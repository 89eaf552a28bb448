/**
 * Which persons the list shows, from the person directory (src/data/directory.ts): the order by
 * name and the prefix search are in memory; only the records in view are read and decrypted.
 */
import type { ConsentbookDB, StoredPerson } from '../../data/db';
import { directoryOf, SEARCH_LIMIT, searchWords } from '../../data/directory';

export { SEARCH_LIMIT, searchWords };

export interface SearchResult {
  /** The hits, in name order; at most SEARCH_LIMIT. */
  persons: StoredPerson[];
  /** More than SEARCH_LIMIT persons match: `persons` is a part of them. */
  truncated: boolean;
}

async function recordsOf(db: ConsentbookDB, ids: string[]): Promise<StoredPerson[]> {
  return (await db.persons.bulkGet(ids)).filter((p): p is StoredPerson => p !== undefined);
}

/** Persons matching every word of the query by prefix (name, organisation, city, e-mail, phone digits). */
export async function searchPersons(db: ConsentbookDB, query: string): Promise<SearchResult> {
  if (searchWords(query).length === 0) return { persons: [], truncated: false };
  const { ids, truncated } = await searchPersonIds(db, query);
  return { persons: await recordsOf(db, ids), truncated };
}

/** The ids of `searchPersons`' hits in name order. An empty query gives every id. */
export async function searchPersonIds(db: ConsentbookDB, query: string): Promise<{ ids: string[]; truncated: boolean }> {
  const directory = directoryOf(db);
  await directory.ready();
  if (searchWords(query).length === 0) return { ids: directory.orderedIds(), truncated: false };
  return directory.search(query);
}

/** Every person's id in name order. */
export async function sortedPersonIds(db: ConsentbookDB): Promise<string[]> {
  const directory = directoryOf(db);
  await directory.ready();
  return directory.orderedIds();
}

/** Persons in name order from `first`, `count` of them. */
export async function personWindow(db: ConsentbookDB, first: number, count: number): Promise<StoredPerson[]> {
  if (count <= 0) return [];
  return recordsOf(db, (await sortedPersonIds(db)).slice(first, first + count));
}
