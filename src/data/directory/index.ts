/**
 * The person directory (sort names, search words and list rows in memory while signed in), the
 * bulk readers that open many sealed records at once, and the person search built on both.
 */
export { directoryOf, PersonDirectory, type DirectoryEntry, type DirectoryState } from './directory';
export { countStoredPersons, loadPersonSecrets, openStored } from './bulkRead';
export { forEachPersonChunk } from './personChunks';
export { searchPersonIds, sortedPersonIds, searchWords, SEARCH_LIMIT } from './search';
