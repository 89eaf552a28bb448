/**
 * Passphrases are never stored: only a slow salted verifier (PBKDF2-SHA-256, 600,000 iterations,
 * OWASP's recommendation). The same derived bits, through HKDF, give a non-extractable AES-GCM
 * key that wraps the database's data key for this user: one slow derivation per sign-in, and a
 * changed passphrase re-wraps the data key instead of re-encrypting the data.
 */
import { VERIFIER_ITERATIONS, type PassphraseVerifier, type WrappedKey } from '../../../domain/user';

export const PBKDF2_ITERATIONS = VERIFIER_ITERATIONS.min;
export const MIN_PASSPHRASE_LENGTH = 8;

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

async function deriveMaster(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  return new Uint8Array(bits);
}

/** The verifier is a hash of the derived bits, so the bits themselves can serve as key material. */
async function verifierHash(master: Uint8Array<ArrayBuffer>): Promise<string> {
  const tagged = new Uint8Array(master.length + 6);
  tagged.set(new TextEncoder().encode('verify'));
  tagged.set(master, 6);
  return toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', tagged)));
}

export async function createVerifier(passphrase: string): Promise<PassphraseVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const master = await deriveMaster(passphrase, salt, PBKDF2_ITERATIONS);
  return {
    algorithm: 'PBKDF2-SHA-256',
    iterations: PBKDF2_ITERATIONS,
    salt: toBase64(salt),
    hash: await verifierHash(master),
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The key that wraps the data key, from the derived bits (never from the verifier hash). */
async function wrappingKey(master: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: new TextEncoder().encode('consentbook data key wrap'),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Checks the passphrase; on success the key that unwraps this user's copy of the data key. */
export async function unlockPassphrase(passphrase: string, verifier: PassphraseVerifier): Promise<CryptoKey | null> {
  const master = await deriveMaster(passphrase, fromBase64(verifier.salt), verifier.iterations);
  if (!constantTimeEqual(await verifierHash(master), verifier.hash)) return null;
  return wrappingKey(master);
}

/** A new verifier and the data key wrapped under the same passphrase. */
export async function createCredentials(
  passphrase: string,
  dataKey: Uint8Array,
): Promise<{ verifier: PassphraseVerifier; dataKey: WrappedKey }> {
  return (await credentialsWithKey(passphrase, dataKey)).credentials;
}

/** The same, with the wrapping key itself: it wraps the member's private key too (memberKeys.ts). */
export async function credentialsWithKey(
  passphrase: string,
  dataKey: Uint8Array,
): Promise<{ credentials: { verifier: PassphraseVerifier; dataKey: WrappedKey }; wrapKey: CryptoKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const master = await deriveMaster(passphrase, salt, PBKDF2_ITERATIONS);
  const verifier: PassphraseVerifier = {
    algorithm: 'PBKDF2-SHA-256',
    iterations: PBKDF2_ITERATIONS,
    salt: toBase64(salt),
    hash: await verifierHash(master),
  };
  const wrapKey = await wrappingKey(master);
  return { credentials: { verifier, dataKey: await wrapDataKey(wrapKey, dataKey) }, wrapKey };
}

export async function wrapDataKey(key: CryptoKey, dataKey: Uint8Array): Promise<WrappedKey> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, dataKey as Uint8Array<ArrayBuffer>),
  );
  return { algorithm: 'AES-256-GCM', iv: toBase64(iv), data: toBase64(data) };
}

export async function unwrapDataKey(key: CryptoKey, wrapped: WrappedKey): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(wrapped.iv) }, key, fromBase64(wrapped.data)),
  );
}

export function newDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}
