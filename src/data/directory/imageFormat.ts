/**
 * The directory image's content (image.ts stores it sealed): the whole directory as it was once
 * complete — every entry in name order, packed as a row worker packs rows (packedRows.ts), and the
 * search index with it — so that a sign-in opens one ciphertext and neither parses, derives search
 * words, sorts nor indexes 100,000 persons again (the row worker's ~1.2–2.5 s at sign-in).
 *
 *   [u32 little-endian: header length][header: JSON][sections, each from a multiple of 4]
 *   sections: ids (UTF-8, joined by newline), names (UTF-8: the sort names joined), nameAt (i32),
 *   rows (the stored rows as one JSON array), rowAt (i32), changed (UTF-8 ids, by newline), then
 *   per index part: words (UTF-8), wordAt, postingAt, postings, slots (i32 each).
 * A part's slots are places in the image's order; -1: a person changed or gone since the part was built.
 * `changed`: the persons the parts do not hold as they are (searchIndex.ts SearchIndex.changed).
 *
 * No search texts: the index is there, and each is derived from its row when asked (a scan, an
 * index built anew). They were ~13 of its 45 MB at 100,000 persons, and every megabyte is paid
 * several times at sign-in — read, decrypted, decoded, posted.
 */
import type { CapturedEntries, CapturedPart } from './imageCapture';
import type { PackedRows } from './packedRows';
import type { PackedIndex } from './searchIndex';

/** 3: the sort names fold accents (sortNameOf), so an image of format 2 is in another order. */
export const IMAGE_FORMAT = 3;

export interface ImageHeader {
  format: number;
  /** When the entries were taken: persons changed from a margin before are read again (imageLoad.ts). */
  savedAt: string;
  persons: number;
  /** Each section's length in bytes, in the order above. */
  sections: number[];
  parts: number;
}

/** An index part as the image holds it: its slots as places in the image's order. */
export interface ImagePart {
  packed: PackedIndex;
  slots: Int32Array;
}

export interface DecodedImage {
  header: ImageHeader;
  rows: PackedRows;
  changed: string[];
  parts: ImagePart[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Section = Uint8Array | Int32Array;
const pad4 = (n: number) => (n + 3) & ~3;

/** Everything an image holds, its texts already UTF-8 (imageCapture.ts), before it is laid out (encodeImage: in the image worker). */
export interface ImageContent {
  captured: CapturedEntries;
  savedAt: string;
  changed: readonly string[];
  parts: readonly CapturedPart[];
}

/** The image's plain bytes. */
export function encodeImage({ captured, savedAt, changed, parts }: ImageContent): Uint8Array {
  const sections: Section[] = [
    captured.ids,
    captured.names,
    captured.nameAt,
    captured.rows,
    captured.rowAt,
    encoder.encode(changed.join('\n')),
    ...parts.flatMap((p) => [p.words, p.wordAt, p.postingAt, p.postings, p.slots]),
  ];
  const header: ImageHeader = {
    format: IMAGE_FORMAT,
    savedAt,
    persons: captured.rowAt.length - 1,
    sections: sections.map((s) => s.byteLength),
    parts: parts.length,
  };
  const head = encoder.encode(JSON.stringify(header));
  let size = pad4(4 + head.length);
  for (const s of sections) size = pad4(size + s.byteLength);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  let at = pad4(4 + head.length);
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at = pad4(at + s.byteLength);
  }
  return out;
}

export class ImageFormatError extends Error {
  constructor(what: string) {
    super(`The directory image cannot be read: ${what}`);
    this.name = 'ImageFormatError';
  }
}

/** The image's content; its i32 sections are views of `plain` (which must start at a multiple of 4). */
export function decodeImage(plain: Uint8Array): DecodedImage {
  if (plain.byteOffset % 4 !== 0) throw new ImageFormatError('misaligned');
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  const headLength = view.getUint32(0, true);
  if (4 + headLength > plain.length) throw new ImageFormatError('header beyond the end');
  const header = JSON.parse(decoder.decode(plain.subarray(4, 4 + headLength))) as ImageHeader;
  if (header.format !== IMAGE_FORMAT) throw new ImageFormatError(`format ${String(header.format)}`);
  if (header.sections.length !== 6 + 5 * header.parts) throw new ImageFormatError('sections');
  let at = pad4(4 + headLength);
  const taken = header.sections.map((length) => {
    if (!Number.isInteger(length) || length < 0 || at + length > plain.length)
      throw new ImageFormatError('section beyond the end');
    const from = at;
    at = pad4(at + length);
    return { from, length };
  });
  const bytes = (i: number) => plain.subarray(taken[i].from, taken[i].from + taken[i].length);
  const text = (i: number) => decoder.decode(bytes(i));
  const ints = (i: number) => {
    if (taken[i].length % 4 !== 0) throw new ImageFormatError('an i32 section of odd length');
    return new Int32Array(plain.buffer, plain.byteOffset + taken[i].from, taken[i].length / 4);
  };
  const rows: PackedRows = {
    ids: text(0),
    names: text(1),
    nameAt: ints(2),
    json: bytes(3),
    rowAt: ints(4),
    search: null,
  };
  if (rows.rowAt.length !== header.persons + 1 || rows.nameAt.length !== header.persons + 1)
    throw new ImageFormatError('row offsets');
  const changedText = text(5);
  const parts: ImagePart[] = [];
  for (let p = 0; p < header.parts; p++) {
    const s = 6 + 5 * p;
    parts.push({
      packed: { words: text(s), wordAt: ints(s + 1), postingAt: ints(s + 2), postings: ints(s + 3) },
      slots: ints(s + 4),
    });
  }
  return { header, rows, changed: changedText ? changedText.split('\n') : [], parts };
}
