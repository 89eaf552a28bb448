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
import { countStoredPersons, openStored, unaccounted } from './bulkRead';
import { dropReadAhead, readStart, takeReadAhead, type StoredBucket } from './readAhead';
import { forEachPersonChunk } from './personChunks';
import { SnapshotWriter } from './snapshot';
import { putEntry, RESORT_ABOVE, type Built } from './built';
import { openFirst } from './firstBuckets';
import { fromImage } from './imageLoad';
import { ImageWriter } from './imageWriter';
import { byName, mergeByNameInTurns } from './bucketRows';
import type { KeyedBucket } from './bucketLoad';
import { indexEntries, rowReader, type RowReader } from './rowReader';
import { singleKeys, type TreeNode } from './changedKeys';
import { rawConnection, type ConsentbookDB } from '../db';
import { onCommitted, type CommittedValues } from '../middleware/stored';
import { nextTask } from '../core/nextTask';
import { bucketOf, DIRECTORY_BUCKETS, entryOf, type DirectoryEntry } from '../core/derived';
import { queryNeedles } from './query';
import { indexedSearch, scanSearch, type IndexPart, type SearchIndex } from './searchIndex';

export type { DirectoryEntry };
export { queryNeedles, searchWords } from './query';

export type DirectoryState =
  | { status: 'empty' }
  /** total: null until known (from the stored buckets' headers, or counted when the directory is derived from every person). */
  | { status: 'building'; done: number; total: number | null }
  | { status: 'ready' }
  | { status: 'failed'; error: unknown };

/** Enough hits for anyone to refine the search instead of scrolling. */
export const SEARCH_LIMIT = 500;
/**
 * Buckets per read of the stored directory, after the first ones (readAhead.ts readFirst). Each
 * read's answer is taken in one task of the main thread: 128 buckets (about 1.8 MB at 100,000
 * persons) took 140–170 ms there, 32 take a quarter, and the build is no slower.
 */
const LATER_READS = 32;
/** Per task, so the main thread stays responsive: persons derived when all are read. */
const DERIVE_PER_TASK = 250;
/** Persons changed since the search index was built, checked one by one; above this many it is built anew. */
const REINDEX_ABOVE = 2_000;

export class PersonDirectory {
  private entries = new Map<string, DirectoryEntry>();
  private sorted: DirectoryEntry[] | null = null;
  private listeners = new Set<() => void>();
  private building: Promise<void> | null = null;
  private reader: RowReader | undefined;
  /** The search index, once built after the directory is complete (until then a scan answers). */
  private index: SearchIndex | null = null;
  private indexing: Promise<void> | null = null;
  /** Persons changed since the index being built or in use was started. */
  private changedSinceIndex: Set<string> | null = null;
  private generation = 0;
  state: DirectoryState = { status: 'empty' };
  /** Changes whenever the content or the state changes. */
  version = 0;
  /**
   * Changes with the version and with a build's progress (for useSyncExternalStore): the progress
   * alone leaves the version, so a list computed from the content is not computed again for it.
   */
  signal = 0;

  /** What this tab's commit stored in `persons`, handed over just before its `storagemutated`, which takes it (stored.ts). */
  private committed: CommittedValues | undefined;
  private applying = Promise.resolve();
  private readonly snapshot: SnapshotWriter;
  private readonly image: ImageWriter;
  /** Where the last build came from (the bench's details; the tests). */
  builtFrom: 'image' | 'buckets' | 'persons' | null = null;
  /** Built from the image: the persons changed since, read again. */
  readAgain = 0;
  constructor(private readonly db: ConsentbookDB) {
    this.snapshot = new SnapshotWriter(
      db,
      () => this.entries.values(),
      () => this.generation,
    );
    this.image = new ImageWriter(
      db,
      () =>
        this.state.status === 'ready'
          ? {
              ordered: this.orderedEntries().slice(),
              // The index in use, unless a newer one is being built (the image would hold the older).
              index: this.index && this.index.changed === this.changedSinceIndex ? this.index : null,
            }
          : null,
      () => this.applying,
      () => this.generation,
    );
    onCommitted(db.name, 'persons', (values) => (this.committed = values));
    Dexie.on('storagemutated', (parts) => this.onMutated(parts));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.version++;
    this.notify();
  }

  private notify(): void {
    this.signal++;
    for (const l of this.listeners) l();
  }

  /** While building from the buckets: how many persons are read so far (the progress; the content shown stays). */
  private progressed(done: number, generation: number): void {
    if (generation !== this.generation || this.state.status !== 'building') return;
    const { total } = this.state;
    this.state = { status: 'building', done, total: total === null ? null : Math.max(total, done) };
    this.notify();
  }

