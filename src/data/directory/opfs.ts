/**
 * The origin private file system as the directory image's worker uses it (imageWorker.ts): one
 * file read, written whole (swapped in at close) and removed.
 */
/** Where the image's bytes are kept: the origin private file system, or (tests) what useImageFiles gives. */
export interface ImageFiles {
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
}

const notFound = (e: unknown) =>
  e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

/** The origin private file system (the worker is started only where the page found it writable: image.ts). */
export function opfsFiles(): ImageFiles {
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
