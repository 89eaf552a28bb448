/**
 * The first buckets read at sign-in (readAhead.ts), opened on the main thread: a screen of rows
 * shown at once while the rest of the directory loads.
 */
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { entriesOf } from './bucketRows';
import { openBuckets, type OpenedBucket } from './buckets';
import type { StoredBucket } from './readAhead';

/** The entries of the first buckets read (shown while the rest loads), with what their headers say. */
export async function openFirst(
  recordKey: Uint8Array,
  first: StoredBucket[],
  secrets: Map<number, Uint8Array>,
): Promise<{ opened: OpenedBucket[]; read: DirectoryEntry[]; savedAt: string; persons: number | null } | null> {
  const opened = await openBuckets(
    recordKey,
    first.filter((b): b is DirectoryBucket => !!b),
  );
  let savedAt = '9999';
  // The number of persons the latest of these buckets was written for: the progress's total.
  let written = { at: '', persons: null as number | null };
  const read: DirectoryEntry[] = [];
  for (const { bucket, content, header } of opened) {
    if (!header) return null;
    if (header.persons !== undefined && header.savedAt > written.at)
      written = { at: header.savedAt, persons: header.persons };
    const entries = entriesOf(content, header, secrets.get(bucket) ?? new Uint8Array());
    if (entries.length === 0) continue;
    if (header.savedAt < savedAt) savedAt = header.savedAt;
    read.push(...entries);
  }
  return { opened, read, savedAt, persons: written.persons };
}