  /** Drops everything (sign-out): the directory holds names. */
  reset(): void {
    this.generation++;
    this.snapshot.drop();
    this.image.drop();
    this.builtFrom = null;
    this.reader?.close();
    this.entries.clear();
    this.sorted = null;
    this.index = null;
    this.indexing = null;
    this.changedSinceIndex = null;
    this.building = null;
    dropReadAhead(this.db);
    this.state = { status: 'empty' };
    this.changed();
  }

  /**
   * The search index of the persons as they are now, built off the main thread; persons changed
   * meanwhile are noted (apply) and checked one by one until the next build.
   */
  private startIndex(): void {
    const slots = this.orderedEntries().slice();
    this.adoptIndex(
      indexEntries(slots).then((packed) => [{ packed, slots }]),
      new Set(),
    );
  }

  /**
   * Takes the index being built (by the row workers, or startIndex) once it is done, unless a
   * newer one was started; `changed`: the persons its parts do not hold as they are now (apply adds to it).
   */
  private adoptIndex(parts: Promise<IndexPart[]>, changed: Set<string>, retry?: () => void): void {
    const generation = this.generation;
    this.changedSinceIndex = changed;
    const current = () => generation === this.generation && this.changedSinceIndex === changed;
    this.indexing = parts.then(
      (built) => {
        if (current()) this.index = { parts: built, changed };
      },
      // The scan keeps answering (the next change or sign-in tries again); the row workers' index is
      // built anew from the entries.
      () => {
        if (current()) retry?.();
      },
    );
  }

  /** Resolves when the directory is complete and its search index built (or failed: the scan answers). */
  async searchReady(): Promise<void> {
    await this.ready();
    while (this.indexing) {
      const indexing = this.indexing;
      await indexing;
      if (this.indexing === indexing) return;
    }
  }

  /** Builds once per sign-in; later calls wait for the same build. */
  ready(): Promise<void> {
    this.building ??= this.build();
    return this.building;
  }

  private async build(): Promise<void> {
    const generation = this.generation;
    const { bucketKeys, secrets, first, image } = await (takeReadAhead(this.db) ?? readStart(this.db));
    this.state = { status: 'building', done: 0, total: null };
    this.changed();
    try {
      // Usually the image holds every person but those changed since (read again); without a
      // valid one, the stored buckets; else (a restore, a database from before the buckets or of
      // their earlier format, persons written below the app) every person is opened and the
      // buckets written.
      const stored = image;
      const built =
        (stored &&
          (await fromImage(this.db, stored, {
            first: () => openFirst(this.db.keyring.recordKey(), first, secrets),
            show: (entries, total) => this.showSoFar(entries, total),
            current: () => generation === this.generation,
          }))) ??
        (await this.fromBuckets(bucketKeys, secrets, generation, first)) ??
        (await this.fromPersons(await countStoredPersons(this.db), generation));
      if (generation !== this.generation) return;
      this.entries = built.entries;
      this.sorted = built.sorted;
      this.state = { status: 'ready' };
      this.builtFrom = built.from;
      this.readAgain = built.readAgain ?? 0;
      if (built.from !== 'persons') void this.checkCount(generation).catch(() => undefined);
      if (built.index) this.adoptIndex(built.index.parts, built.index.changed, () => this.startIndex());
      else this.startIndex();
      // Written once the index is there (it is part of the image); from an image, only when due.
      void this.searchReady().then(() => {
        if (generation === this.generation) this.image.built(built.from === 'image' ? (built.readAgain ?? 0) : null);
      });
    } catch (error) {
      // Not retried on its own (that could loop): the next sign-in builds anew.
      if (generation !== this.generation) return;
      this.state = { status: 'failed', error };
      this.changed();
      throw error;
    }
    this.changed();
  }

  /**
   * While building: what is known so far becomes visible (the list shows its first rows), with the
   * number of persons the stored buckets were written for (their headers; null when none says).
   */
  private showSoFar(entries: Map<string, DirectoryEntry>, total: number | null): void {
    this.entries = entries;
    this.sorted = null;
    this.state = {
      status: 'building',
      done: entries.size,
      total: total === null ? null : Math.max(total, entries.size),
    };
    this.changed();
  }

  /**
   * After a build from the stored buckets: whether they held every stored person. Counted once the
   * directory is ready, not beside its reads — IndexedDB counts key by key and answers no other
   * request meanwhile, which held the build back ~0.2 s at 100,000 persons. Persons written below
   * the app (added without a bucket, or gone while their bucket still names them) are read then,
   * as any change is (apply). Buckets missing or out of date are found before ready (fromBuckets).
   */
  private async checkCount(generation: number): Promise<void> {
    const count = await countStoredPersons(this.db);
    if (generation !== this.generation || count === this.entries.size) return;
    const { unread, gone } = await unaccounted(this.db, this.entries);
    if (generation !== this.generation) return;
    if (unread.length + gone.length > 0) await this.apply([...unread, ...gone]);
  }

