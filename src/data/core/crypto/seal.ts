/**
 * Sealing bytes with AES-256-GCM: a format version byte, a random 96-bit nonce, then ciphertext and
 * tag. The additional data binds a ciphertext to its place (table and primary key), so a sealed
 * value copied into another record does not open. The version byte lets a later format live beside
 * this one; values sealed before it existed (nonce first) still open.
 *
 * Two implementations of the same format: `seal`/`open` are synchronous (aesGcm.ts, as the open
 * pool's workers use — @noble/ciphers' gcm builds its GHASH tables from objects for every key,
 * about 1 ms of a save's main thread for the one record it opened), because they run inside
 * IndexedDB transactions, which commit on their own while a WebCrypto promise is pending;
 * `openAsync` uses WebCrypto for bulk reads outside any transaction. Both read the layout through
 * `layoutsOf`. `sealWith`/`openWith` take the cipher as an argument (bulk/openRows.ts).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { SealedRecordError } from '../errors';
import { bytesReplacer } from './json';
import { inPlaceEncoder } from '../../../domain/utf8';

type Gcm = typeof import('./aesGcm');
type Chacha = typeof import('./chacha20').chacha20Xor;

const NONCE = 12;
/** The format of sealed values: [1][nonce][ciphertext and tag]. */
export const SEAL_VERSION = 1;
/**
 * Sealed records: the same layout; the additional data covers the record's plain fields too
 * (`recordAad`), so a plain field changed beside the ciphertext makes the record fail to open.
 */
export const RECORD_SEAL_VERSION = 2;
const KNOWN_VERSIONS: readonly number[] = [SEAL_VERSION, RECORD_SEAL_VERSION];

/** The additional data, or how it depends on the format version a value was sealed in (0: none). */
export type Aad = Uint8Array | ((version: number) => Uint8Array);

/** A sealed value in a format this version cannot read (written by a newer one). */
export class UnknownSealVersionError extends Error {
  constructor(readonly version: number) {
    super(`A sealed value has the unknown format version ${version} (or is damaged): this app cannot open it`);
    this.name = 'UnknownSealVersionError';
  }
}

interface Layout {
  version: number;
  nonce: Uint8Array;
  body: Uint8Array;
}

/**
 * The ways to read a sealed value, to try in turn. A value from before the version byte starts with
 * its random nonce, so a first byte equal to the version can be either: the authentication tag
 * decides (a wrong layout never authenticates).
 */
function layoutsOf(sealed: Uint8Array): Layout[] {
  const unversioned = { version: 0, nonce: sealed.subarray(0, NONCE), body: sealed.subarray(NONCE) };
  if (!KNOWN_VERSIONS.includes(sealed[0])) return [unversioned];
  return [{ version: sealed[0], nonce: sealed.subarray(1, 1 + NONCE), body: sealed.subarray(1 + NONCE) }, unversioned];
}

/** When no layout authenticates: a known version was damaged or sealed under another key; else the version is unknown. */
function refusal(sealed: Uint8Array, first: unknown): unknown {
  return KNOWN_VERSIONS.includes(sealed[0]) ? first : new UnknownSealVersionError(sealed.length > 0 ? sealed[0] : 0);
}

function versioned(nonce: Uint8Array, body: Uint8Array, version: number): Uint8Array {
  const out = new Uint8Array(1 + NONCE + body.length);
  out[0] = version;
  out.set(nonce, 1);
  out.set(body, 1 + NONCE);
  return out;
}

/**
 * The cipher is loaded at sign-in, not with the app: nothing is sealed or opened before a key is
 * in memory, and the first screen (sign-in) loads less.
 */
let gcmImpl: Gcm | null = null;
let chachaImpl: Chacha | null = null;

export async function loadCipher(): Promise<void> {
  const [aes, chacha] = await Promise.all([import('./aesGcm'), import('./chacha20')]);
  gcmImpl ??= aes;
  chachaImpl ??= chacha.chacha20Xor;
}

/**
 * ChaCha20 (RFC 8439) of `input` into `output` (same length): the stream cipher of the directory's
 * per-person layer (directory/buckets.ts), one call per person with no key schedule — it runs
 * 100,000 times per sign-in. Authenticity comes from the AES-GCM seal around it.
 */
export function xorStream(key: Uint8Array, nonce: Uint8Array, input: Uint8Array, output: Uint8Array): void {
  if (!chachaImpl) throw new Error('The cipher is not loaded: call loadCipher() when keys are opened');
  chachaImpl(key, nonce, input, output);
}

