/**
 * A text's UTF-8 through TextEncoder.encodeInto and one reused buffer. TextEncoder.encode (and
 * @noble/hashes' utf8ToBytes, a new encoder and a copy per call) costs ~3 µs a call before its
 * first byte, and runs at half encodeInto's speed on a long text (Chromium 156, measured): the
 * audit check encodes a million entries, the whole-database export 70 MB of text.
 */
const encoder = new TextEncoder();

/**
 * An encoder writing each text's UTF-8 into a buffer of its own that every call shares: a result is
 * valid until the next call, so only for bytes used at once (hashed, sealed). Two texts needed side
 * by side (a record's text and its additional data) take two encoders.
 */
export function inPlaceEncoder(): (text: string) => Uint8Array {
  let scratch = new Uint8Array(4096);
  return (text) => {
    // A UTF-16 unit is at most three bytes: the text always fits.
    if (scratch.length < text.length * 3) scratch = new Uint8Array(Math.max(text.length * 3, scratch.length * 2));
    const { written } = encoder.encodeInto(text, scratch);
    return scratch.subarray(0, written);
  };
}

/** The shared in-place encoder (inPlaceEncoder) for the texts of records, entries and pages. */
export const utf8InPlace = inPlaceEncoder();

/** The text's UTF-8 in an array of its own (to keep or to transfer). */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return utf8InPlace(text).slice();
}
