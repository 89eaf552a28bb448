/**
 * How the directory's buckets are stored, so that erasure reaches every copy of them (issue 15):
 * LevelDB keeps old versions of a bucket in its log for a while, and such a copy must not open to
 * an erased person's name, e-mail, phone or city.
 *
 * Two layers. A bucket's rows are encrypted with ChaCha20 under the bucket's own secret (table
 * `directoryKeys`), with a random nonce per write; the bucket as a whole is sealed with AES-GCM
 * under the record key, which makes it authentic and keeps the secrets, stored plain, useless
 * without a passphrase. Erasing a person deletes their bucket and its secret in the same
 * transaction (middleware/sealing.ts), and the bucket is written anew under a new secret: an old
 * copy, of any write before, opens to ids only. A secret is never stored again once deleted
 * (snapshot.ts), so no copy under it opens later.
 *
 * Why a secret per bucket and not per person (format 3): reading the directory took every
 * person's secret — 100,000 records of `personKeys` read at each sign-in, a key set up per row —
 * where now it takes 1,024, one stream per bucket.
 *
 * Inside the outer seal (format 4, BUCKET_FORMAT):
 *   [4][header length, u32 little-endian][header: JSON][the rows, encrypted as one stream]
 *   header: { savedAt, nonce (hex), keyId, ids, sizes, persons (the directory's, at the write) };
 *   the rows: one JSON array of each person's row, the fields the list shows and the search
 *   words come from (bucketRows.ts).
 * Only the row is stored: the sort name, the shown name and the search words are derived when the
 * bucket is read, which keeps buckets small. Buckets of the formats before are not read: the
 * directory is derived from the persons once and written anew.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { aadOf, importAesKey, openAsync, openRecord, recordAad, sealAsync, xorStream } from '../core/crypto/seal';
import type { Keyring } from '../core/crypto/keyring';
import {
  BUCKET_FORMAT,
  byName,
  headerOf,
  keyIdOf,
  storedRow,
  type BucketHeader,
  type OpenedHeader,
} from './bucketRows';

const NONCE = 12;
export const BUCKET_SECRET = 32;
const encoder = new TextEncoder();

/**
 * The bucket's content, its rows encrypted under the bucket's secret — in name order: a row worker
 * sorts each read of 32 buckets, and runs already in order are merged, not sorted again.
 */
export function encodeBucket(
  unordered: readonly DirectoryEntry[],
  secret: Uint8Array,
  savedAt: string,
  persons?: number,
): Uint8Array {
  const entries = [...unordered].sort(byName);
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const rows = entries.map((e) => encoder.encode(JSON.stringify(storedRow(e))));
  const header: BucketHeader = {
    savedAt,
    nonce: bytesToHex(nonce),
    keyId: keyIdOf(secret),
    ids: entries.map((e) => e.id),
    sizes: rows.map((r) => r.length),
    ...(persons === undefined ? {} : { persons }),
  };
  const head = encoder.encode(JSON.stringify(header));
  const plain = new Uint8Array(2 + Math.max(0, rows.length - 1) + rows.reduce((n, r) => n + r.length, 0));
  let to = 0;
  plain[to++] = 0x5b; // [
  rows.forEach((r, i) => {
    if (i > 0) plain[to++] = 0x2c; // ,
    plain.set(r, to);
    to += r.length;
  });
  plain[to] = 0x5d; // ]
  const out = new Uint8Array(5 + head.length + plain.length);
  out[0] = BUCKET_FORMAT;
  new DataView(out.buffer).setUint32(1, head.length, true);
  out.set(head, 5);
  xorStream(secret, nonce, plain, out.subarray(5 + head.length));
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
