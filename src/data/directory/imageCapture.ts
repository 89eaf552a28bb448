/**
 * Taking the directory's entries for its image (imageFormat.ts holds the layout): on the main
 * thread, in idle time, a turn at a time; the image worker encodes and seals what this gives.
 */
import type { DirectoryEntry } from '../core/derived';
import { storedRow } from './bucketRows';

/** The entries in name order: ids by newline, each sort name and search text, the stored rows as one JSON array. */
export interface CapturedEntries {
  /** In parts (a turn's each), joined by newline. */
  ids: string[];
  /** In parts (a turn's each), joined as they are. */
  texts: string[];
  /** Entry i's sort name from textAt[2i], its search text from textAt[2i + 1] to textAt[2i + 2]. */
  textAt: Int32Array;
  rows: Uint8Array;
  /** Row i from rowAt[i] up to rowAt[i + 1] - 1. */
  rowAt: Int32Array;
}

/** An entry that has its stored row as bytes at hand (packedRows.ts PackedEntry): not encoded again. */
interface WithRowBytes {
  rowBytes(): Uint8Array;
}

const encoder = new TextEncoder();

const rowBytesOf = (e: DirectoryEntry): Uint8Array =>
  'rowBytes' in e ? (e as DirectoryEntry & WithRowBytes).rowBytes() : encoder.encode(JSON.stringify(storedRow(e)));

/**
 * The entries' part of an image (`ordered`: in name order), taken `per` entries at a time with a
 * turn between — a capture of 100,000 persons is background work beside the user's. Each turn's
 * texts are joined in the turn and its rows copied into one growing buffer; the turns' texts are
 * joined by the image worker, not here: the page's heap holds the texts once, not twice.
 */
export async function captureEntries(
  ordered: readonly DirectoryEntry[],
  turn: () => Promise<boolean>,
  per = 2_000,
): Promise<CapturedEntries | null> {
  const ids: string[] = [];
  const texts: string[] = [];
  const textAt = new Int32Array(2 * ordered.length + 1);
  const rowAt = new Int32Array(ordered.length + 1);
  // About the size of a stored row; doubled when full.
  let rows = new Uint8Array(Math.max(64, 128 * ordered.length));
  rows[0] = 0x5b; // [
  let at = 0;
  let to = 1;
  for (let from = 0; from < ordered.length; from += per) {
    if (from > 0 && !(await turn())) return null;
    const chunkIds: string[] = [];
    const chunkTexts: string[] = [];
    for (let i = from; i < Math.min(from + per, ordered.length); i++) {
      const e = ordered[i];
      chunkIds.push(e.id);
      chunkTexts.push(e.sortName, e.searchText);
      textAt[2 * i] = at;
      textAt[2 * i + 1] = at += e.sortName.length;
      textAt[2 * i + 2] = at += e.searchText.length;
      const row = rowBytesOf(e);
      if (to + row.length + 2 > rows.length) {
        const grown = new Uint8Array(2 * (to + row.length + 2));
        grown.set(rows.subarray(0, to));
        rows = grown;
      }
      if (i > 0) rows[to - 1] = 0x2c; // ,
      rowAt[i] = to;
      rows.set(row, to);
      to += row.length + 1;
    }
    ids.push(chunkIds.join('\n'));
    texts.push(chunkTexts.join(''));
  }
  // Row i ends before the comma (or bracket) at rowAt[i + 1] - 1.
  if (ordered.length === 0) to = 2;
  rowAt[ordered.length] = to;
  rows[to - 1] = 0x5d; // ]
  return { ids, texts, textAt, rows: rows.slice(0, to), rowAt };
}
