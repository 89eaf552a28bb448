/**
 * A bucket's rows (format in buckets.ts) as stored and as read: the ids, each person's sort name
 * and search words (derived when the bucket is written, so a sign-in derives nothing), and the row
 * of fields the list shows — laid out so that a reader takes each part whole (one decode, no
 * parse of the rows) and the rows' JSON stays bytes until a row is shown (packedRows.ts).
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { displayName, sortNameOf } from '../../domain/person';
import { searchTextOf, type DirectoryEntry, type DirectoryRow } from '../core/derived';
import { aesCtr } from '../core/crypto/seal';
import { inflate } from '../core/compress';

export const BUCKET_FORMAT = 5;

export interface BucketHeader {
  savedAt: string;
  /** Hex of the bucket write's random 8 bytes, the high half of the rows' AES-CTR counter block. */
  nonce: string;
  /** Which secret the rows are encrypted under (keyIdOf): a bucket written anew under another is not read with this one. */
  keyId: string;
  /** How the stored sort names and search words were derived (derivationMark). */
  derived: string;
}

export type OpenedHeader = BucketHeader & { length: number };

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The header of content in BUCKET_FORMAT, or null for an earlier format — or for sort names and
 * search words derived otherwise than this version derives them: they are derived anew.
 */
export function headerOf(content: Uint8Array): OpenedHeader | null {
  if (content[0] !== BUCKET_FORMAT) return null;
  const length = new DataView(content.buffer, content.byteOffset, content.byteLength).getUint32(1, true);
  const header = JSON.parse(decoder.decode(content.subarray(5, 5 + length))) as BucketHeader;
  return header.derived === derivationMark() ? { ...header, length } : null;
}

/** Rows that try the derivation's corners: case, umlauts, other scripts' letters, parts, e-mail, numbers. */
const PROBES: DirectoryRow[] = [
  ['Anna-Lena', 'Müller-Lüdenscheidt', '', 'a.mueller@post.example', 'Köln', '+49 221 5550101', ['0049 30 12345']],
  ['Søren', 'Yılmaz', 'Straße & Co. KG', 'S_Y+x@Example.org', 'Łódź', '0221/555-01', []],
  ['', '', 'ÆØÅ Œuvre (Ðorđe)', '', 'São Paulo', '(0)89 1234', ['+1 555 0100']],
].map(([firstName, lastName, organisation, email, city, phone, furtherPhones]) => ({
  firstName: firstName as string,
  lastName: lastName as string,
  organisation: organisation as string,
  email: email as string,
  city: city as string,
  phone: phone as string,
  furtherPhones: furtherPhones as string[],
  kind: 'contact',
  locked: false,
}));

let mark: string | undefined;

/**
 * A mark of how this version derives sort names and search words (sortNameOf, searchTermsOf), from
 * what they make of PROBES: stored in each bucket, so a version that derives them otherwise (a new
 * fold, a new kind of word) does not search with words of the old kind — it derives them anew.
 */
export function derivationMark(): string {
  if (mark === undefined) {
    const made = PROBES.map((row) => [sortNameOf(row), searchTextOf(row)]);
    mark = keyIdOf(encoder.encode(JSON.stringify(made)));
  }
  return mark;
}

