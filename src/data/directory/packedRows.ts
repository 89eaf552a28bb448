/**
 * A row worker's rows as it gives them to the main thread (rowWorker.ts → rowReader.ts): not an
 * object per person to clone — at 100,000 persons the main thread spent ~0.7 s taking the clones
 * and collecting their garbage — but the decrypted rows in one transferred buffer and the ids,
 * sort names and search words as two strings with offsets. The main thread makes one small entry
 * per person holding its id and sort name (the order needs them); its search words are cut from
 * the string when a search asks, the rest is decoded from its row when first read (a row shown, a
 * snapshot written).
 */
import { displayName, sortNameOf } from '../../domain/person';
import { searchTextOf, type DirectoryEntry, type DirectoryRow } from '../core/derived';
import { rowOf, type StoredRow } from './bucketRows';

export interface PackedRows {
  /** The persons' ids, joined by newline (ids hold none). */
  ids: string;
  /** A JSON array of the rows as stored (bucketRows.ts StoredRow), row i at rowAt[i] up to rowAt[i + 1] - 1. */
  json: Uint8Array;
  rowAt: Int32Array;
  /** Row i's sort name from textAt[i] to textAt[i + 1]. */
  texts: string;
  textAt: Int32Array;
}

/**
 * What the worker keeps of each row (its order and search index are of these): the search text
 * when it came with the entry (the first screen's, read on the main thread), else the row to
 * derive it from once the index is built.
 */
export type KeptRow = Pick<DirectoryEntry, 'id' | 'sortName'> &
  ({ searchText: string; row?: undefined } | { searchText?: undefined; row: DirectoryRow });

/** A kept row's search text (DirectoryEntry.searchText). */
export const searchTextOfKept = (k: KeptRow): string => k.searchText ?? searchTextOf(k.row);

/** Search texts in a row worker's order (slot i: from textAt[i] to textAt[i + 1]), handed over with its index. */
export interface SearchTexts {
  texts: string;
  textAt: Int32Array;
}

export function packSearchTexts(texts: readonly string[]): SearchTexts {
  const textAt = new Int32Array(texts.length + 1);
  texts.forEach((t, i) => (textAt[i + 1] = textAt[i] + t.length));
  return { texts: texts.join(''), textAt };
}

const decoder = new TextDecoder();

/**
 * The rows decrypted into one JSON array (`rowAt` as PackedRows), of the persons `ids`, packed —
 * with what the worker keeps of each (the sort name, derived once, here, and the row).
 */
export function packRows(
  json: Uint8Array,
  rowAt: Int32Array,
  ids: readonly string[],
): { packed: PackedRows; kept: KeptRow[] } {
  const rows = JSON.parse(decoder.decode(json)) as StoredRow[];
  const kept: KeptRow[] = [];
  const texts: string[] = [];
  const textAt = new Int32Array(rows.length + 1);
  rows.forEach((stored, i) => {
    const row = rowOf(stored);
    const sortName = sortNameOf(row);
    kept.push({ id: ids[i], sortName, row });
    texts.push(sortName);
    textAt[i + 1] = textAt[i] + sortName.length;
  });
  return { packed: { ids: ids.join('\n'), json, rowAt, texts: texts.join(''), textAt }, kept };
}

/** The entries of packed rows, in their order: each decoded when first read. */
export function unpackRows(packed: PackedRows): DirectoryEntry[] {
  return (packed.ids ? packed.ids.split('\n') : []).map((id, i) => new PackedEntry(id, packed, i));
}

type Decoded = DirectoryRow & { name: string };

/**
 * The search texts a row worker derived for its index, given to its entries (slot i: entries[i]);
 * entries not read from packed rows (the first screen's) hold their own already.
 */
export function giveSearchTexts(entries: readonly DirectoryEntry[], { texts, textAt }: SearchTexts): void {
  entries.forEach((e, slot) => {
    if (e instanceof PackedEntry) e.searchFrom(texts, textAt, slot);
  });
}

/** An entry of packed rows: id and sort name at hand, the rest decoded from its row once read. */
class PackedEntry implements DirectoryEntry {
  readonly sortName: string;
  private row: Decoded | undefined;
  /** The worker's search texts once given (giveSearchTexts); before, derived from the row. */
  private search: { texts: string; textAt: Int32Array; slot: number } | string | undefined;

  constructor(
    readonly id: string,
    private readonly packed: PackedRows,
    private readonly at: number,
  ) {
    this.sortName = packed.texts.slice(packed.textAt[at], packed.textAt[at + 1]);
  }

  searchFrom(texts: string, textAt: Int32Array, slot: number): void {
    this.search = { texts, textAt, slot };
  }

  /**
   * Cut anew at each read from the worker's texts (a search's scan reads each once): not kept
   * beside them. Before they come (a search while the index is built), derived from the row once.
   */
  get searchText(): string {
    const search = (this.search ??= searchTextOf(this.decoded()));
    if (typeof search === 'string') return search;
    return search.texts.slice(search.textAt[search.slot], search.textAt[search.slot + 1]);
  }

  private decoded(): Decoded {
    if (!this.row) {
      const { json, rowAt } = this.packed;
      const row = rowOf(JSON.parse(decoder.decode(json.subarray(rowAt[this.at], rowAt[this.at + 1] - 1))) as StoredRow);
      this.row = { ...row, name: displayName(row) };
    }
    return this.row;
  }

  get name() {
    return this.decoded().name;
  }
  get email() {
    return this.decoded().email;
  }
  get phone() {
    return this.decoded().phone;
  }
  get city() {
    return this.decoded().city;
  }
  get kind() {
    return this.decoded().kind;
  }
  get locked() {
    return this.decoded().locked;
  }
  get firstName() {
    return this.decoded().firstName;
  }
  get lastName() {
    return this.decoded().lastName;
  }
  get organisation() {
    return this.decoded().organisation;
  }
  get furtherPhones() {
    return this.decoded().furtherPhones;
  }
}
