/**
 * A row worker's rows as it gives them to the main thread (rowWorker.ts → rowReader.ts): not an
 * object per person to clone — at 100,000 persons the main thread spent ~0.7 s taking the clones
 * and collecting their garbage — but the decrypted rows in one transferred buffer and the ids,
 * sort names and search words as two strings with offsets. The main thread makes one small entry
 * per person holding its id and sort name (the order needs them); its search words are cut from
 * the string when a search asks, the rest is decoded from its row when first read (a row shown, a
 * snapshot written).
 */
import { displayName } from '../../domain/person';
import type { DirectoryEntry, DirectoryRow } from '../core/derived';
import { decodeRow, type BucketRows } from './bucketRows';

/** Rows as a row worker gives them: BucketRows of several buckets, one after another. */
export type PackedRows = Omit<BucketRows, 'count'>;

/**
 * What the worker keeps of each row (its order and search index are of these), with where the
 * main thread has the row's entry: the message's job and the place in it.
 */
export type KeptRow = Pick<DirectoryEntry, 'id' | 'sortName' | 'searchText'> & { job: number; at: number };

/**
 * Buckets' rows as one (each part's offsets moved on), with what the worker keeps of each — read,
 * not derived: buckets store each row's sort name and search words.
 */
export function packRows(parts: readonly BucketRows[], job: number): { packed: PackedRows; kept: KeptRow[] } {
  const filled = parts.filter((p) => p.count > 0);
  const count = filled.reduce((n, p) => n + p.count, 0);
  const json = new Uint8Array(filled.reduce((n, p) => n + p.json.length, 0));
  const rowAt = new Int32Array(count + 1);
  const textAt = new Int32Array(2 * count + 1);
  let row = 0;
  let bytes = 0;
  let chars = 0;
  for (const p of filled) {
    json.set(p.json, bytes);
    for (let i = 1; i <= p.count; i++) rowAt[row + i] = bytes + p.rowAt[i];
    for (let i = 1; i <= 2 * p.count; i++) textAt[2 * row + i] = chars + p.textAt[i];
    row += p.count;
    bytes += p.json.length;
    chars += p.texts.length;
  }
  const ids = filled.map((p) => p.ids).join('\n');
  const texts = filled.map((p) => p.texts).join('');
  const kept: KeptRow[] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const to = i + 1 < count ? ids.indexOf('\n', from) : ids.length;
    kept.push({
      id: ids.slice(from, to),
      sortName: texts.slice(textAt[2 * i], textAt[2 * i + 1]),
      searchText: texts.slice(textAt[2 * i + 1], textAt[2 * i + 2]),
      job,
      at: i,
    });
    from = to + 1;
  }
  return { packed: { ids, json, rowAt, texts, textAt }, kept };
}

/** The entries of packed rows, in their order: each decoded when first read. */
export function unpackRows(packed: PackedRows): DirectoryEntry[] {
  return (packed.ids ? packed.ids.split('\n') : []).map((id, i) => new PackedEntry(id, packed, i));
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
    this.sortName = packed.texts.slice(packed.textAt[2 * at], packed.textAt[2 * at + 1]);
  }

  /** Cut anew at each read (a search's scan reads each once): not kept beside the packed string. */
  get searchText(): string {
    const { texts, textAt } = this.packed;
    return texts.slice(textAt[2 * this.at + 1], textAt[2 * this.at + 2]);
  }

  private decoded(): Decoded {
    if (!this.row) {
      const row = decodeRow(this.packed, this.at);
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
