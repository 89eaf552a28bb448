/**
 * Sealing and opening the directory image (image.ts) — in the image worker (imageWorker.ts), or on
 * the main thread where there are no workers (the unit tests), loaded only there. AES-GCM over 40 MB is ~120 ms of the
 * calling thread in Chromium: never the main thread's in a browser.
 */
import { decodeImage, encodeImage, type DecodedImage, type ImageContent } from './imageFormat';

const INFO = new TextEncoder().encode('consentbook directory image');

/** The image's key: from the record key and the image's own secret (HKDF-SHA-256). */
async function imageKey(recordKey: Uint8Array, secret: Uint8Array): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', recordKey as Uint8Array<ArrayBuffer>, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: secret as Uint8Array<ArrayBuffer>, info: INFO },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** What sealing and opening an image take besides its bytes. */
export interface ImageKeys {
  recordKey: Uint8Array;
  secret: Uint8Array;
  /** The additional data: the book's name (an image of another book does not open). */
  aad: Uint8Array;
}

const NONCE = 12;

/** [nonce][AES-GCM ciphertext and tag]. */
export async function sealImage(content: ImageContent, keys: ImageKeys): Promise<Uint8Array> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE));
  const body = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: keys.aad as Uint8Array<ArrayBuffer> },
    await imageKey(keys.recordKey, keys.secret),
    encodeImage(content) as Uint8Array<ArrayBuffer>,
  );
  const sealed = new Uint8Array(NONCE + body.byteLength);
  sealed.set(nonce);
  sealed.set(new Uint8Array(body), NONCE);
  return sealed;
}

/** The image's content; null when it does not authenticate under these keys. */
export async function openImageBytes(sealed: Uint8Array, keys: ImageKeys): Promise<DecodedImage | null> {
  if (sealed.length < NONCE + 16) return null;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.subarray(0, NONCE) as Uint8Array<ArrayBuffer>,
        additionalData: keys.aad as Uint8Array<ArrayBuffer>,
      },
      await imageKey(keys.recordKey, keys.secret),
      sealed.subarray(NONCE) as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return null;
  }
  return decodeImage(new Uint8Array(plain));
}
