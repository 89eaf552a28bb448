/**
 * Reading the persons' rows of opened buckets (format in buckets.ts) into directory entries: the
 * bucket's stream cipher, the parse and the derived fields (sort name, search words). Pure but for
 * the cipher, so a row worker runs it (rowWorker.ts) and the main thread too when it must.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { entryOfRow, type DirectoryEntry, type DirectoryRow } from '../core/derived';
import { xorStream } from '../core/crypto/seal';

export const BUCKET_FORMAT = 4;

export interface BucketHeader {
  savedAt: string;
  /** Hex of the bucket write's nonce for the rows' stream cipher. */
  nonce: string;
  /** Which secret the rows are encrypted under (keyIdOf): a bucket written anew under another is not read with this one. */
  keyId: string;
  ids: string[];
  /** Each row's length in bytes (the rows are one JSON array: `[`, rows joined by `,`, `]`). */
  sizes: number[];
  /** The directory's persons when the bucket was written: a sign-in's progress total before anything is counted. */
  persons?: number;
}

export type OpenedHeader = BucketHeader & { length: number };

const decoder = new TextDecoder();

/** The header of content in BUCKET_FORMAT, or null for an earlier format. */
export function headerOf(content: Uint8Array): OpenedHeader | null {
  if (content[0] !== BUCKET_FORMAT) return null;
  const length = new DataView(content.buffer, content.byteOffset, content.byteLength).getUint32(1, true);
  return { ...(JSON.parse(decoder.decode(content.subarray(5, 5 + length))) as BucketHeader), length };
}

/** Names a bucket secret without giving it away (SHA-256, first 8 bytes). */
export function keyIdOf(secret: Uint8Array): string {
  let hex = '';
  for (const b of sha256(secret).subarray(0, 8)) hex += b.toString(16).padStart(2, '0');
  return hex;
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
 * The rows of an opened bucket decrypted into `out` at `at` (as the JSON array they are: `[`,
 * rows, `]`); false when `secret` is not the one they were written under (the bucket is not read).
 */
export function decryptRows(
  content: Uint8Array,
  header: OpenedHeader,
  secret: Uint8Array,
  out: Uint8Array,
  at: number,
): boolean {
  if (keyIdOf(secret) !== header.keyId) return false;
  const rows = content.subarray(5 + header.length);
  xorStream(secret, hexToBytes(header.nonce), rows, out.subarray(at, at + rows.length));
  return true;
}

/** The length of an opened bucket's rows as a JSON array. */
export const rowsLength = (content: Uint8Array, header: OpenedHeader): number => content.length - 5 - header.length;

/** The entries of an opened bucket's rows (none when the secret is not theirs). */
export function entriesOf(content: Uint8Array, header: OpenedHeader, secret: Uint8Array): DirectoryEntry[] {
  const json = new Uint8Array(rowsLength(content, header));
  if (!decryptRows(content, header, secret, json, 0)) return [];
  return entriesOfJson(json, header.ids);
}

/** The entries of rows decrypted into one JSON array (the row of ids[i] its i-th element): one parse for all. */
export function entriesOfJson(json: Uint8Array, ids: readonly string[]): DirectoryEntry[] {
  const rows = JSON.parse(decoder.decode(json)) as StoredRow[];
  return rows.map((row, i) => entryOfRow(ids[i], rowOf(row)));
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