  /**
   * The stored buckets, brought up to date: persons changed or added since are found by the
   * plain `updatedAt` index and opened. Only when a bucket is missing (one an erasure or a sync
   * deleted) are all persons' keys compared; persons written below the app are found by the
   * count after the build (checkCount). The first buckets read are shown at once (a screen of rows while the rest loads);
   * the rest are read by the row reader, off the main thread. Null when there is no snapshot, it
   * is of an earlier format, or so old that opening everyone is as quick.
   */
  private async fromBuckets(
    bucketKeys: number[],
    secrets: Map<number, Uint8Array>,
    generation: number,
    first: StoredBucket[],
  ): Promise<Built | null> {
    if (bucketKeys.length === 0) return null;
    const raw = rawConnection(this.db);
    const entries = new Map<string, DirectoryEntry>();
    // Started once the first rows show: the workers load while the list mounts.
    let reader: RowReader | undefined;
    const readerOf = () => (reader ??= this.reader = rowReader(this.db));
    let handedOver = false;
    try {
      // The first buckets on this thread, alone: not queued behind larger reads.
      const shown = await openFirst(this.db.keyring.recordKey(), first, secrets);
      if (generation !== this.generation) throw new Dexie.AbortError('directory reset while building');
      if (!shown) return null;
      const { opened, read: firstRead } = shown;
      let { savedAt } = shown;
      for (const e of firstRead) entries.set(e.id, e);
      this.showSoFar(new Map(entries), shown.persons);
      // Ordered and indexed with the rest, by a worker.
      const added = readerOf().add(firstRead);
      added.catch(() => undefined);
      const firstKeys = new Set(opened.map((b) => b.bucket));
      // The buckets read: stored and with their secret. Any other is missing and written anew.
      const present = new Set(firstKeys);
      const rest = bucketKeys.filter((b) => !firstKeys.has(b));
      const stored: Promise<KeyedBucket[]>[] = [];
      for (let from = 0; from < rest.length; from += LATER_READS) {
        const keys = rest.slice(from, from + LATER_READS);
        // One getAll over the keys' range (the first buckets' keys are left out again).
        const read = raw.directory
          .where(':id')
          .between(keys[0], keys[keys.length - 1], true, true)
          .toArray()
          .then((found) =>
            found.flatMap((b) => {
              const secret = secrets.get(b.bucket);
              if (!secret || firstKeys.has(b.bucket)) return [];
              present.add(b.bucket);
              return [{ ...b, secret }];
            }),
          );
        read.catch(() => undefined);
        stored.push(read);
      }
      // The workers read each part's rows as it comes.
      const reading = readerOf().read(stored, (got) => {
        if (generation !== this.generation) return;
        for (const e of got) entries.set(e.id, e);
        this.progressed(entries.size, generation);
      });
      reading.catch(() => undefined);
      const { savedAt: restAt, current: allCurrent } = await reading;
      if (restAt < savedAt) savedAt = restAt;
      await added;
      if (generation !== this.generation) throw new Dexie.AbortError('directory reset while building');
      if (!allCurrent) return null;
      const changed = await raw.persons.where('updatedAt').aboveOrEqual(savedAt).primaryKeys();
      const stale = new Set(changed);
      const missing = new Set(Array.from({ length: DIRECTORY_BUCKETS }, (_, b) => b));
      for (const b of present) missing.delete(b);
      let removed: string[] = [];
      // Every stored person compared only when a bucket is missing; persons written below the app
      // are found by the count once the directory is ready (checkCount).
      if (missing.size > 0) {
        const { unread, gone } = await unaccounted(this.db, entries);
        for (const id of unread) stale.add(id);
        removed = gone;
      }
      if (stale.size > entries.size / 2) return null;
      const ids = [...stale];
      const reread = await openStored<Person | undefined>(this.db, 'persons', await raw.persons.bulkGet(ids));
      if (generation !== this.generation) throw new Dexie.AbortError('directory reset while building');
      for (const id of removed) entries.delete(id);
      const fresh: DirectoryEntry[] = [];
      reread.forEach((p, i) => {
        if (!p) return entries.delete(ids[i]);
        const entry = entryOf(p);
        entries.set(p.id, entry);
        fresh.push(entry);
      });
      const replaced = [...ids, ...removed];
      // The workers leave out the persons read again (and those gone); their entries are `fresh`.
      const orders = await readerOf().order(replaced);
      this.snapshot.markDirty([...replaced.map(bucketOf), ...missing]);
      if (!orders) return { entries, sorted: null, index: null, from: 'buckets' };
      // Slot i of a worker's index will be the i-th entry of its order.
      const parts = orders;
      // 10,000 names a turn: the default's 20,000 made the last turn, with what follows it, a long task.
      const sorted = await mergeByNameInTurns([...parts, fresh.sort(byName)], nextTask, 10_000);
      const packed = readerOf().index();
      handedOver = true;
      return {
        entries,
        sorted,
        from: 'buckets',
        index: {
          parts: packed.then((indexes) => (indexes ?? []).map((p, w) => ({ packed: p, slots: parts[w] }))),
          changed: new Set(replaced),
        },
      };
    } finally {
      // Once the index is asked for, the workers end when they have given it.
      if (!handedOver) {
        reader?.close();
        if (this.reader === reader) this.reader = undefined;
      }
    }
  }

