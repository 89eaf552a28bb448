/**
 * Sealing and opening the directory image (image.ts) — in the image worker (imageWorker.ts), or on
 * the main thread where there are no workers (the unit tests). AES-GCM over 40 MB is ~120 ms of the
 * calling thread in Chromium, encoding its texts ~300 ms: never the main thread's in a browser.
 */
import { openAsync, sealAsync } from '../core/crypto/seal';
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

export async function sealImage(content: ImageContent, keys: ImageKeys): Promise<Uint8Array> {
  return sealAsync(await imageKey(keys.recordKey, keys.secret), encodeImage(content), keys.aad);
}

/** The image's content; null when it does not authenticate under these keys. */
export async function openImageBytes(sealed: Uint8Array, keys: ImageKeys): Promise<DecodedImage | null> {
  let plain: Uint8Array;
  try {
    plain = await openAsync(await imageKey(keys.recordKey, keys.secret), sealed, keys.aad);
  } catch {
    return null;
  }
  return decodeImage(plain);
}

/** Where the image's bytes are kept: the origin private file system, or (tests) what useImageFiles gives. */
export interface ImageFiles {
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
}

const notFound = (e: unknown) =>
  e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

/** The origin private file system (window or worker), where it can be written; else null. */
export function opfsFiles(): ImageFiles | null {
  if (typeof navigator === 'undefined') return null;
  if (typeof (navigator.storage as Partial<StorageManager> | undefined)?.getDirectory !== 'function') return null;
  // WebKit before 2025 writes OPFS files only from workers (createSyncAccessHandle): no image there.
  if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype)) return null;
  const root = () => navigator.storage.getDirectory();
  return {
    async read(name) {
      try {
        const file = await (await (await root()).getFileHandle(name)).getFile();
        return new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        if (notFound(e)) return null;
        throw e;
      }
    },
    async write(name, bytes) {
      const handle = await (await root()).getFileHandle(name, { create: true });
      // Written to a side file and swapped in at close: a reader finds the old file or the new one whole.
      const writable = await handle.createWritable();
      try {
        await writable.write(bytes as Uint8Array<ArrayBuffer>);
        await writable.close();
      } catch (e) {
        await writable.abort().catch(() => undefined);
        throw e;
      }
    },
    async remove(name) {
      try {
        await (await root()).removeEntry(name);
      } catch (e) {
        if (!notFound(e)) throw e;
      }
    },
  };
}
