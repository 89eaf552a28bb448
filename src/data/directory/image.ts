/**
 * The directory image: the complete directory in one sealed file (content: imageFormat.ts), so a
 * sign-in reads, decrypts and unpacks it instead of opening 1,024 buckets and parsing, deriving,
 * sorting and indexing 100,000 persons in a worker. The buckets stay, kept as before: the image is
 * a shortcut that is never needed — without one (a browser without the origin private file
 * system, Node in the tests, an image not yet written or gone) the directory reads the buckets.
 *
 * Where: the origin private file system (OPFS), one file per book: at 100,000 persons its ~40 MB
 * are read in under 100 ms, where one IndexedDB record of that size took 350–650 ms.
 *
 * Erasure reaches it as it reaches the buckets (issue 15). The image is sealed with AES-GCM under
 * a key derived (HKDF) from the record key and the image's own secret, stored as the entry
 * IMAGE_KEY of `directoryKeys`; every write takes a new secret. Erasing a person deletes that
 * secret in the erasure's transaction (middleware/sealing.ts; sync/apply.ts for erasures and any
 * person changed from another device; a restore clears the table), so no copy of the file from
 * before opens, on this disk or in a backup of it. A write stores its secret only in a transaction
 * that finds no erasure since its entries were taken; a file whose secret is not the stored one
 * does not authenticate and is not read.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { aadOf, openAsync, sealAsync } from '../core/crypto/seal';
import { DIRECTORY_IMAGE_KEY } from '../core/derived';
import { decodeImage, type DecodedImage } from './imageFormat';

/** The image's secret in `directoryKeys` (whose other keys are the buckets, 0 and up). */
export const IMAGE_KEY = DIRECTORY_IMAGE_KEY;
const IMAGE_SECRET = 32;
const INFO = new TextEncoder().encode('consentbook directory image');

/** Where the image's bytes are kept: the origin private file system, or (tests) what useImageFiles gives. */
export interface ImageFiles {
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
}

const notFound = (e: unknown) =>
  e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

function opfsFiles(): ImageFiles | null {
  if (
    typeof navigator === 'undefined' ||
    typeof (navigator.storage as Partial<StorageManager> | undefined)?.getDirectory !== 'function'
  )
    return null;
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

let files: ImageFiles | null | undefined;

/** The store of images in use (the origin private file system where there is one). */
export function imageFiles(): ImageFiles | null {
  if (files === undefined) files = opfsFiles();
  return files;
}

/** Tests: images kept in memory, or (null) none at all. */
export function useImageFiles(store: ImageFiles | null): void {
  files = store;
}

const fileName = (db: ConsentbookDB) => `directory-image-${encodeURIComponent(db.name)}.bin`;
const aad = (db: ConsentbookDB) => aadOf('directoryImage', db.name);

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

/** An image as stored, with the secret stored for it: read before the key is there (readAhead.ts). */
export interface StoredImage {
  sealed: Uint8Array;
  secret: Uint8Array;
}

/** The stored image, when there is a secret for one (`secret`, read with the buckets' secrets). */
export async function readImage(db: ConsentbookDB, secret: Uint8Array | undefined): Promise<StoredImage | null> {
  const store = imageFiles();
  if (!secret || !store) return null;
  const sealed = await store.read(fileName(db));
  return sealed ? { sealed, secret } : null;
}

/**
 * The image's content, or null when it does not open with the stored secret: written since and its
 * secret not stored (a write an erasure stopped, or one under way in another tab), or changed.
 * Either way the directory reads its buckets, which authenticate one by one.
 */
export async function openImage(db: ConsentbookDB, stored: StoredImage): Promise<DecodedImage | null> {
  const key = await imageKey(db.keyring.recordKey(), stored.secret);
  let plain: Uint8Array;
  try {
    plain = await openAsync(key, stored.sealed, aad(db));
  } catch {
    return null;
  }
  return decodeImage(plain);
}

/**
 * Seals and writes an image, then stores its secret — unless a person was erased since `erased`
 * (the erasures known when its entries were taken, none of whom it holds) were read: then the
 * secret is not stored, the file opens to nothing, and false says to write again.
 */
export async function writeImage(db: ConsentbookDB, plain: Uint8Array, erased: ReadonlySet<string>): Promise<boolean> {
  const store = imageFiles();
  if (!store) return false;
  const secret = crypto.getRandomValues(new Uint8Array(IMAGE_SECRET));
  const sealed = await sealAsync(await imageKey(db.keyring.recordKey(), secret), plain, aad(db));
  await store.write(fileName(db), sealed);
  const raw = rawConnection(db);
  return raw.transaction('rw', raw.directoryKeys, raw.erasures, async () => {
    const now = await raw.erasures.toCollection().primaryKeys();
    if (now.some((id) => !erased.has(id))) return false;
    await raw.directoryKeys.put({ bucket: IMAGE_KEY, secret });
    return true;
  });
}

/** The image's secret and file gone (a directory that cannot trust it; the tests). */
export async function dropImage(db: ConsentbookDB): Promise<void> {
  const raw = rawConnection(db);
  await raw.directoryKeys.delete(IMAGE_KEY);
  await imageFiles()
    ?.remove(fileName(db))
    .catch(() => undefined);
}