function cipher(): Gcm {
  if (!gcmImpl) throw new Error('The cipher is not loaded: call loadCipher() when keys are opened');
  return gcmImpl;
}
const encoder = new TextEncoder();

export function aadOf(table: string, key: unknown): Uint8Array {
  return encoder.encode(`${table}/${String(key)}`);
}

/**
 * A record's additional data: table and key, and — from RECORD_SEAL_VERSION on — every plain field
 * beside the ciphertext (sorted). Records sealed before cover table and key only.
 */
export const recordAad = recordAadBy((text) => encoder.encode(text));

/** The additional data's own in-place encoder: the record's text is encoded beside it (utf8InPlace). */
const encodeInPlace = inPlaceEncoder();

/**
 * recordAad's bytes in a buffer the next call overwrites: for a caller that uses them at once
 * (the open pool's workers, which open a whole book: a new ArrayBuffer per record costs more
 * than encoding its text).
 */
export const recordAadInPlace = recordAadBy(encodeInPlace);

function recordAadBy(encode: (text: string) => Uint8Array) {
  return (table: string, key: unknown, plain: Record<string, unknown>): ((version: number) => Uint8Array) =>
    (version) =>
      version === RECORD_SEAL_VERSION
        ? encode(`${table}/${String(key)}\n${plainFieldsJson(plain)}`)
        : aadOf(table, key);
}

/**
 * A record's plain fields (`plainFields`: primary key, index fields, the table's extras), and the
 * rest as the JSON that is sealed, fields in sorted order (the sealing middleware's TableCodec, and
 * the open pool's workers sealing new persons before their transaction).
 */
export function splitRecord(
  record: Record<string, unknown>,
  plainFields: ReadonlySet<string>,
): { plain: Record<string, unknown>; content: string } {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const k of Object.keys(record).sort()) {
    if (k === 'sealed') continue;
    if (plainFields.has(k)) plain[k] = record[k];
    else secret[k] = record[k];
  }
  // A replacer is called for every value (JSON.stringify's slow path): only a record holding bytes gets it.
  return { plain, content: holdsBytes(secret) ? JSON.stringify(secret, bytesReplacer) : JSON.stringify(secret) };
}

function holdsBytes(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.some(holdsBytes);
  for (const k in value) if (holdsBytes((value as Record<string, unknown>)[k])) return true;
  return false;
}

/** Each key's `"key":` as JSON writes it (the few plain field names, met on every record). */
const quotedKeys = new Map<string, string>();

/**
 * `JSON.stringify(plain, Object.keys(plain).sort())`, the text the additional data has always
 * held, without JSON.stringify's key list (which takes its slow path: a tenth of an export
 * worker's time). Plain fields are ids, kinds, flags, dates, statuses and lists of ids: those are
 * written here value by value; any other value (an object, a Date, a list of other things) goes
 * to JSON.stringify with the key list as before, which applies the list to nested objects too.
 */
export function plainFieldsJson(plain: Record<string, unknown>): string {
  const keys = Object.keys(plain);
  // Stored plain fields come in sorted order (splitRecord): sorted only when they do not.
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  let out = '{';
  for (const k of keys) {
    const v = plain[k];
    let text: string;
    if (typeof v === 'string') text = JSON.stringify(v);
    else if (typeof v === 'number') text = Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'boolean') text = v ? 'true' : 'false';
    else if (v === null) text = 'null';
    else if (v === undefined || typeof v === 'function' || typeof v === 'symbol')
      continue; // left out, as JSON.stringify does
    else if (Array.isArray(v) && v.every((e) => typeof e === 'string')) text = JSON.stringify(v);
    else return JSON.stringify(plain, keys);
    let quoted = quotedKeys.get(k);
    if (quoted === undefined) {
      quoted = `${JSON.stringify(k)}:`;
      if (quotedKeys.size < 256) quotedKeys.set(k, quoted);
    }
    out += out.length === 1 ? quoted + text : `,${quoted}${text}`;
  }
  return `${out}}`;
}

/** A synchronous AES-256-GCM: key, nonce, additional data and input (plain text; ciphertext and tag). */
export type GcmFunction = (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, input: Uint8Array) => Uint8Array;

