/**
 * The directory image: the complete directory in one sealed file (content: imageFormat.ts), so a
 * sign-in reads, decrypts and unpacks it instead of opening 1,024 buckets and parsing, deriving,
 * sorting and indexing 100,000 persons in a worker. The buckets stay, kept as before: the image is
 * a shortcut that is never needed — without one (a browser without the origin private file
 * system, Node in the tests, an image not yet written or gone) the directory reads the buckets.
 *
 * Where: the origin private file system (OPFS), one file per book: at 100,000 persons its ~45 MB
 * are read in under 100 ms, where one IndexedDB record of that size took 350–650 ms. Read,
 * decrypted and decoded, and encoded, encrypted and written, by a worker (imageWorker.ts).
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
import { DIRECTORY_IMAGE_KEY } from '../core/derived';
import { aadOf } from '../core/crypto/seal';
import type { DecodedImage, ImageContent } from './imageFormat';
import type { ImageKeys } from './imageCodec';
import type { ImageFiles } from './opfs';
import type { ImageWorkerMessage, ImageWorkerPiece, ImageWorkerReply } from './imageWorker';

export type { ImageFiles };

/** The image's secret in `directoryKeys` (whose other keys are the buckets, 0 and up). */
export const IMAGE_KEY = DIRECTORY_IMAGE_KEY;
const IMAGE_SECRET = 32;

/** The tests' store of images, kept and opened on this thread (the codec loaded only then); undefined: the browser's way (a worker and OPFS). */
let files: ImageFiles | null | undefined;

let ownWrites = true;

/**
 * Tests: images kept in memory, or (null) none at all; `writesOnItsOwn: false` leaves every write
 * to the test (the directory's idle-time write would otherwise land in the middle of one).
 */
export function useImageFiles(store: ImageFiles | null, { writesOnItsOwn = true } = {}): void {
  files = store;
  ownWrites = writesOnItsOwn;
}

/** Whether the directory writes its image in idle time when due (imageWriter.ts). */
export const writesOnItsOwn = (): boolean => ownWrites;

/**
 * Whether this page has an origin private file system it can write whole files to (opfs.ts, in the
 * worker). WebKit before 2025 writes them only from workers (createSyncAccessHandle): no image there.
 */
function hasWritableOpfs(): boolean {
  if (typeof (navigator.storage as Partial<StorageManager> | undefined)?.getDirectory !== 'function') return false;
  return typeof FileSystemFileHandle !== 'undefined' && 'createWritable' in FileSystemFileHandle.prototype;
}

/** How images are kept: by a worker in the origin private file system, on this thread (tests), or not at all. */
function keeping(): 'worker' | 'thread' | null {
  if (files !== undefined) return files ? 'thread' : null;
  return typeof Worker !== 'undefined' && hasWritableOpfs() ? 'worker' : null;
}

/** Whether this browser keeps a directory image (else the buckets are read at every sign-in). */
export const keepsImages = (): boolean => keeping() !== null;

const fileName = (db: ConsentbookDB) => `directory-image-${encodeURIComponent(db.name)}.bin`;
const keysOf = (db: ConsentbookDB, secret: Uint8Array): ImageKeys => ({
  recordKey: db.keyring.recordKey(),
  secret,
  aad: aadOf('directoryImage', db.name),
});

/** One job of an image worker: its messages, then its reply (after any pieces of it); it ends with the reply. */
function imageJob() {
  const worker = new Worker(new URL('./imageWorker.ts', import.meta.url), { type: 'module' });
  const pieces: ImageWorkerPiece[] = [];
  const reply = new Promise<ImageWorkerReply>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ImageWorkerReply | ImageWorkerPiece>) => {
      if ('names' in e.data || 'words' in e.data) pieces.push(e.data);
      else resolve(e.data);
    };
    worker.onerror = (e) => reject(new Error(`The directory image's worker failed: ${e.message}`));
  }).finally(() => worker.terminate());
  reply.catch(() => undefined);
  return {
    post: (msg: ImageWorkerMessage, transfer: Transferable[] = []) => worker.postMessage(msg, transfer),
    async reply(): Promise<ImageWorkerReply> {
      const r = await reply;
      if ('error' in r) throw new Error(`The directory image's worker failed: ${r.error}`);
      return r;
    },
    pieces,
    end: () => worker.terminate(),
  };
}

