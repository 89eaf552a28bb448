/**
 * Taking the directory's entries for its image (imageFormat.ts holds the layout): on the main
 * thread, in idle time, a turn at a time; the image worker seals what this gives.
 *
 * Everything is taken as bytes of its own, moved to the worker, never copied by postMessage: the
 * texts of 100,000 persons as strings took ~300 ms of one main-thread task to post (structured
 * clone), the index's arrays in use ~70 ms more. Encoded a turn at a time here, they cost the
 * page nothing it would notice.
 */
import type { DirectoryEntry } from '../core/derived';
import type { PackedIndex } from './searchIndex';
import { storedRow } from './bucketRows';

/** The entries in name order: ids by newline, the sort names, the stored rows as one JSON array (no search texts: imageFormat.ts). */
export interface CapturedEntries {
  /** UTF-8: the ids joined by newline. */
  ids: Uint8Array;
  /** UTF-8: the sort names, joined as they are. */
  names: Uint8Array;
  /** Entry i's sort name from nameAt[i] to nameAt[i + 1] (UTF-16 code units of `names` decoded). */
  nameAt: Int32Array;
  rows: Uint8Array;
  /** Row i from rowAt[i] up to rowAt[i + 1] - 1. */
  rowAt: Int32Array;
}

/** An index part as the image takes it: its words as UTF-8, every array a copy of its own (the index stays in use). */
export interface CapturedPart {
  words: Uint8Array;
  wordAt: Int32Array;
  postingAt: Int32Array;
  postings: Int32Array;
  /** Places in the image's order; -1: a person changed or gone since the part was built. */
  slots: Int32Array;
}

/** An entry that has its stored row as bytes at hand (packedRows.ts PackedEntry): not encoded again. */
interface WithRowBytes {
  rowBytes(): Uint8Array;
}

const encoder = new TextEncoder();

const rowBytesOf = (e: DirectoryEntry): Uint8Array =>
  'rowBytes' in e ? (e as DirectoryEntry & WithRowBytes).rowBytes() : encoder.encode(JSON.stringify(storedRow(e)));

/** Bytes appended to one buffer, doubled when full. */
class ByteSink {
  private buffer: Uint8Array;
  length = 0;

  constructor(expected: number) {
    this.buffer = new Uint8Array(Math.max(64, expected));
  }

  /** Room for `n` more bytes. */
  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const grown = new Uint8Array(2 * (this.length + n));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  push(byte: number): void {
    this.reserve(1);
    this.buffer[this.length++] = byte;
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** UTF-8 of `text`, encoded in place. */
  appendText(text: string): void {
    this.reserve(3 * text.length);
    this.length += encoder.encodeInto(text, this.buffer.subarray(this.length)).written;
  }

  /**
   * The bytes: a view of the buffer, which is moved to the worker with its spare room — a copy of
   * its own size (30 MB at 100,000 persons) was ~100 ms of one task, mostly the collection it set off.
   */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

const NEWLINE = 0x0a;

/**
 * The entries' part of an image (`ordered`: in name order), taken `per` entries at a time with a
 * turn between — a capture of 100,000 persons is background work beside the user's.
 */
export async function captureEntries(
  ordered: readonly DirectoryEntry[],
  turn: () => Promise<boolean>,
  per = 2_000,
): Promise<CapturedEntries | null> {
  const ids = new ByteSink(40 * ordered.length);
  const names = new ByteSink(24 * ordered.length);
  const nameAt = new Int32Array(ordered.length + 1);
  const rowAt = new Int32Array(ordered.length + 1);
  // About the size of a stored row.
  const rows = new ByteSink(128 * ordered.length);
  rows.push(0x5b); // [
  let at = 0;
  for (let from = 0; from < ordered.length; from += per) {
    if (from > 0 && !(await turn())) return null;
    const chunkIds: string[] = [];
    const chunkNames: string[] = [];
    for (let i = from; i < Math.min(from + per, ordered.length); i++) {
      const e = ordered[i];
      chunkIds.push(e.id);
      chunkNames.push(e.sortName);
      nameAt[i + 1] = at += e.sortName.length;
      if (i > 0) rows.push(0x2c); // ,
      rowAt[i] = rows.length;
      rows.append(rowBytesOf(e));
    }
    if (from > 0) ids.push(NEWLINE);
    ids.appendText(chunkIds.join('\n'));
    // Whole names per turn: no surrogate pair is split, the bytes decode to the names joined.
    names.appendText(chunkNames.join(''));
  }
  // Row i ends before the comma (or bracket) at rowAt[i + 1] - 1.
  rows.push(0x5d); // ]
  rowAt[ordered.length] = rows.length;
  return { ids: ids.bytes(), names: names.bytes(), nameAt, rows: rows.bytes(), rowAt };
}

/** Characters of an index part's words encoded per turn (its ~5 M at 100,000 persons were ~110 ms at once). */
const WORDS_PER_TURN = 500_000;

/**
 * An index part taken for the image, with its slots (`slots`: made for it); its words a turn at a
 * time. Null when a turn says to stop.
 */
export async function capturePart(
  packed: PackedIndex,
  slots: Int32Array,
  turn: () => Promise<boolean>,
): Promise<CapturedPart | null> {
  const { words } = packed;
  const bytes = new ByteSink(words.length + 16);
  for (let from = 0; from < words.length;) {
    if (from > 0 && !(await turn())) return null;
    let to = Math.min(from + WORDS_PER_TURN, words.length);
    // Never between the halves of a surrogate pair: each would be encoded as a replacement character.
    const last = words.charCodeAt(to - 1);
    if (to < words.length && last >= 0xd800 && last <= 0xdbff) to++;
    bytes.appendText(words.slice(from, to));
    from = to;
  }
  return {
    words: bytes.bytes(),
    wordAt: packed.wordAt.slice(),
    postingAt: packed.postingAt.slice(),
    postings: packed.postings.slice(),
    slots,
  };
}
