/**
 * How the directory's buckets are stored, so that erasure reaches every copy of them (issue 15):
 * LevelDB keeps old versions of a bucket in its log for a while, and such a copy must not open to
 * an erased person's name, e-mail, phone or city.
 *
 * Two layers. Each person's entry is encrypted with ChaCha20 under that person's secret (the one
 * erasure deletes, keyring.ts), with a random nonce per bucket write; the bucket as a whole is
 * sealed with AES-GCM under the record key, which makes it authentic and keeps the secrets, stored
 * in `personKeys`, useless without a passphrase. After an erasure, an old copy still opens to ids
 * and the other persons' entries, never to the erased person's.
 *
 * Inside the outer seal (format 2):
 *   [2][header length, u32 little-endian][header: JSON][each person's entry, encrypted, in turn]
 *   header: { savedAt, termsVersion, nonce (hex), ids, sizes }
 * Format 1 (before): the JSON { entries, termsVersion?, savedAt } with every entry readable under
 * the record key alone; it still opens, and is replaced by format 2 when the directory rewrites it.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { fromJsonBytes } from '../core/crypto/json';
import { aadOf, importAesKey, openAsync, openRecord, recordAad, sealAsync, xorStream } from '../core/crypto/seal';
import type { Keyring } from '../core/crypto/keyring';

export interface OpenedBucket {
  bucket: number;
  /** 1: every entry under the record key alone (rewritten in format 2 at the next sign-in). */
  format: 1 | 2;
  /** When the directory wrote it: persons updated since are opened again at the next sign-in. */
  savedAt: string;
  /** SEARCH_TERMS_VERSION of the entries' search words (missing before version 2). */
  termsVersion?: number;
  entries: DirectoryEntry[];
}

const FORMAT = 2;
const NONCE = 12;

interface Header {
  savedAt: string;
  termsVersion: number;
  nonce: string;
  ids: string[];
  sizes: number[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The bucket's content in format 2; persons whose secret is not at hand are left out. */
export function encodeBucket(
  entries: readonly DirectoryEntry[],
  secretOf: (personId: string) => Uint8Array | undefined,
  savedAt: string,
  termsVersion: number,
): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const ids: string[] = [];
  const bodies: Uint8Array[] = [];
  for (const { id, ...entry } of entries) {
    const secret = secretOf(id);
    if (!secret) continue;
    const plain = encoder.encode(JSON.stringify(entry));
    const body = new Uint8Array(plain.length);
    xorStream(secret, nonce, plain, body);
    ids.push(id);
    bodies.push(body);
  }
  const header: Header = { savedAt, termsVersion, nonce: bytesToHex(nonce), ids, sizes: bodies.map((b) => b.length) };
  const head = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(5 + head.length + bodies.reduce((n, b) => n + b.length, 0));
  out[0] = FORMAT;
  new DataView(out.buffer).setUint32(1, head.length, true);
  out.set(head, 5);
  let at = 5 + head.length;
  for (const b of bodies) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function headerOf(content: Uint8Array): Header & { length: number } {
  const length = new DataView(content.buffer, content.byteOffset, content.byteLength).getUint32(1, true);
  return { ...(JSON.parse(decoder.decode(content.subarray(5, 5 + length))) as Header), length };
}

/**
 * The bucket's entries. A person whose secret is gone (erased) is left out: their bytes stay
 * unreadable. All readable entries are parsed together, as one JSON array.
 */
export function decodeBucket(
  bucket: number,
  content: Uint8Array,
  secretOf: (personId: string) => Uint8Array | undefined,
): OpenedBucket {
  if (content[0] !== FORMAT) {
    const old = fromJsonBytes<Omit<OpenedBucket, 'bucket'>>(content);
    return { bucket, format: 1, savedAt: old.savedAt, termsVersion: old.termsVersion, entries: old.entries };
  }
  const header = headerOf(content);
  const headLength = header.length;
  const nonce = hexToBytes(header.nonce);
  const json = new Uint8Array(content.length - 5 - headLength + header.ids.length + 2);
  const readable: string[] = [];
  let from = 5 + headLength;
  let to = 0;
  json[to++] = 0x5b; // [
  header.ids.forEach((id, i) => {
    const size = header.sizes[i];
    const secret = secretOf(id);
    if (secret) {
      if (readable.length) json[to++] = 0x2c; // ,
      xorStream(secret, nonce, content.subarray(from, from + size), json.subarray(to, to + size));
      to += size;
      readable.push(id);
    }
    from += size;
  });
  json[to++] = 0x5d; // ]
  const parsed = JSON.parse(decoder.decode(json.subarray(0, to))) as Omit<DirectoryEntry, 'id'>[];
  return {
    bucket,
    format: FORMAT,
    savedAt: header.savedAt,
    termsVersion: header.termsVersion,
    entries: parsed.map((e, i) => ({ ...e, id: readable[i] })),
  };
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

/**
 * Opens stored buckets (either format); a bucket that does not authenticate is a SealedRecordError.
 * `loadSecrets` brings the secrets of the persons named in the buckets into the keyring first
 * (those not yet loaded; an erased person's is nowhere to be found).
 */
export async function openBuckets(
  keyring: Keyring,
  stored: readonly DirectoryBucket[],
  loadSecrets: (personIds: string[]) => Promise<void>,
): Promise<OpenedBucket[]> {
  const key = await importAesKey(keyring.recordKey());
  const contents = await Promise.all(
    stored.map(({ bucket, sealed }) =>
      // Buckets written by the sealing middleware were sealed with their plain fields bound in.
      openRecord('directory', bucket, () => openAsync(key, sealed, recordAad('directory', bucket, { bucket }))),
    ),
  );
  const named = contents.flatMap((c) => (c[0] === FORMAT ? headerOf(c).ids : []));
  await loadSecrets(named.filter((id) => !keyring.personSecret(id)));
  const secretOf = (id: string) => keyring.personSecret(id);
  return contents.map((content, i) => decodeBucket(stored[i].bucket, content, secretOf));
}
