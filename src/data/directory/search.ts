/**
 * Person ids by name and by search for the screens that list or pick persons (persons, requests,
 * transactions, worklist), from the person directory, all in memory.
 */
import type { ConsentbookDB } from '../db';
import { directoryOf, SEARCH_LIMIT, searchWords } from './directory';

export { SEARCH_LIMIT, searchWords };

/**
 * The ids of the persons matching every word of the query by prefix (name, organisation, city,
 * e-mail, phone digits), in name order, at most SEARCH_LIMIT. An empty query gives every id.
 */
export async function searchPersonIds(
  db: ConsentbookDB,
  query: string,
): Promise<{ ids: string[]; truncated: boolean }> {
  const directory = directoryOf(db);
  // The index is built just after the directory is complete: a search waits for it (a moment).
  await directory.searchReady();
  if (searchWords(query).length === 0) return { ids: directory.orderedIds(), truncated: false };
  return directory.search(query);
}

/** Every person's id in name order. */
export async function sortedPersonIds(db: ConsentbookDB): Promise<string[]> {
  const directory = directoryOf(db);
  await directory.ready();
  return directory.orderedIds();
}
