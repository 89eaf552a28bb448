/**
 * What a row worker does with a read of stored buckets (rowWorker.ts): opens each bucket's outer
 * seal with the record key, decrypts and inflates its rows with the bucket's secret and gives them
 * packed for the main thread (packedRows.ts: the rows' JSON in one moved buffer, not an object per
 * person to clone). A bucket's rows are read as soon as the bucket is: its secret comes with it.
 */
import type { DirectoryBucket } from '../core/derived';
import { packRows, type KeptRow, type PackedRows } from './packedRows';
import { openBuckets } from './buckets';
import { openRows, type BucketRows } from './bucketRows';

/** A stored bucket with its secret (directoryKeys), as the main thread hands it to a worker. */
export interface KeyedBucket extends DirectoryBucket {
  secret: Uint8Array;
}

/** Which of `workers` row workers reads a bucket: by its number. */
export const holderOf = (bucket: number, workers: number): number => bucket % workers;

export interface BucketsHeld {
  /** The earliest write of the buckets; '9999' when none was read. */
  savedAt: string;
  /** False when a bucket of an earlier format was found (the directory is derived from the persons). */
  current: boolean;
}

/**
 * The rows of these buckets, packed, with what the worker keeps of each (as read for message
 * `job`); a bucket whose rows are under another secret than the one given (written anew since its
 * secret was read) is left unread — its persons are found missing and read from their records
 * (directory.ts).
 */
export async function readKeyedBuckets(
  recordKey: Uint8Array,
  stored: readonly KeyedBucket[],
  job: number,
): Promise<{ held: BucketsHeld; packed: PackedRows; kept: KeptRow[] }> {
  const held: BucketsHeld = { savedAt: '9999', current: true };
  const opened = await openBuckets(recordKey, stored);
  const rows = await Promise.all(
    opened.map(({ content, header }, i) =>
      header ? openRows(content, header, stored[i].secret) : Promise.resolve(null),
    ),
  );
  const read: BucketRows[] = [];
  opened.forEach(({ header }, i) => {
    const got = rows[i];
    if (!header) held.current = false;
    else if (got && got.count > 0) {
      read.push(got);
      if (header.savedAt < held.savedAt) held.savedAt = header.savedAt;
    }
  });
  return { held, ...packRows(read, job) };
}
