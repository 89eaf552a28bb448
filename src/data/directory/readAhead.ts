/**
 * What the directory's first rows need, read as stored while the passphrase is checked (auth.ts):
 * the bucket keys, the buckets' secrets and the first buckets. Reading needs no key; opening them
 * does, and only the build after the key is there opens them (directory.ts fromBuckets).
 */
import type { DirectoryBucket } from '../core/derived';
import { rawConnection, type ConsentbookDB } from '../db';
import { IMAGE_KEY, readImage, type StoredImage } from './image';

/** About a screen of rows: a person's part of a stored bucket is ~150 bytes (id, size and row). */
const FIRST_BYTES = 100 * 150;
/** Buckets read first at most, opened on the main thread (a small book: about one person each). */
const FIRST_MAX = 16;

export type StoredBucket = DirectoryBucket | undefined;

export interface StoredStart {
  /** The buckets that have a secret, in order (a bucket without one is not read: its persons are found missing). */
  bucketKeys: number[];
  /** Each bucket's secret (directoryKeys). */
  secrets: Map<number, Uint8Array>;
  /** The first buckets (readFirst), as stored. */
  first: StoredBucket[];
  /** The directory image, being read (image.ts); null when there is none. */
  image: StoredImage | null;
}

/**
 * The first buckets: read in groups of 1, 1, 2, 4, 8 until their stored bytes hold about a screen
 * of rows — 2 buckets at 100,000 persons, 16 of a small book. Chosen by size, not by the count of
 * persons: IndexedDB counts key by key and answers no other request meanwhile (the directory
 * counts once the first rows show).
 */
export async function readFirst(
  read: (keys: number[]) => Promise<StoredBucket[]>,
  bucketKeys: readonly number[],
): Promise<StoredBucket[]> {
  const first: StoredBucket[] = [];
  const most = Math.min(FIRST_MAX, bucketKeys.length);
  let bytes = 0;
  while (first.length < most && bytes < FIRST_BYTES) {
    const got = await read(bucketKeys.slice(first.length, Math.min(most, 2 * first.length || 1)));
    for (const b of got) bytes += b?.sealed.byteLength ?? 0;
    first.push(...got);
  }
  return first;
}

export async function readStart(db: ConsentbookDB): Promise<StoredStart> {
  const raw = rawConnection(db);
  // The buckets are known by their secrets, in bucket order: listing the stored buckets' keys
  // made IndexedDB walk every bucket's bytes (~14 MB at 100,000 persons, ~150 ms beside PBKDF2).
  // A secret whose bucket is not stored is read as nothing, and its persons are found missing.
  const keys = await raw.directoryKeys.toArray();
  const image = readImage(db, keys.find((k) => k.bucket === IMAGE_KEY)?.secret);
  const buckets = keys.filter((k) => k.bucket !== IMAGE_KEY);
  const secrets = new Map(buckets.map((k) => [k.bucket, k.secret]));
  const bucketKeys = buckets.map((k) => k.bucket);
  return { bucketKeys, secrets, image, first: await readFirst((keys) => raw.directory.bulkGet(keys), bucketKeys) };
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
  void ahead
    .get(db)
    ?.then((start) => start.image?.drop())
    .catch(() => undefined);
  ahead.delete(db);
}
