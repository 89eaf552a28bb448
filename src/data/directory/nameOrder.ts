/** The directory's name order kept by insertion and removal: a change costs a binary search, not a sort or a scan. */
import type { DirectoryEntry } from '../core/derived';
import { byName } from './bucketRows';

/** Where the entry is or would be in the name order (byName is a total order: the id decides a tie). */
function placeOf(list: readonly DirectoryEntry[], entry: DirectoryEntry): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byName(list[mid], entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted(list: DirectoryEntry[], entry: DirectoryEntry): void {
  list.splice(placeOf(list, entry), 0, entry);
}

/** Found by its name, not by a scan of 100,000 entries; -1 when not there. */
function indexOfSorted(list: readonly DirectoryEntry[], entry: DirectoryEntry): number {
  const at = placeOf(list, entry);
  return list[at] === entry ? at : list.indexOf(entry);
}

export function removeSorted(list: DirectoryEntry[], entry: DirectoryEntry): void {
  const found = indexOfSorted(list, entry);
  if (found >= 0) list.splice(found, 1);
}

/**
 * `old` replaced by `next` (the same person changed). A change that keeps the name (the usual
 * save: a phone, an address) keeps the place — no splice moving 100,000 slots out and back.
 */
export function replaceSorted(list: DirectoryEntry[], old: DirectoryEntry, next: DirectoryEntry): void {
  const found = indexOfSorted(list, old);
  if (found >= 0 && byName(old, next) === 0) {
    list[found] = next;
    return;
  }
  if (found >= 0) list.splice(found, 1);
  insertSorted(list, next);
}
