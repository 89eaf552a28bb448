/** What a build of the directory gives (directory.ts), and how a change is put into it. */
import type { Person } from '../../domain/person';
import { entryOf, type DirectoryEntry } from '../core/derived';
import { insertSorted, removeSorted, replaceSorted } from './nameOrder';
import type { IndexPart } from './searchIndex';

/** Changes applied by insertion into the name order up to this many; above, the order is sorted anew. */
export const RESORT_ABOVE = 64;

export interface Built {
  entries: Map<string, DirectoryEntry>;
  /** In name order when the row workers sorted them; null: sorted when first asked for. */
  sorted: DirectoryEntry[] | null;
  /** The row workers' search index, coming; null: built from the entries (startIndex). */
  index: { parts: Promise<IndexPart[]>; changed: Set<string> } | null;
  /** Read from the image or the stored buckets (whether they held every person is counted after: checkCount), or from every person. */
  from: 'image' | 'buckets' | 'persons';
  /** From the image: the persons changed since, read again. */
  readAgain?: number;
}

/** A person added, changed or gone (undefined), in the entries and, if kept, the name order. */
export function putEntry(
  entries: Map<string, DirectoryEntry>,
  sorted: DirectoryEntry[] | null,
  id: string,
  person: Person | undefined,
): void {
  const old = entries.get(id);
  if (!person) {
    if (old && sorted) removeSorted(sorted, old);
    entries.delete(id);
    return;
  }
  const entry = entryOf(person);
  entries.set(id, entry);
  if (!sorted) return;
  if (old) replaceSorted(sorted, old, entry);
  else insertSorted(sorted, entry);
}
