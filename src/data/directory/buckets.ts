/**
 * How the directory's buckets are stored, so that erasure reaches every copy of them (issue 15):
 * LevelDB keeps old versions of a bucket in its log for a while, and such a copy must not open to
 * an erased person's name, e-mail, phone or city.
 *
 * Two layers. Each person's row is encrypted with ChaCha20 under that person's secret (the one
 * erasure deletes, keyring.ts), with a random nonce per bucket write; the bucket as a whole is
 * sealed with AES-GCM under the record key, which makes it authentic and keeps the secrets, stored
 * in `personKeys`, useless without a passphrase. After an erasure, an old copy still opens to ids
 * and the other persons' rows, never to the erased person's.
 *
 * Inside the outer seal (format 3, BUCKET_FORMAT):
 *   [3][header length, u32 little-endian][header: JSON][each person's row, encrypted, in turn]
 *   header: { savedAt, nonce (hex), ids, sizes }; a row: the JSON array of the fields the list
 *   shows and the search words come from (bucketRows.ts).
 * Only the row is stored: the sort name, the shown name and the search words are derived when the
 * bucket is read, which keeps buckets small. Buckets of the formats before (1, 2: search words
 * stored) are not read: the directory is derived from the persons once and written anew.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { aadOf, importAesKey, openAsync, openRecord, recordAad, sealAsync, xorStream } from '../core/crypto/seal';
import type { Keyring } from '../core/crypto/keyring';
import { BUCKET_FORMAT, headerOf, storedRow, type BucketHeader } from './bucketRows';

const NONCE = 12;
const encoder = new TextEncoder();

/** The bucket's content; persons whose secret is not at hand are left out. */
export function encodeBucket(
  entries: readonly DirectoryEntry[],
  secretOf: (personId: string) => Uint8Array | undefined,
  savedAt: string,
): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const ids: string[] = [];
  const bodies: Uint8Array[] = [];
  for (const entry of entries) {
    const secret = secretOf(entry.id);
    if (!secret) continue;
    const plain = encoder.encode(JSON.stringify(storedRow(entry)));
    const body = new Uint8Array(plain.length);
    xorStream(secret, nonce, plain, body);
    ids.push(entry.id);
    bodies.push(body);
  }
  const header: BucketHeader = { savedAt, nonce: bytesToHex(nonce), ids, sizes: bodies.map((b) => b.length) };
  const head = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(5 + head.length + bodies.reduce((n, b) => n + b.length, 0));
  out[0] = BUCKET_FORMAT;
  new DataView(out.buffer).setUint32(1, head.length, true);
  out.set(head, 5);
  let at = 5 + head.length;
  for (const b of bodies) {
    out.set(b, at);
    at += b.length;
  }
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
  header: (BucketHeader & { length: number }) | null;
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
