/**
 * Raw DEFLATE with the platform's own streams (CompressionStream: browsers, workers and Node alike):
 * native code, no library shipped. The directory's buckets are compressed before they are
 * encrypted — a third less to read from IndexedDB at each sign-in (directory/buckets.ts).
 */
type Transform = CompressionStream | DecompressionStream;

async function through(bytes: Uint8Array, transform: Transform): Promise<Uint8Array> {
  const piped = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

export const deflate = (bytes: Uint8Array): Promise<Uint8Array> => through(bytes, new CompressionStream('deflate-raw'));

/** Rejects (a TypeError) when the bytes are not raw DEFLATE. */
export const inflate = (bytes: Uint8Array): Promise<Uint8Array> =>
  through(bytes, new DecompressionStream('deflate-raw'));