/** Names a bucket secret without giving it away (SHA-256, first 8 bytes). */
export function keyIdOf(secret: Uint8Array): string {
  let hex = '';
  for (const b of sha256(secret).subarray(0, 8)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** The rows' AES-CTR counter block: the write's nonce, then a 64-bit block count from zero. */
export function counterBlock(nonce: Uint8Array): Uint8Array {
  const block = new Uint8Array(16);
  block.set(nonce);
  return block;
}

/** A row as stored: a JSON array, which is shorter than an object. */
export type StoredRow = [string, string, string, string, string, string, string[], DirectoryRow['kind'], 0 | 1];

export function storedRow(e: DirectoryRow): StoredRow {
  return [e.firstName, e.lastName, e.organisation, e.email, e.city, e.phone, e.furtherPhones, e.kind, e.locked ? 1 : 0];
}

export function rowOf([firstName, lastName, organisation, email, city, phone, furtherPhones, kind, locked]: StoredRow) {
  return { firstName, lastName, organisation, email, city, phone, furtherPhones, kind, locked: locked === 1 };
}

/**
 * A bucket's rows read: row i is `ids`' i-th line, its sort name `texts` from textAt[2i], its
 * search text (DirectoryEntry.searchText) from textAt[2i + 1] to textAt[2i + 2], its row the JSON
 * bytes json[rowAt[i], rowAt[i + 1]).
 */
export interface BucketRows {
  count: number;
  /** The ids joined by newline (ids hold none). */
  ids: string;
  texts: string;
  textAt: Int32Array;
  json: Uint8Array;
  rowAt: Int32Array;
}

/**
 * The rows' plain bytes (before compression and encryption), of entries in name order:
 *   [count][ids' bytes][texts' bytes] (u32 each, in the device's byte order: buckets never leave it), each row's JSON bytes (u32 × count),
 *   each row's sort name and search text lengths in UTF-16 units (u32 × 2 count),
 *   the ids joined by newline, each row's sort name and search text, each row's JSON.
 */
export function rowsPlain(entries: readonly DirectoryEntry[]): Uint8Array {
  const count = entries.length;
  const ids = encoder.encode(entries.map((e) => e.id).join('\n'));
  const texts = encoder.encode(entries.map((e) => e.sortName + e.searchText).join(''));
  const rows = entries.map((e) => encoder.encode(JSON.stringify(storedRow(e))));
  const head = 3 + 3 * count;
  const plain = new Uint8Array(4 * head + ids.length + texts.length + rows.reduce((n, r) => n + r.length, 0));
  const words = new Uint32Array(plain.buffer, 0, head);
  words.set([count, ids.length, texts.length]);
  rows.forEach((r, i) => (words[3 + i] = r.length));
  entries.forEach((e, i) => {
    words[3 + count + 2 * i] = e.sortName.length;
    words[4 + count + 2 * i] = e.searchText.length;
  });
  let to = 4 * head;
  for (const part of [ids, texts, ...rows]) {
    plain.set(part, to);
    to += part.length;
  }
  return plain;
}

/** The rows of rowsPlain's bytes; throws when they are not whole. */
export function parseRowsPlain(plain: Uint8Array): BucketRows {
  const damaged = () => new Error("A bucket of the directory is damaged: its rows' lengths do not add up");
  if (plain.byteOffset % 4 !== 0 || plain.length < 12) throw damaged();
  const [count, idsBytes, textsBytes] = new Uint32Array(plain.buffer, plain.byteOffset, 3);
  const head = 4 * (3 + 3 * count);
  if (plain.length < head + idsBytes + textsBytes) throw damaged();
  const words = new Uint32Array(plain.buffer, plain.byteOffset, 3 + 3 * count);
  const ids = decoder.decode(plain.subarray(head, head + idsBytes));
  const texts = decoder.decode(plain.subarray(head + idsBytes, head + idsBytes + textsBytes));
  const json = plain.subarray(head + idsBytes + textsBytes);
  const rowAt = new Int32Array(count + 1);
  const textAt = new Int32Array(2 * count + 1);
  for (let i = 0; i < count; i++) {
    rowAt[i + 1] = rowAt[i] + words[3 + i];
    textAt[2 * i + 1] = textAt[2 * i] + words[3 + count + 2 * i];
    textAt[2 * i + 2] = textAt[2 * i + 1] + words[4 + count + 2 * i];
  }
  if (rowAt[count] !== json.length || textAt[2 * count] !== texts.length) throw damaged();
  return { count, ids, texts, textAt, json, rowAt };
}

/**
 * The rows of an opened bucket: decrypted (AES-CTR under `secret`), inflated and laid out; null
 * when `secret` is not the one they were written under (the bucket is not read).
 */
export async function openRows(
  content: Uint8Array,
  header: OpenedHeader,
  secret: Uint8Array,
): Promise<BucketRows | null> {
  if (keyIdOf(secret) !== header.keyId) return null;
  const sealedRows = content.subarray(5 + header.length);
  const compressed = await aesCtr(secret, counterBlock(hexToBytes(header.nonce)), sealedRows);
  return parseRowsPlain(await inflate(compressed));
}

/** Row i of read rows, decoded from its JSON. */
export function decodeRow(rows: Pick<BucketRows, 'json' | 'rowAt'>, i: number): DirectoryRow {
  return rowOf(JSON.parse(decoder.decode(rows.json.subarray(rows.rowAt[i], rows.rowAt[i + 1]))) as StoredRow);
}

/** The entries of an opened bucket's rows (none when the secret is not theirs). */
export async function entriesOf(
  content: Uint8Array,
  header: OpenedHeader,
  secret: Uint8Array,
): Promise<DirectoryEntry[]> {
  const rows = await openRows(content, header, secret);
  if (!rows || rows.count === 0) return [];
  const ids = rows.ids.split('\n');
  return ids.map((id, i) => {
    const row = decodeRow(rows, i);
    return {
      ...row,
      id,
      sortName: rows.texts.slice(rows.textAt[2 * i], rows.textAt[2 * i + 1]),
      searchText: rows.texts.slice(rows.textAt[2 * i + 1], rows.textAt[2 * i + 2]),
      name: displayName(row),
    };
  });
}

/** Name order as the old sortName index had it (code units), ties by id. */
export const byName = (a: Pick<DirectoryEntry, 'sortName' | 'id'>, b: Pick<DirectoryEntry, 'sortName' | 'id'>) =>
  a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Lists each in name order, merged into one in name order (the row workers' orders and the entries read elsewhere). */
export function mergeByName<T extends Pick<DirectoryEntry, 'sortName' | 'id'>>(lists: readonly (readonly T[])[]): T[] {
  const merge = merger(lists);
  merge.take(Infinity);
  return merge.out;
}

/**
 * Lists each in name order merged two at a time, as a balanced tree: each entry is compared about
 * log2(lists) times, not once per list as in mergeByName — for a row worker's dozens of runs.
 */
export function mergeRuns<T extends Pick<DirectoryEntry, 'sortName' | 'id'>>(lists: readonly (readonly T[])[]): T[] {
  let level = lists.filter((l) => l.length > 0);
  while (level.length > 1) {
    const next: (readonly T[])[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? mergeTwo(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level.length ? [...level[0]] : [];
}

/** Two lists in name order merged into one. */
export function mergeTwo<T extends Pick<DirectoryEntry, 'sortName' | 'id'>>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byName(b[j], a[i]) < 0 ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * mergeByName with a turn (`turn`, e.g. the page's next task) after every `every` entries: merging
 * the directory's 100,000 names is one of the longest tasks of a sign-in otherwise.
 */
export async function mergeByNameInTurns<T extends Pick<DirectoryEntry, 'sortName' | 'id'>>(
  lists: readonly (readonly T[])[],
  turn: () => Promise<void>,
  every = 20_000,
): Promise<T[]> {
  const merge = merger(lists);
  while (!merge.take(every)) await turn();
  return merge.out;
}

/** A merge of lists in name order that takes up to n more entries at a time; `take` says whether it is done. */
function merger<T extends Pick<DirectoryEntry, 'sortName' | 'id'>>(lists: readonly (readonly T[])[]) {
  const out: T[] = [];
  const at = lists.map(() => 0);
  return {
    out,
    take(n: number): boolean {
      for (let taken = 0; taken < n; taken++) {
        let best = -1;
        for (let l = 0; l < lists.length; l++)
          if (at[l] < lists[l].length && (best < 0 || byName(lists[l][at[l]], lists[best][at[best]]) < 0)) best = l;
        if (best < 0) return true;
        out.push(lists[best][at[best]++]);
      }
      return lists.every((list, l) => at[l] >= list.length);
    },
  };
}
