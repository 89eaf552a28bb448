/**
 * Sealing bytes with AES-256-GCM: a random 96-bit nonce, then ciphertext and tag. The additional
 * data binds a ciphertext to its place (table and primary key), so a sealed value copied into
 * another record does not open.
 *
 * Two implementations of the same format: `seal`/`open` are synchronous (@noble/ciphers), because
 * they run inside IndexedDB transactions, which commit on their own while a WebCrypto promise is
 * pending (ENGINEERING-NOTES "Encryption"); `openAsync` uses WebCrypto for bulk reads outside any
 * transaction, where native code is several times faster.
 */
type Gcm = typeof import('@noble/ciphers/aes.js').gcm;

const NONCE = 12;

/**
 * The cipher is loaded at sign-in, not with the app: nothing is sealed or opened before a key is
 * in memory, and the first screen (sign-in) loads less.
 */
let gcmImpl: Gcm | null = null;

export async function loadCipher(): Promise<void> {
  gcmImpl ??= (await import('@noble/ciphers/aes.js')).gcm;
}

function gcm(...args: Parameters<Gcm>): ReturnType<Gcm> {
  if (!gcmImpl) throw new Error('The cipher is not loaded: call loadCipher() when keys are opened');
  return gcmImpl(...args);
}
const encoder = new TextEncoder();

export function aadOf(table: string, key: unknown): Uint8Array {
  return encoder.encode(`${table}/${String(key)}`);
}

export function seal(key: Uint8Array, plain: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const body = gcm(key, nonce, aad).encrypt(plain);
  const out = new Uint8Array(NONCE + body.length);
  out.set(nonce);
  out.set(body, NONCE);
  return out;
}

/** Throws when the key is wrong or a byte was changed. */
export function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  return gcm(key, sealed.subarray(0, NONCE), aad).decrypt(sealed.subarray(NONCE));
}

export async function openAsync(key: CryptoKey, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.slice(0, NONCE), additionalData: aad as Uint8Array<ArrayBuffer> },
    key,
    sealed.slice(NONCE),
  );
  return new Uint8Array(plain);
}

/** The same format as `seal`, with WebCrypto: for writes prepared before their transaction opens. */
export async function sealAsync(key: CryptoKey, plain: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const body = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: aad as Uint8Array<ArrayBuffer> },
      key,
      plain as Uint8Array<ArrayBuffer>,
    ),
  );
  const out = new Uint8Array(NONCE + body.length);
  out.set(nonce);
  out.set(body, NONCE);
  return out;
}

export function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
}