const libraryEncrypt: GcmFunction = (key, nonce, aad, plain) => cipher().gcmEncrypt(key, nonce, aad, plain);
const libraryDecrypt: GcmFunction = (key, nonce, aad, body) => cipher().gcmDecrypt(key, nonce, aad, body);

export function seal(key: Uint8Array, plain: Uint8Array, aad: Aad, version = SEAL_VERSION): Uint8Array {
  return sealWith(libraryEncrypt, key, plain, aad, version);
}

/** `seal` with the given cipher. */
export function sealWith(
  encrypt: GcmFunction,
  key: Uint8Array,
  plain: Uint8Array,
  aad: Aad,
  version = SEAL_VERSION,
): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  return versioned(nonce, encrypt(key, nonce, aadFor(aad, version), plain), version);
}

/**
 * The same format with the nonce derived from key, additional data and content (HMAC-SHA-256), not
 * random: sealing the same value twice gives the same bytes, so a sync document sealed again is
 * recognised as unchanged by its hash. A nonce repeats only with the same content, so GCM's
 * nonce-reuse failure cannot occur; what it reveals — that two versions are equal — the server
 * sees anyway from the revisions.
 */
export function sealDeterministic(
  key: Uint8Array,
  plain: Uint8Array,
  aad: Uint8Array,
  version = SEAL_VERSION,
): Uint8Array {
  const input = new Uint8Array(aad.length + 1 + plain.length);
  input.set(aad);
  input.set(plain, aad.length + 1);
  const nonce = hmac(sha256, key, input).subarray(0, NONCE);
  return versioned(nonce, libraryEncrypt(key, nonce, aad, plain), version);
}

function aadFor(aad: Aad, version: number): Uint8Array {
  return typeof aad === 'function' ? aad(version) : aad;
}

/** Throws when the key is wrong or a byte was changed. */
export function open(key: Uint8Array, sealed: Uint8Array, aad: Aad): Uint8Array {
  cipher(); // not loaded: said as such, not taken for a refusal
  return openWith(libraryDecrypt, key, sealed, aad);
}

/** `open` with the given cipher. */
export function openWith(decrypt: GcmFunction, key: Uint8Array, sealed: Uint8Array, aad: Aad): Uint8Array {
  let first: unknown;
  for (const { version, nonce, body } of layoutsOf(sealed)) {
    try {
      return decrypt(key, nonce, aadFor(aad, version), body);
    } catch (e) {
      first ??= e;
    }
  }
  throw refusal(sealed, first);
}

export async function openAsync(key: CryptoKey, sealed: Uint8Array, aad: Aad): Promise<Uint8Array> {
  let first: unknown;
  for (const { version, nonce, body } of layoutsOf(sealed)) {
    try {
      // The views as they are: WebCrypto copies its input itself (a copy here was a second one of
      // every byte — 14 MB of the directory's buckets at each sign-in).
      const plain = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: nonce as Uint8Array<ArrayBuffer>,
          additionalData: aadFor(aad, version) as Uint8Array<ArrayBuffer>,
        },
        key,
        body as Uint8Array<ArrayBuffer>,
      );
      return new Uint8Array(plain);
    } catch (e) {
      first ??= e;
    }
  }
  throw refusal(sealed, first);
}

/** The same format as `seal`, with WebCrypto: for writes prepared before their transaction opens. */
export async function sealAsync(
  key: CryptoKey,
  plain: Uint8Array,
  aad: Aad,
  version = SEAL_VERSION,
): Promise<Uint8Array> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const body = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: aadFor(aad, version) as Uint8Array<ArrayBuffer> },
    key,
    plain as Uint8Array<ArrayBuffer>,
  );
  return versioned(nonce, new Uint8Array(body), version);
}

/**
 * Opens a record, loudly: a ciphertext that does not authenticate (a plain field or a byte changed,
 * another record's ciphertext) is a SealedRecordError naming table and key. An unknown format
 * version stays named as such.
 */
export function openRecord<T>(table: string, key: unknown, opening: () => T): T;
export function openRecord<T>(table: string, key: unknown, opening: () => Promise<T>): Promise<T>;
export function openRecord<T>(table: string, key: unknown, opening: () => T | Promise<T>): T | Promise<T> {
  const refuse = (e: unknown): never => {
    if (e instanceof UnknownSealVersionError) throw e;
    throw new SealedRecordError(table, String(key), e);
  };
  try {
    const result = opening();
    return result instanceof Promise ? result.catch(refuse) : result;
  } catch (e) {
    return refuse(e);
  }
}

export function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
}