/** The image with its pieces put back: its sort names, and each index part's words (in order). */
function assembled(image: DecodedImage | null, pieces: readonly ImageWorkerPiece[]): DecodedImage | null {
  if (!image) return null;
  const words = pieces.flatMap((p) => ('words' in p ? [p.words] : []));
  const names = pieces.find((p): p is { names: string } => 'names' in p);
  if (!names || words.length !== image.parts.length)
    throw new Error("The directory image's worker gave too few pieces");
  image.rows.names = names.names;
  image.parts.forEach((part, i) => (part.packed.words = words[i]));
  return image;
}

/** An image as stored, being read since the sign-in started (readAhead.ts); opened once the key is there. */
export interface StoredImage {
  /**
   * The image's content, or null when it does not open with the stored secret: written since and
   * its secret not stored (a write an erasure stopped, or one under way in another tab), or
   * changed. Either way the directory reads its buckets, which authenticate one by one.
   */
  open(db: ConsentbookDB): Promise<DecodedImage | null>;
  /** Not opened after all (a failed sign-in): the bytes read are let go. */
  drop(): void;
}

/** The stored image, when there is a secret for one (`secret`, read with the buckets' secrets); its file is read from now. */
export function readImage(db: ConsentbookDB, secret: Uint8Array | undefined): StoredImage | null {
  const how = keeping();
  if (!secret || !how) return null;
  if (how === 'thread') {
    const sealed = (files as ImageFiles).read(fileName(db));
    sealed.catch(() => undefined);
    return {
      open: async (db) => {
        const bytes = await sealed;
        return bytes ? (await import('./imageCodec')).openImageBytes(bytes, keysOf(db, secret)) : null;
      },
      drop: () => undefined,
    };
  }
  const job = imageJob();
  job.post({ type: 'read', name: fileName(db) });
  return {
    async open(db) {
      job.post({ type: 'open', keys: keysOf(db, secret) });
      const r = await job.reply();
      return 'image' in r ? assembled(r.image, job.pieces) : null;
    },
    drop: job.end,
  };
}

/** Opens an image's bytes with a secret, on this thread (tests: whether a copy opens). */
export async function openSealedImage(
  db: ConsentbookDB,
  sealed: Uint8Array,
  secret: Uint8Array,
): Promise<DecodedImage | null> {
  return (await import('./imageCodec')).openImageBytes(sealed, keysOf(db, secret));
}

/** The buffers of an image's content, each made for it alone: moved to the worker, not copied. */
const movable = ({ captured, parts }: ImageContent): Transferable[] => [
  captured.ids.buffer,
  captured.names.buffer,
  captured.nameAt.buffer,
  captured.rows.buffer,
  captured.rowAt.buffer,
  ...parts.flatMap((p) => [p.words.buffer, p.wordAt.buffer, p.postingAt.buffer, p.postings.buffer, p.slots.buffer]),
];

/**
 * Seals and writes an image under a new secret, then stores the secret — unless a person was
 * erased since `erased` (the erasures known when its entries were taken, none of whom it holds)
 * were read: then the secret is not stored, the file opens to nothing, and false says to write again.
 */
export async function writeImage(
  db: ConsentbookDB,
  content: ImageContent,
  erased: ReadonlySet<string>,
): Promise<boolean> {
  const how = keeping();
  if (!how) return false;
  const secret = crypto.getRandomValues(new Uint8Array(IMAGE_SECRET));
  const keys = keysOf(db, secret);
  if (how === 'thread')
    await (files as ImageFiles).write(fileName(db), await (await import('./imageCodec')).sealImage(content, keys));
  else {
    const job = imageJob();
    job.post({ type: 'write', name: fileName(db), keys, content }, movable(content));
    await job.reply();
  }
  const raw = rawConnection(db);
  return raw.transaction('rw', raw.directoryKeys, raw.erasures, async () => {
    const now = await raw.erasures.toCollection().primaryKeys();
    if (now.some((id) => !erased.has(id))) return false;
    await raw.directoryKeys.put({ bucket: IMAGE_KEY, secret });
    return true;
  });
}
