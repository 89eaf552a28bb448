/**
 * Reading the persons' rows of opened buckets (format in buckets.ts) into directory entries: the
 * per-person stream cipher, the parse and the derived fields (sort name, search words). Pure but
 * for the cipher, so a worker runs it (bucketReader.ts) and the main thread too when it must.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { entryOfRow, type DirectoryEntry, type DirectoryRow } from '../core/derived';
import { xorStream } from '../core/crypto/seal';

export const BUCKET_FORMAT = 3;
const SECRET = 32;

export interface BucketHeader {
  savedAt: string;
  /** Hex of the bucket write's nonce for every row's stream cipher. */
  nonce: string;
  ids: string[];
  sizes: number[];
}

/**
 * An opened bucket's content with the key secrets of the persons its header names, in the
 * header's order, SECRET bytes each (`known[i]` 0: not at hand — erased; the row stays unread).
 */
export interface RowsJob {
  content: Uint8Array;
  secrets: Uint8Array;
  known: Uint8Array;
}

const decoder = new TextDecoder();

/** The header of content in BUCKET_FORMAT, or null for an earlier format. */
export function headerOf(content: Uint8Array): (BucketHeader & { length: number }) | null {
  if (content[0] !== BUCKET_FORMAT) return null;
  const length = new DataView(content.buffer, content.byteOffset, content.byteLength).getUint32(1, true);
  return { ...(JSON.parse(decoder.decode(content.subarray(5, 5 + length))) as BucketHeader), length };
}

/** A row as stored: a JSON array, which is shorter than an object. */
export type StoredRow = [string, string, string, string, string, string, string[], DirectoryRow['kind'], 0 | 1];

export function storedRow(e: DirectoryRow): StoredRow {
  return [e.firstName, e.lastName, e.organisation, e.email, e.city, e.phone, e.furtherPhones, e.kind, e.locked ? 1 : 0];
}

export function rowOf([firstName, lastName, organisation, email, city, phone, furtherPhones, kind, locked]: StoredRow) {
  return { firstName, lastName, organisation, email, city, phone, furtherPhones, kind, locked: locked === 1 };
}

export function packSecrets(ids: readonly string[], secretOf: (id: string) => Uint8Array | undefined) {
  const secrets = new Uint8Array(SECRET * ids.length);
  const known = new Uint8Array(ids.length);
  ids.forEach((id, i) => {
    const secret = secretOf(id);
    if (!secret) return;
    secrets.set(secret, SECRET * i);
    known[i] = 1;
  });
  return { secrets, known };
}

/** The entries of a bucket's readable rows; all rows are parsed together, as one JSON array. */
export function entriesOf(
  { content, secrets, known }: RowsJob,
  header: (BucketHeader & { length: number }) | null = headerOf(content),
): DirectoryEntry[] {
  if (!header) throw new Error('A directory bucket of an earlier format reached the row reader');
  const nonce = hexToBytes(header.nonce);
  const json = new Uint8Array(content.length - 5 - header.length + header.ids.length + 2);
  const readable: string[] = [];
  let from = 5 + header.length;
  let to = 0;
  json[to++] = 0x5b; // [
  header.ids.forEach((id, i) => {
    const size = header.sizes[i];
    if (known[i]) {
      if (readable.length) json[to++] = 0x2c; // ,
      const secret = secrets.subarray(SECRET * i, SECRET * (i + 1));
      xorStream(secret, nonce, content.subarray(from, from + size), json.subarray(to, to + size));
      to += size;
      readable.push(id);
    }
    from += size;
  });
  json[to++] = 0x5d; // ]
  return entriesOfJson(json.subarray(0, to), readable);
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
