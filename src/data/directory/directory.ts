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
import type { Person } from '../../domain/person';
import { countStoredPersons, forEachPersonChunk, loadPersonSecrets, openStored } from './bulkRead';
import { encodeBucket, openBuckets, sealBuckets } from './buckets';
import { rawConnection, type ConsentbookDB } from '../db';
import { bucketOf, entryOf, SEARCH_TERMS_VERSION, type DirectoryBucket, type DirectoryEntry } from '../core/derived';
import { foldForSearch } from '../../domain/searchFold';

export type { DirectoryEntry };

export type DirectoryState =
  | { status: 'empty' }
  | { status: 'building'; done: number; total: number }
  | { status: 'ready' }
  | { status: 'failed'; error: unknown };

/** Enough hits for anyone to refine the search instead of scrolling. */
export const SEARCH_LIMIT = 500;
/** Changes reach the stored buckets this long after the last one. */
const FLUSH_AFTER_MS = 2_000;
/** Buckets read first (a screen of rows at once), then per read: a few round trips for all 1,024. */
const FIRST_READ = 16;
const LATER_READS = 256;

/** The words of a query, lower-cased (each is folded when searched); a phone-like query becomes one run of digits. */
export function searchWords(query: string): string[] {
  const q = query.trim().toLocaleLowerCase('de');
  if (!q) return [];
  // International prefix 00 is held without it (see phoneTerms in derived.ts).
  if (/^[+\d][\d\s()/.-]*$/.test(q) && /\d/.test(q)) return [q.replace(/\D/g, '').replace(/^00/, '')];
  return [...new Set(q.split(/[\s,;/()]+/).filter(Boolean))];
}

