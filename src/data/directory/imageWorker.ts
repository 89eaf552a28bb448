/**
 * The directory image's worker (image.ts): reads the image's file as soon as a sign-in starts,
 * opens it once the key is there, and seals and writes a new one — the decryption, the decoding
 * of its texts and the encryption are no task of the main thread (a write's texts come encoded,
 * a turn at a time in idle time: imageCapture.ts). One job (a read, then an open;
 * or a write), then it is ended.
 */
import type { DecodedImage, ImageContent } from './imageFormat';
import { openImageBytes, sealImage, type ImageKeys } from './imageCodec';
import { opfsFiles } from './opfs';

export type ImageWorkerMessage =
  | { type: 'read'; name: string }
  | { type: 'open'; keys: ImageKeys }
  | { type: 'write'; name: string; keys: ImageKeys; content: ImageContent };

/**
 * The image comes in pieces, each its own message: the main thread takes each message's strings in
 * one task, and the texts (then 15 M characters at 100,000 persons, with the search texts) with
 * the rest were one of ~100 ms. The sort `names`, then each index part's `words`, then the image without them.
 */
export type ImageWorkerPiece = { names: string } | { words: string };

export type ImageWorkerReply = { image: DecodedImage | null } | { written: true } | { error: string };

let read: Promise<Uint8Array | null> = Promise.resolve(null);

/**
 * A decoded image whose arrays have buffers of their own (decoded, they are views of the whole
 * plain image, whose texts the strings now hold: kept whole, ~11 MB of it would stay unused), and
 * those buffers, to be moved.
 */
function slim(image: DecodedImage | null): { image: DecodedImage | null; movable: ArrayBuffer[] } {
  if (!image) return { image, movable: [] };
  const movable: ArrayBuffer[] = [];
  const own = <T extends Uint8Array | Int32Array>(a: T): T => {
    const copy = a.slice() as T;
    movable.push(copy.buffer as ArrayBuffer);
    return copy;
  };
  const { rows, parts } = image;
  return {
    image: {
      ...image,
      rows: { ...rows, json: own(rows.json), rowAt: own(rows.rowAt), nameAt: own(rows.nameAt) },
      parts: parts.map(({ packed, slots }) => ({
        packed: {
          words: packed.words,
          wordAt: own(packed.wordAt),
          postingAt: own(packed.postingAt),
          postings: own(packed.postings),
        },
        slots: own(slots),
      })),
    },
    movable,
  };
}

self.onmessage = async (event: MessageEvent<ImageWorkerMessage>) => {
  const msg = event.data;
  try {
    const files = opfsFiles();
    if (msg.type === 'read') {
      read = files.read(msg.name);
      read.catch(() => undefined);
    } else if (msg.type === 'open') {
      const sealed = await read;
      const { image, movable } = slim(sealed ? await openImageBytes(sealed, msg.keys) : null);
      if (image) {
        self.postMessage({ names: image.rows.names } satisfies ImageWorkerPiece);
        for (const part of image.parts) self.postMessage({ words: part.packed.words } satisfies ImageWorkerPiece);
        image.rows.names = '';
        for (const part of image.parts) part.packed.words = '';
      }
      self.postMessage({ image } satisfies ImageWorkerReply, { transfer: movable });
    } else {
      await files.write(msg.name, await sealImage(msg.content, msg.keys));
      self.postMessage({ written: true } satisfies ImageWorkerReply);
    }
  } catch (e) {
    self.postMessage({ error: String(e instanceof Error ? e.message : e) } satisfies ImageWorkerReply);
  }
};
