/**
 * A row worker's rows as it gives them to the main thread (rowWorker.ts → rowReader.ts): not an
 * object per person to clone — at 100,000 persons the main thread spent ~0.7 s taking the clones
 * and collecting their garbage — but the decrypted rows in one transferred buffer and the ids,
 * sort names and search words as strings with offsets. The main thread makes one small entry
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
  /** The sort names joined: row i's from nameAt[i] to nameAt[i + 1]. */
  names: string;
  nameAt: Int32Array;
  /**
   * The search texts (DirectoryEntry.searchText) joined, row i's from at[i] to at[i + 1]; null
   * when each is derived from its row when asked — the directory image, whose search index is
   * there already (imageFormat.ts).
   */
  search: PackedTexts | null;
}

/** Texts joined, text i from at[i] to at[i + 1] (UTF-16 code units). */
export interface PackedTexts {
  texts: string;
  at: Int32Array;
}

/**
 * What the worker keeps of each row (its order and search index are of these), with where the
 * main thread has the row's entry: the message's job and the place in it.
 */
export type KeptRow = Pick<DirectoryEntry, 'id' | 'sortName' | 'searchText'> & { job: number; at: number };

const decoder = new TextDecoder();

/**
 * The rows decrypted into one JSON array (`rowAt` as PackedRows), of the persons `ids`, packed —
 * with what the worker keeps of each (sort name and search words, derived once, here).
 */
export function packRows(
  json: Uint8Array,
  rowAt: Int32Array,
  ids: readonly string[],
  job: number,
): { packed: PackedRows; kept: KeptRow[] } {
  const rows = JSON.parse(decoder.decode(json)) as StoredRow[];
  const kept: KeptRow[] = [];
  const names = new TextsPacker(rows.length);
  const search = new TextsPacker(rows.length);
  rows.forEach((stored, i) => {
    const row = rowOf(stored);
    const sortName = sortNameOf(row);
    const searchText = searchTextOf(row);
    kept.push({ id: ids[i], sortName, searchText, job, at: i });
    names.add(sortName);
    search.add(searchText);
  });
  const { texts, at } = names.packed();
  return { packed: { ids: ids.join('\n'), json, rowAt, names: texts, nameAt: at, search: search.packed() }, kept };
}

/** Texts added one by one, joined once with their offsets. */
class TextsPacker {
  private readonly texts: string[] = [];
  private readonly at: Int32Array;
  private length = 0;

  constructor(count: number) {
    this.at = new Int32Array(count + 1);
  }

  add(text: string): void {
    this.texts.push(text);
    this.at[this.texts.length] = this.length += text.length;
  }

  packed(): PackedTexts {
    return { texts: this.texts.join(''), at: this.at };
  }
}

/** The entries of packed rows, in their order: each decoded when first read. */
export function unpackRows(packed: PackedRows): DirectoryEntry[] {
  return (packed.ids ? packed.ids.split('\n') : []).map((id, i) => new PackedEntry(id, packed, i));
}

/** unpackRows `per` entries at a time, with a turn of the page between (the directory image: 100,000 at once). */
export async function unpackRowsInTurns(
  packed: PackedRows,
  turn: () => Promise<void>,
  per: number,
): Promise<DirectoryEntry[]> {
  const ids = packed.ids ? packed.ids.split('\n') : [];
  const entries: DirectoryEntry[] = new Array<DirectoryEntry>(ids.length);
  for (let i = 0; i < ids.length; i++) {
    if (i > 0 && i % per === 0) await turn();
    entries[i] = new PackedEntry(ids[i], packed, i);
  }
  return entries;
}

type Decoded = DirectoryRow & { name: string };

/** An entry of packed rows: id and sort name at hand, the rest decoded from its row once read. */
class PackedEntry implements DirectoryEntry {
  readonly sortName: string;
  private row: Decoded | undefined;

  constructor(
    readonly id: string,
    private readonly packed: PackedRows,
    private readonly at: number,
  ) {
    this.sortName = packed.names.slice(packed.nameAt[at], packed.nameAt[at + 1]);
  }

  /** Cut (or derived) anew at each read — a search's scan reads each once: not kept beside the packed rows. */
  get searchText(): string {
    const { search } = this.packed;
    if (!search) return searchTextOf(this.row ?? this.parsed());
    return search.texts.slice(search.at[this.at], search.at[this.at + 1]);
  }

  /** The row as stored (JSON), as it came: the directory image keeps it without encoding it again. */
  rowBytes(): Uint8Array {
    const { json, rowAt } = this.packed;
    return json.subarray(rowAt[this.at], rowAt[this.at + 1] - 1);
  }

  /** The row, not kept (a search text derived for the index needs no decoded row beside it). */
  private parsed(): DirectoryRow {
    return rowOf(JSON.parse(decoder.decode(this.rowBytes())) as StoredRow);
  }

  private decoded(): Decoded {
    if (!this.row) {
      const row = this.parsed();
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