/** Name order as the old sortName index had it (code units), ties by id. */
const byName = (a: DirectoryEntry, b: DirectoryEntry) =>
  a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function insertSorted(list: DirectoryEntry[], entry: DirectoryEntry): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byName(list[mid], entry) < 0) lo = mid + 1;
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
    // Unwritten changes are not lost: the next sign-in finds them by `updatedAt`.
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.dirty.clear();
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
      const entries = (await this.fromBuckets(total, generation)) ?? (await this.fromPersons(total, generation));
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

  /** While building: what is known so far becomes visible (the list shows its first rows). */
  private showSoFar(entries: Map<string, DirectoryEntry>, total: number): void {
    this.entries = entries;
    this.sorted = null;
    this.state = { status: 'building', done: entries.size, total: Math.max(total, entries.size) };
    this.changed();
  }

  /**
   * The stored buckets, brought up to date: persons added or removed since are found by their
   * keys, persons changed since by the plain `updatedAt` index; only those are opened. The first
   * buckets read are shown at once (a screen of rows while the rest loads). Null when there is no
   * snapshot, or it is so old that opening everyone is as quick.
   */
  private async fromBuckets(total: number, generation: number): Promise<Map<string, DirectoryEntry> | null> {
    const raw = rawConnection(this.db);
    const bucketKeys = (await raw.directory.toCollection().primaryKeys()) as number[];
    if (bucketKeys.length === 0) return null;
    const entries = new Map<string, DirectoryEntry>();
    const olderForm: number[] = [];
    let savedAt = '9999';
    for (let from = 0, size = FIRST_READ; from < bucketKeys.length; from += size, size = LATER_READS) {
      const stored = await raw.directory.bulkGet(bucketKeys.slice(from, from + size));
      const buckets = await openBuckets(
        this.db.keyring,
        stored.filter((b): b is DirectoryBucket => !!b),
        (ids) => loadPersonSecrets(this.db, ids),
      );
      if (generation !== this.generation) throw new Dexie.AbortError('directory reset while building');
      // Search words of another form (an older version of the app): every person is derived anew.
      if (buckets.some((b) => b.termsVersion !== SEARCH_TERMS_VERSION)) return null;
      for (const b of buckets) {
        for (const e of b.entries) entries.set(e.id, e);
        if (b.savedAt < savedAt) savedAt = b.savedAt;
        if (b.format === 1) olderForm.push(b.bucket);
      }
      if (from === 0) this.showSoFar(new Map(entries), total);
    }
    const [keys, changed] = await Promise.all([
      raw.persons.toCollection().primaryKeys() as Promise<string[]>,
      raw.persons.where('updatedAt').aboveOrEqual(savedAt).primaryKeys() as Promise<string[]>,
    ]);
    const present = new Set(keys);
    const stale = new Set([...changed, ...keys.filter((id) => !entries.has(id))]);
    if (stale.size > total / 2) return null;
    const removed = [...entries.keys()].filter((id) => !present.has(id));
    for (const id of removed) entries.delete(id);
    const opened = await openStored<Person | undefined>(this.db, 'persons', await raw.persons.bulkGet([...stale]));
    for (const p of opened) if (p) entries.set(p.id, entryOf(p));
    this.entries = entries;
    this.markDirty([...[...stale, ...removed].map(bucketOf), ...olderForm]);
    return entries;
  }

  private async fromPersons(total: number, generation: number): Promise<Map<string, DirectoryEntry>> {
    const entries = new Map<string, DirectoryEntry>();
    await forEachPersonChunk(this.db, (persons, done) => {
      if (generation !== this.generation) throw new Dexie.AbortError('directory reset while building');
      for (const p of persons) entries.set(p.id, entryOf(p));
      this.state = { status: 'building', done, total: Math.max(total, done) };
      this.changed();
    });
    this.entries = entries;
    await this.writeBuckets(null);
    return entries;
  }

  // --- the stored snapshot -----------------------------------------------------------------

  private dirty = new Set<number>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  private markDirty(buckets: Iterable<number>): void {
    for (const b of buckets) this.dirty.add(b);
    if (this.dirty.size === 0 || this.flushTimer) return;
    // A burst of saves (an import) becomes one write of the buckets it touched.
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const buckets = [...this.dirty];
      this.dirty.clear();
      void this.writeBuckets(new Set(buckets)).catch(() => undefined);
    }, FLUSH_AFTER_MS);
  }

  /**
   * Writes buckets (all, or those given) from memory, each entry under its person's secret and
   * the bucket under the record key (buckets.ts), before the write's transaction opens. Persons
   * erased meanwhile (a tombstone) are left out, so a stale view never writes an erased person's
   * name back.
   */
  private async writeBuckets(which: Set<number> | null): Promise<void> {
    const generation = this.generation;
    const raw = rawConnection(this.db);
    const erased = new Set((await raw.erasures.toCollection().primaryKeys()) as string[]);
    const savedAt = new Date().toISOString();
    const buckets = new Map<number, DirectoryEntry[]>();
    for (const b of which ?? []) buckets.set(b, []);
    for (const e of this.entries.values()) {
      const b = bucketOf(e.id);
      if (which && !which.has(b)) continue;
      if (erased.has(e.id)) continue;
      let list = buckets.get(b);
      if (!list) buckets.set(b, (list = []));
      list.push(e);
    }
    const keyring = this.db.keyring;
    await loadPersonSecrets(
      this.db,
      [...buckets.values()].flat().map((e) => e.id),
    );
    const records = await sealBuckets(
      keyring,
      [...buckets].map(([bucket, entries]) => ({
        bucket,
        content: encodeBucket(entries, (id) => keyring.personSecret(id), savedAt, SEARCH_TERMS_VERSION),
      })),
    );
    if (generation !== this.generation) return;
    await raw.transaction('rw', raw.directory, async () => {
      if (!which) await raw.directory.clear();
      await raw.directory.bulkPut(records as never[]);
    });
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
    this.markDirty(ids.map(bucketOf));
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

  /**
   * The ids in name order of the persons matching every word of the query by prefix, in any of
   * its folded forms (foldForSearch: Muller, Mueller and Müller alike); at most `limit`.
   */
  search(query: string, limit = SEARCH_LIMIT, keep?: (id: string) => boolean): { ids: string[]; truncated: boolean } {
    const words = searchWords(query);
    if (words.length === 0) return { ids: [], truncated: false };
    const ids: string[] = [];
    // "\u0001word" in "\u0001term\u0001term…" is "a term starts with word": one native substring
    // search per word instead of a loop over the terms (several times faster at 100,000 persons).
    const needles = words.map((w) => foldForSearch(w).map((form) => SEPARATOR + form));
    for (const e of this.orderedEntries()) {
      // The list's filter first: the limit counts only persons it keeps.
      if (keep && !keep(e.id)) continue;
      const hay = haystackOf(e);
      if (needles.every((forms) => forms.some((n) => hay.includes(n)))) {
        if (ids.length === limit) return { ids, truncated: true };
        ids.push(e.id);
      }
    }
    return { ids, truncated: false };
  }
}

const SEPARATOR = '\u0001';
const haystacks = new WeakMap<DirectoryEntry, string>();

function haystackOf(e: DirectoryEntry): string {
  let hay = haystacks.get(e);
  if (hay === undefined) haystacks.set(e, (hay = SEPARATOR + e.terms.join(SEPARATOR)));
  return hay;
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
