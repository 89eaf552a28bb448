/**
 * How the directory's buckets are stored, so that erasure reaches every copy of them (issue 15):
 * LevelDB keeps old versions of a bucket in its log for a while, and such a copy must not open to
 * an erased person's name, e-mail, phone or city.
 *
 * Two layers. A bucket's rows are compressed (raw DEFLATE) and encrypted with AES-256-CTR under the
 * bucket's own secret (table `directoryKeys`), with a random nonce per write; the bucket as a whole
 * is sealed with AES-GCM under the record key, which makes it authentic and keeps the secrets,
 * stored plain, useless without a passphrase. Erasing a person deletes their bucket and its secret
 * in the same transaction (middleware/sealing.ts), and the bucket is written anew under a new
 * secret: an old copy, of any write before, opens to its write time only. A secret is never stored
 * again once deleted (snapshot.ts), so no copy under it opens later.
 *
 * Why a secret per bucket and not per person (format 3): reading the directory took every
 * person's secret — 100,000 records of `personKeys` read at each sign-in, a key set up per row —
 * where now it takes 1,024, one stream per bucket.
 *
 * Inside the outer seal (format 5, BUCKET_FORMAT):
 *   [5][header length, u32 little-endian][header: JSON][the rows, compressed, then encrypted]
 *   header: { savedAt, nonce (hex), keyId, derived }; the rows: ids, sort names and search words, and each
 *   person's row of the fields the list shows (bucketRows.ts rowsPlain).
 * Why the sort name and search words are stored (format 5), not derived at each sign-in as in
 * format 4: deriving them was half of the row workers' time at 100,000 persons. Stored beside the
 * rows they compress with them (a lowered name repeats the name), so a bucket is still a third
 * smaller than format 4's, and a sign-in reads a third fewer bytes from IndexedDB. Compression
 * before encryption shows a bucket's compressed length; a bucket holds the book's persons only, and
 * anyone who could place a person beside another to learn from the length can read both. Buckets
 * of the formats before are not read: the directory is derived from the persons once and written
 * anew.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { aadOf, aesCtr, importAesKey, openAsync, openRecord, recordAad, sealAsync } from '../core/crypto/seal';
import { deflate } from '../core/compress';
import type { Keyring } from '../core/crypto/keyring';
import {
  BUCKET_FORMAT,
  byName,
  counterBlock,
  derivationMark,
  headerOf,
  keyIdOf,
  rowsPlain,
  type BucketHeader,
  type OpenedHeader,
} from './bucketRows';

/** The random half of the rows' counter block (counterBlock). */
const NONCE = 8;
export const BUCKET_SECRET = 32;
const encoder = new TextEncoder();

/**
 * The bucket's content, its rows compressed and encrypted under the bucket's secret — in name
 * order: a row worker sorts each read of 32 buckets, and runs already in order are merged, not
 * sorted again.
 */
export async function encodeBucket(
  unordered: readonly DirectoryEntry[],
  secret: Uint8Array,
  savedAt: string,
): Promise<Uint8Array> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const compressed = await deflate(rowsPlain([...unordered].sort(byName)));
  const rows = await aesCtr(secret, counterBlock(nonce), compressed);
  const header: BucketHeader = { savedAt, nonce: bytesToHex(nonce), keyId: keyIdOf(secret), derived: derivationMark() };
  const head = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(5 + head.length + rows.length);
  out[0] = BUCKET_FORMAT;
  new DataView(out.buffer).setUint32(1, head.length, true);
  out.set(head, 5);
  out.set(rows, 5 + head.length);
  return out;
}

/** Seals buckets' contents under the record key (WebCrypto, before the write's transaction opens). */
export async function sealBuckets(
  keyring: Keyring,
  contents: readonly { bucket: number; content: Uint8Array }[],
): Promise<DirectoryBucket[]> {
  const key = await importAesKey(keyring.recordKey());
  return Promise.all(
    contents.map(async ({ bucket, content }) => ({
      bucket,
      sealed: await sealAsync(key, content, aadOf('directory', bucket)),
    })),
  );
}

export interface OpenedBucket {
  bucket: number;
  content: Uint8Array;
  /** Null: a bucket of an earlier format. */
  header: OpenedHeader | null;
}

/**
 * Opens stored buckets' outer seal (WebCrypto) with the record key (a row worker is given it:
 * rowReader.ts); a bucket that does not authenticate is a SealedRecordError.
 */
export async function openBuckets(recordKey: Uint8Array, stored: readonly DirectoryBucket[]): Promise<OpenedBucket[]> {
  const key = await importAesKey(recordKey);
  return Promise.all(
    stored.map(async ({ bucket, sealed }) => {
      // Buckets written by the sealing middleware were sealed with their plain fields bound in.
      const content = await openRecord('directory', bucket, () =>
        openAsync(key, sealed, recordAad('directory', bucket, { bucket })),
      );
      return { bucket, content, header: headerOf(content) };
    }),
  );
}
