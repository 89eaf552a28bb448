/**
 * What a row worker does with a read of stored buckets (rowWorker.ts): opens each bucket's outer
 * seal with the record key, decrypts its rows with the bucket's secret and gives them packed for
 * the main thread (packedRows.ts: one JSON array in one moved buffer, not an object per person to
 * clone). A bucket's rows are read as soon as the bucket is: its secret comes with it.
 */
import type { DirectoryBucket } from '../core/derived';
import { packRows, type KeptRow, type PackedRows } from './packedRows';
import { openBuckets } from './buckets';
import { decryptRows, rowsLength } from './bucketRows';

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
 * The rows of these buckets, packed, with what the worker keeps of each (as read for message `job`); a bucket whose rows are
 * under another secret than the one given (written anew since its secret was read) is left unread
 * — its persons are found missing and read from their records (directory.ts).
 */
export async function readKeyedBuckets(
  recordKey: Uint8Array,
  stored: readonly KeyedBucket[],
  job: number,
): Promise<{ held: BucketsHeld; packed: PackedRows; kept: KeptRow[] }> {
  const held: BucketsHeld = { savedAt: '9999', current: true };
  const opened = await openBuckets(recordKey, stored);
  let bytes = 2;
  for (const { content, header } of opened) if (header) bytes += rowsLength(content, header);
  // The buckets' rows as one JSON array: each bucket's `[` over the `]` before it, made a comma.
  const json = new Uint8Array(bytes);
  const rowAt: number[] = [];
  const ids: string[] = [];
  json[0] = 0x5b; // [
  let to = 0;
  opened.forEach(({ content, header }, i) => {
    if (!header) {
      held.current = false;
      return;
    }
    if (header.ids.length === 0) return;
    if (!decryptRows(content, header, stored[i].secret, json, to)) return;
    if (header.savedAt < held.savedAt) held.savedAt = header.savedAt;
    json[to] = ids.length === 0 ? 0x5b : 0x2c;
    let from = to + 1;
    header.ids.forEach((id, r) => {
      rowAt.push(from);
      ids.push(id);
      from += header.sizes[r] + 1;
    });
    to += rowsLength(content, header) - 1;
  });
  if (ids.length === 0) json[to++] = 0x5b; // [
  json[to++] = 0x5d; // ]
  // Row i ends before the comma (or bracket) at rowAt[i + 1] - 1.
  rowAt.push(to);
  return { held, ...packRows(json.subarray(0, to), Int32Array.from(rowAt), ids, job) };
}
