/**
 * Members' key pairs and sealing to them (WebCrypto only: ECDH P-256, HKDF-SHA-256, AES-256-GCM).
 * The private key leaves WebCrypto only as PKCS#8 wrapped under the member's passphrase-derived
 * key (passphrase.ts), so it is never stored or sent unwrapped. Sealing to a member is ECIES: a
 * one-time key pair, ECDH with the member's public key, HKDF to an AES-GCM key; the additional data
 * binds the ciphertext to its record (a grant copied to another member or epoch does not open).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { MemberKeyPair, WrappedKey } from '../../../domain/user';
import { fromBase64, toBase64, unwrapDataKey, wrapDataKey } from './passphrase';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const buf = (b: Uint8Array) => new Uint8Array(b);

/** A short name of a public key (SHA-256 of its SPKI bytes, 8 bytes hex). */
export function keyIdOf(publicKey: string): string {
  return bytesToHex(sha256(fromBase64(publicKey)).subarray(0, 8));
}

export async function newMemberKeyPair(wrapKey: CryptoKey): Promise<{ record: MemberKeyPair; privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const [spki, pkcs8] = await Promise.all([
    crypto.subtle.exportKey('spki', pair.publicKey),
    crypto.subtle.exportKey('pkcs8', pair.privateKey),
  ]);
  const wrapped = await wrapDataKey(wrapKey, new Uint8Array(pkcs8));
  // The key kept in memory cannot be exported again; the exported bytes are zeroed on import.
  const privateKey = await importPrivate(new Uint8Array(pkcs8));
  return { record: { publicKey: toBase64(new Uint8Array(spki)), privateKey: wrapped }, privateKey };
}

async function importPrivate(pkcs8: Uint8Array): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('pkcs8', buf(pkcs8), ECDH, false, ['deriveBits']);
  } finally {
    pkcs8.fill(0);
  }
}

/** The member's private key, unwrapped with their passphrase-derived key (non-extractable). */
export async function openPrivateKey(wrapKey: CryptoKey, wrapped: WrappedKey): Promise<CryptoKey> {
  return importPrivate(await unwrapDataKey(wrapKey, wrapped));
}

/** The same private key wrapped under another passphrase-derived key (a changed passphrase). */
export async function rewrapPrivateKey(oldKey: CryptoKey, newKey: CryptoKey, wrapped: WrappedKey): Promise<WrappedKey> {
  const pkcs8 = await unwrapDataKey(oldKey, wrapped);
  try {
    return await wrapDataKey(newKey, pkcs8);
  } finally {
    pkcs8.fill(0);
  }
}

async function sharedKey(privateKey: CryptoKey, publicKey: CryptoKey, aad: Uint8Array): Promise<CryptoKey> {
  const bits = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const material = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: buf(aad), info: new TextEncoder().encode('consentbook member seal') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export interface MemberSealed {
  ephemeralKey: string;
  iv: string;
  data: string;
}

export async function sealToMember(publicKey: string, plain: Uint8Array, aad: Uint8Array): Promise<MemberSealed> {
  const recipient = await crypto.subtle.importKey('spki', fromBase64(publicKey), ECDH, false, []);
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const key = await sharedKey(ephemeral.privateKey, recipient, aad);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: buf(aad) }, key, buf(plain));
  const spki = await crypto.subtle.exportKey('spki', ephemeral.publicKey);
  return { ephemeralKey: toBase64(new Uint8Array(spki)), iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Throws when the value was sealed to another member, for other additional data, or changed. */
export async function openFromMember(
  privateKey: CryptoKey,
  sealed: MemberSealed,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const sender = await crypto.subtle.importKey('spki', fromBase64(sealed.ephemeralKey), ECDH, false, []);
  const key = await sharedKey(privateKey, sender, aad);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: buf(aad) },
    key,
    fromBase64(sealed.data),
  );
  return new Uint8Array(plain);
}
