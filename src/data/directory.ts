/**
 * The person directory: every person's sort name and search words, in memory, built after sign-in.
 *
 * Why not indexes: an IndexedDB index can only hold plain values, so any name or e-mail index
 * would keep personal data readable on a lost tablet. Blind indexes (HMACs of words) would allow
 * exact matches only — no prefix search, no sorting by name — and leak which persons share a
 * name. The directory costs one decryption of each person per sign-in (bulk WebCrypto, off any
 * transaction, in chunks with progress), then sorting and prefix search are in memory. It is
 * dropped with the keys at sign-out and kept current by Dexie's `storagemutated` event, which
 * reports committed writes of this tab and of other tabs alike.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { countStoredPersons, forEachPersonChunk, openStored } from './bulkRead';
import { rawConnection, type ConsentbookDB } from './db';
import { bucketOf, entryOf, type DirectoryBucket, type DirectoryEntry } from './derived';

export type { DirectoryEntry };

export type DirectoryState = { status: 'empty' } | { status: 'building'; done: number; total: number } | { status: 'ready' } | { status: 'failed'; error: unknown };

/** Enough hits for anyone to refine the search instead of scrolling. */
export const SEARCH_LIMIT = 500;

/** Search words as the directory holds them; a phone-like query becomes one run of digits. */
export function searchWords(query: string): string[] {
  const q = query.trim().toLocaleLowerCase('de');
  if (!q) return [];
  // International prefix 00 is held without it (see phoneTerms in derived.ts).
  if (/^[+\d][\d\s()/.-]*$/.test(q) && /\d/.test(q)) return [q.replace(/\D/g, '').replace(/^00/, '')];
  return [...new Set(q.split(/[\s,;/()]+/).filter(Boolean))];
}

/** Name order as the old sortName index had it (code units), ties by id. */
const byName = (a: DirectoryEntry, b: DirectoryEntry) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function insertSorted(list: DirectoryEntry[], entry: DirectoryEntry): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byName(list[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, entry);
}

export class PersonDirectory {
  private entries = new Map<string, DirectoryEntry>();
  private sorted: DirectoryEntry[] | null = null;
  private listeners = new Set<() => void>();
  private building: Promise<void> | null = null;
  private generation = 0;
  state: DirectoryState = { status: 'empty' };
  /** Changes whenever the content or the state changes (for useSyncExternalStore). */
  version = 0;

