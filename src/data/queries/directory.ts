/** The person directory as the screens read it: search, name order, the list's rows, all persons in chunks. */
import type { ConsentbookDB } from '../db';
import { directoryOf, type PersonDirectory } from '../directory';

export {
  forEachPersonChunk,
  searchPersonIds,
  sortedPersonIds,
  searchWords,
  SEARCH_LIMIT,
  type DirectoryEntry,
} from '../directory';

/** What a screen may do with the directory: read it and follow its changes. */
export type DirectoryView = Pick<
  PersonDirectory,
  'subscribe' | 'version' | 'signal' | 'state' | 'ready' | 'size' | 'entry' | 'orderedIds' | 'search'
>;

export function personDirectory(db: ConsentbookDB): DirectoryView {
  return directoryOf(db);
}
