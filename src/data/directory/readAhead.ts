/**
 * What the directory's first rows need, read as stored while the passphrase is checked (auth.ts):
 * the count, the bucket keys and the first buckets. Reading needs no key; opening them does, and
 * only the build after the key is there opens them (directory.ts fromBuckets).
 */
import { DIRECTORY_BUCKETS, type DirectoryBucket } from '../core/derived';
import { rawConnection, type ConsentbookDB } from '../db';
import { countStoredPersons } from './bulkRead';

/**
 * Buckets read first, opened on the main thread: enough for a screen of rows (about 100
 * persons), at most 16. At 100,000 persons that is 2 buckets, not 16 (1,560 persons to open
 * before the first rows).
 */
export function firstReadOf(total: number): number {
  return Math.min(16, Math.max(1, Math.ceil((FIRST_ROWS * DIRECTORY_BUCKETS) / Math.max(1, total))));
}
const FIRST_ROWS = 100;

export type StoredBucket = DirectoryBucket | undefined;

export interface StoredStart {
  total: number;
  bucketKeys: number[];
  /** The first buckets (firstReadOf), as stored. */
  first: StoredBucket[];
}

export async function readStart(db: ConsentbookDB): Promise<StoredStart> {
  const raw = rawConnection(db);
  const [total, bucketKeys] = await Promise.all([
    countStoredPersons(db),
    raw.directory.toCollection().primaryKeys() as Promise<number[]>,
  ]);
  return { total, bucketKeys, first: await raw.directory.bulkGet(bucketKeys.slice(0, firstReadOf(total))) };
}

const ahead = new WeakMap<ConsentbookDB, Promise<StoredStart>>();

/** Starts reading (sign-in, before the key): the next build takes it. */
export function readAhead(db: ConsentbookDB): void {
  const read = readStart(db);
  read.catch(() => undefined);
  ahead.set(db, read);
}

/** What was read ahead, once. */
export function takeReadAhead(db: ConsentbookDB): Promise<StoredStart> | undefined {
  const read = ahead.get(db);
  ahead.delete(db);
  return read;
}

/** A failed sign-in or a sign-out: nothing read ahead is kept. */
export function dropReadAhead(db: ConsentbookDB): void {
  ahead.delete(db);
}
