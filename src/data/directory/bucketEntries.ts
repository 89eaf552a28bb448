/** The directory's entries sorted into the buckets a snapshot write needs (directory.ts writeBuckets). */
import { bucketOf, type DirectoryEntry } from '../core/derived';
import { nextIdle } from '../core/nextTask';

/** Entries hashed between two looks at the idle slice's time (a few hundred µs). */
const PER_LOOK = 1_024;

/**
 * The entries of the given buckets, each bucket present even when empty, the persons in `skip`
 * left out; and how many persons there are in all but those (each bucket's header keeps it for a
 * sign-in's progress, buckets.ts). Every entry's bucket is hashed (the map is not kept by bucket: 100,000 hashes, tens of
 * ms), so in slices (idle ones by default); null when `current()` turns false meanwhile (a sign-out).
 */
export async function entriesByBucket(
  entries: Iterable<DirectoryEntry>,
  which: Iterable<number>,
  skip: ReadonlySet<string>,
  current: () => boolean,
  slice: () => Promise<() => boolean> = nextIdle,
): Promise<{ buckets: Map<number, DirectoryEntry[]>; persons: number } | null> {
  const buckets = new Map<number, DirectoryEntry[]>();
  for (const b of which) buckets.set(b, []);
  let hasTime = await slice();
  let seen = 0;
  let persons = 0;
  for (const e of [...entries]) {
    if (++seen % PER_LOOK === 0 && !hasTime()) {
      hasTime = await slice();
      if (!current()) return null;
    }
    if (skip.has(e.id)) continue;
    persons++;
    buckets.get(bucketOf(e.id))?.push(e);
  }
  return current() ? { buckets, persons } : null;
}