  private async fromPersons(total: number, generation: number): Promise<Built> {
    const entries = new Map<string, DirectoryEntry>();
    await forEachPersonChunk(this.db, async (persons, done) => {
      if (generation !== this.generation) throw new Dexie.AbortError('directory reset while building');
      for (let i = 0; i < persons.length; i += DERIVE_PER_TASK) {
        for (const p of persons.slice(i, i + DERIVE_PER_TASK)) entries.set(p.id, entryOf(p));
        await nextTask();
      }
      this.state = { status: 'building', done, total: Math.max(total, done) };
      this.changed();
    });
    this.entries = entries;
    await this.snapshot.write(null);
    return { entries, sorted: null, index: null, from: 'persons' };
  }

  /** `parts`: what a write touched, by table — the persons, or not. */
  private onMutated(parts: Partial<ObservabilitySet>): void {
    const committed = this.committed;
    this.committed = undefined;
    if (this.state.status === 'empty') return;
    const part = parts[`idb://${this.db.name}/persons/`];
    if (!part) return;
    const ids = singleKeys(part as TreeNode);
    if (ids) void this.apply(ids, committed);
    else {
      // A range (a clear, a restore): read everything again.
      this.reset();
      void this.ready().catch(() => undefined);
    }
  }

  /** Persons added, changed or gone, as this tab's commit stored them, else read and opened anew;
   * one change after another, so a read answered late cannot undo a newer commit. */
  apply(ids: readonly string[], committed?: CommittedValues): Promise<void> {
    return (this.applying = this.applying.then(() => this.applyNow(ids, committed)).catch(() => undefined));
  }

  private async applyNow(ids: readonly string[], committed: CommittedValues | undefined): Promise<void> {
    if (ids.length === 0) return;
    if (this.building && this.state.status === 'building') await this.building.catch(() => undefined);
    const generation = this.generation;
    const unknown = ids.filter((id) => !committed?.has(id));
    const found = unknown.length ? await this.db.persons.bulkGet(unknown) : [];
    const read = new Map(unknown.map((id, i) => [id, found[i]]));
    if (generation !== this.generation) return;
    const persons = ids.map((id) => (committed?.get(id) as Person | undefined) ?? read.get(id));
    this.snapshot.markDirty(ids.map(bucketOf));
    // The index in use and the one being built (when another) check these persons one by one.
    for (const id of ids) {
      this.index?.changed.add(id);
      this.changedSinceIndex?.add(id);
    }
    this.image.changed(ids.length);
    // Many at once (an import): sorting anew once costs less than an insertion each.
    if (ids.length > RESORT_ABOVE) this.sorted = null;
    ids.forEach((id, i) => putEntry(this.entries, this.sorted, id, persons[i]));
    if (this.state.status === 'ready' && (this.changedSinceIndex?.size ?? 0) > REINDEX_ABOVE) this.startIndex();
    this.changed();
  }

  /** Writes the directory image now (it is otherwise written in idle time when due: imageWriter.ts); whether it did. */
  writeImage(): Promise<boolean> {
    return this.image.write();
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
    const needles = queryNeedles(query);
    if (needles.length === 0) return { ids: [], truncated: false };
    // The index once built (searchIndex.ts: binary-searched prefixes); until then, and while the
    // directory still loads, the scan over every person.
    if (this.index && this.state.status === 'ready')
      return indexedSearch(this.index, (id) => this.entries.get(id), needles, limit, keep);
    return scanSearch(this.orderedEntries(), needles, limit, keep);
  }
}

const directories = new WeakMap<ConsentbookDB, PersonDirectory>();

export function directoryOf(db: ConsentbookDB): PersonDirectory {
  let d = directories.get(db);
  if (!d) directories.set(db, (d = new PersonDirectory(db)));
  return d;
}
