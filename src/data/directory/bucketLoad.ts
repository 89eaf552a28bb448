/**
 * What a row worker needs to read its rows (rowWorker.ts), and the reading: each worker is given
 * its share of the buckets as stored first (their outer seal opened there, with the record key),
 * then the persons' key secrets come in runs as the main thread reads them from `personKeys` —
 * each run packed into one string of ids and one buffer of secrets (packRun), not 6,000 objects
 * to clone —, split by the worker holding each person's bucket (packRuns), which reads the rows of
 * that run's persons. So the main thread neither
 * opens the buckets nor holds and packs each bucket's secrets through the keyring; a row whose
 * person's secret is in no run (erased, or written since) stays unread.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { bucketOf, type DirectoryBucket, type DirectoryEntry } from '../core/derived';
import { xorStream } from '../core/crypto/seal';
import { packRows, type KeptRow, type PackedRows } from './packedRows';
import { openBuckets } from './buckets';

const SECRET = 32;

/** A run of secrets as posted to a worker: ids joined by newline, their secrets in turn. */
export interface SecretRun {
  ids: string;
  secrets: Uint8Array;
}

/** Records of `personKeys` packed for a worker; those of `erased` persons (a tombstone) left out. */
export function packRun(
  records: readonly { personId: string; secret: Uint8Array }[],
  erased: ReadonlySet<string>,
): SecretRun {
  const kept = erased.size ? records.filter((r) => !erased.has(r.personId)) : records;
  const secrets = new Uint8Array(SECRET * kept.length);
  kept.forEach((r, i) => secrets.set(r.secret, SECRET * i));
  return { ids: kept.map((r) => r.personId).join('\n'), secrets };
}

/**
 * Which of `workers` row workers holds a bucket: by its number, so that a person's secret can go
 * to the one worker holding their row (holderOf(bucketOf(id))) before the buckets are read.
 */
export const holderOf = (bucket: number, workers: number): number => bucket % workers;

/**
 * packRun split by the worker holding each person's bucket (holderOf): run w for worker w. Each
 * worker is given only the secrets of its own rows — given every run, each split and looked up
 * every id of all persons, half of them in vain.
 */
export function packRuns(
  records: readonly { personId: string; secret: Uint8Array }[],
  erased: ReadonlySet<string>,
  workers: number,
): SecretRun[] {
  if (workers === 1) return [packRun(records, erased)];
  const parts: { personId: string; secret: Uint8Array }[][] = Array.from({ length: workers }, () => []);
  for (const r of records) parts[holderOf(bucketOf(r.personId), workers)].push(r);
  return parts.map((part) => packRun(part, erased));
}

/**
 * The rows of the buckets a worker holds, opened, and where each person's row is: read a run of
 * secrets at a time as the main thread reads them, so the rows are decrypted while the next run is
 * still being read (before, no row was opened until every secret was there).
 */
export class HeldRows {
  private readonly contents: Uint8Array[] = [];
  private readonly nonces: Uint8Array[] = [];
  /** Row number by person; a row's bucket, start and size by row number (no object per row). */
  private readonly at = new Map<string, number>();
  private readonly bucket: number[] = [];
  private readonly from: number[] = [];
  private readonly size: number[] = [];
  private readonly key = new Uint8Array(SECRET);

  /** Opens stored buckets (their outer seal, with the record key); their earliest write, whether all are current. */
  async hold(recordKey: Uint8Array, stored: readonly DirectoryBucket[]): Promise<BucketsHeld> {
    const held: BucketsHeld = { savedAt: '9999', current: true };
    for (const { content, header } of await openBuckets(recordKey, stored)) {
      if (!header) {
        held.current = false;
        continue;
      }
      if (header.savedAt < held.savedAt) held.savedAt = header.savedAt;
      const b = this.contents.push(content) - 1;
      this.nonces.push(hexToBytes(header.nonce));
      let from = 5 + header.length;
      header.ids.forEach((id, i) => {
        this.at.set(id, this.bucket.push(b) - 1);
        this.from.push(from);
        this.size.push(header.sizes[i]);
        from += header.sizes[i];
      });
    }
    return held;
  }

  /**
   * The held rows of the persons in this run, packed for the main thread (packedRows.ts) with what
   * the worker keeps of each; a row whose person has no secret here stays unread.
   */
  read({ ids, secrets }: SecretRun): { packed: PackedRows; kept: KeptRow[] } {
    const rows: number[] = [];
    const places: number[] = [];
    const readable: string[] = [];
    let bytes = 2;
    (ids ? ids.split('\n') : []).forEach((id, place) => {
      const row = this.at.get(id);
      if (row === undefined) return;
      rows.push(row);
      places.push(place);
      readable.push(id);
      bytes += this.size[row] + 1;
    });
    // All rows of the run as one JSON array: one parse, one buffer to move.
    const json = new Uint8Array(bytes);
    const rowAt = new Int32Array(rows.length + 1);
    let to = 0;
    json[to++] = 0x5b; // [
    rows.forEach((row, i) => {
      if (i > 0) json[to++] = 0x2c; // ,
      rowAt[i] = to;
      // Byte by byte into one key: no view to allocate per person.
      for (let k = 0; k < SECRET; k++) this.key[k] = secrets[SECRET * places[i] + k];
      const content = this.contents[this.bucket[row]];
      const size = this.size[row];
      xorStream(
        this.key,
        this.nonces[this.bucket[row]],
        content.subarray(this.from[row], this.from[row] + size),
        json.subarray(to, to + size),
      );
      to += size;
    });
    json[to++] = 0x5d; // ]
    // Row i ends before the comma (or bracket) at rowAt[i + 1] - 1.
    rowAt[rows.length] = to;
    return packRows(json.subarray(0, to), rowAt, readable);
  }
}

export interface BucketsHeld {
  /** The earliest write of the buckets; '9999' when none was read. */
  savedAt: string;
  /** False when a bucket of an earlier format was found (the directory is derived from the persons). */
  current: boolean;
}

export interface BucketsRead extends BucketsHeld {
  entries: DirectoryEntry[];
}