  constructor(private readonly db: ConsentbookDB) {
    Dexie.on('storagemutated', (parts) => this.onMutated(parts));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** Drops everything (sign-out): the directory holds names. */
  reset(): void {
    this.generation++;
    this.entries.clear();
    this.sorted = null;
    this.building = null;
    this.state = { status: 'empty' };
    this.changed();
  }

  /** Builds once per sign-in; later calls wait for the same build. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    const total = await countStoredPersons(this.db);
    this.state = { status: 'building', done: 0, total };
    this.changed();
    try {
      // Usually the stored buckets hold every person; else (a restore, a database from before
      // the buckets, persons written below the app) every person is opened and the buckets written.
      const entries = (await this.fromBuckets(total)) ?? (await this.fromPersons(total, generation));
      if (generation !== this.generation) return;
      this.entries = entries;
      this.sorted = null;
      this.state = { status: 'ready' };
    } catch (error) {
      // Not retried on its own (that could loop): the next sign-in builds anew.
      if (generation !== this.generation) return;
      this.state = { status: 'failed', error };
      this.changed();
      throw error;
    }
    this.changed();
  }

  private async fromBuckets(total: number): Promise<Map<string, DirectoryEntry> | null> {
    const stored = await rawConnection(this.db).table('directory').toArray();
    const buckets = await openStored<DirectoryBucket>(this.db, 'directory', stored, 'bucket');
    const entries = new Map<string, DirectoryEntry>();
    for (const b of buckets) for (const e of b.entries) entries.set(e.id, e);
    return entries.size === total ? entries : null;
  }

  private async fromPersons(total: number, generation: number): Promise<Map<string, DirectoryEntry>> {
    const entries = new Map<string, DirectoryEntry>();
    await forEachPersonChunk(this.db, (persons, done) => {
      if (generation !== this.generation) throw new Dexie.AbortError('directory reset while building');
      for (const p of persons) entries.set(p.id, entryOf(p));
      this.state = { status: 'building', done, total: Math.max(total, done) };
      this.changed();
    });
    const buckets = new Map<number, DirectoryBucket>();
    for (const e of entries.values()) {
      const b = bucketOf(e.id);
      if (!buckets.has(b)) buckets.set(b, { bucket: b, entries: [] });
      buckets.get(b)!.entries.push(e);
    }
    // Sealed by the sealing layer like any record; no rule guards the directory (it is derived).
    await this.db.transaction('rw', this.db.directory, async () => {
      await this.db.directory.clear();
      await this.db.directory.bulkPut([...buckets.values()]);
    });
    return entries;
  }

  private onMutated(parts: ObservabilitySet): void {
    if (this.state.status === 'empty') return;
    const part = parts[`idb://${this.db.name}/persons/`];
    if (!part) return;
    const ids = singleKeys(part as TreeNode);
    if (ids) void this.apply(ids);
    else {
      // A range (a clear, a restore): read everything again.
      this.reset();
      void this.ready().catch(() => undefined);
    }
  }

  /** Re-reads the given persons (added, changed or gone). */
  async apply(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    if (this.building && this.state.status === 'building') await this.building.catch(() => undefined);
    const generation = this.generation;
    const persons = await this.db.persons.bulkGet([...ids]);
    if (generation !== this.generation) return;
    ids.forEach((id, i) => {
      const old = this.entries.get(id);
      const person = persons[i];
      if (old && this.sorted) this.sorted.splice(this.sorted.indexOf(old), 1);
      if (!person) {
        this.entries.delete(id);
        return;
      }
      const entry = entryOf(person);
      this.entries.set(id, entry);
      if (this.sorted) insertSorted(this.sorted, entry);
    });
    this.changed();
  }

  get size(): number {
    return this.entries.size;
  }

  /** What the list shows of a person. */
  entry(id: string): DirectoryEntry | undefined {
    return this.entries.get(id);
  }

  /** Every person's id in name order. */
  orderedIds(): string[] {
    return this.orderedEntries().map((e) => e.id);
  }

  private orderedEntries(): DirectoryEntry[] {
    this.sorted ??= [...this.entries.values()].sort(byName);
    return this.sorted;
  }

  /** The ids in name order of the persons matching every word of the query by prefix; at most `limit`. */
  search(query: string, limit = SEARCH_LIMIT): { ids: string[]; truncated: boolean } {
    const words = searchWords(query);
    if (words.length === 0) return { ids: [], truncated: false };
    const ids: string[] = [];
    for (const e of this.orderedEntries()) {
      if (words.every((w) => e.terms.some((t) => t.startsWith(w)))) {
        if (ids.length === limit) return { ids, truncated: true };
        ids.push(e.id);
      }
    }
    return { ids, truncated: false };
  }
}

/** A node of the interval tree Dexie reports changed keys in (a plain object when it comes from another tab). */
interface TreeNode {
  from?: unknown;
  to?: unknown;
  l?: TreeNode | null;
  r?: TreeNode | null;
}

/** The single keys of the tree, or null when it holds a range. */
function singleKeys(node: TreeNode | null | undefined, out: string[] = []): string[] | null {
  if (!node || !('from' in node)) return out;
  if (node.from !== node.to || typeof node.from !== 'string') return null;
  if (!singleKeys(node.l, out)) return null;
  out.push(node.from);
  return singleKeys(node.r, out);
}

const directories = new WeakMap<ConsentbookDB, PersonDirectory>();

export function directoryOf(db: ConsentbookDB): PersonDirectory {
  let d = directories.get(db);
  if (!d) directories.set(db, (d = new PersonDirectory(db)));
  return d;
}
