/**
 * The directory's stored snapshot (buckets.ts): written from memory after a build from the
 * persons, and the buckets that saves touched flushed a while after the last save. Each entry is
 * sealed under its person's secret and each bucket under the record key, before the write's
 * transaction opens.
 */
import type { ConsentbookDB } from '../db';
import { rawConnection } from '../db';
import { nextIdle, nextSlice } from '../core/nextTask';
import { DIRECTORY_BUCKETS, type DirectoryEntry } from '../core/derived';
import { loadPersonSecrets } from './bulkRead';
import { entriesByBucket } from './bucketEntries';
import { encodeBucket, sealBuckets } from './buckets';

/** Changes reach the stored buckets this long after the last one. */
const FLUSH_AFTER_MS = 2_000;

export class SnapshotWriter {
  private dirty = new Set<number>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  /** `entries`: the directory's entries now; `generation`: changes at each reset (a write of an older one is dropped). */
  constructor(
    private readonly db: ConsentbookDB,
    private readonly entries: () => Iterable<DirectoryEntry>,
    private readonly generation: () => number,
  ) {}

  /** Sign-out: unwritten changes are not lost, the next sign-in finds them by `updatedAt`. */
  drop(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.dirty.clear();
  }

  markDirty(buckets: Iterable<number>): void {
    for (const b of buckets) this.dirty.add(b);
    if (this.dirty.size === 0 || this.flushTimer) return;
    // A burst of saves (an import) becomes one write of the buckets it touched.
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const buckets = [...this.dirty];
      this.dirty.clear();
      void this.write(new Set(buckets)).catch(() => undefined);
    }, FLUSH_AFTER_MS);
  }

  /**
   * Writes buckets (all, or those given) from memory. Persons erased meanwhile (a tombstone) are
   * left out, so a stale view never writes an erased person's name back.
   */
  async write(which: Set<number> | null): Promise<void> {
    const generation = this.generation();
    const current = () => generation === this.generation();
    const raw = rawConnection(this.db);
    const erased = new Set(await raw.erasures.toCollection().primaryKeys());
    const savedAt = new Date().toISOString();
    // Every bucket, empty ones too: a bucket missing at sign-in means persons to look for (directory.ts fromBuckets).
    const all = Array.from({ length: DIRECTORY_BUCKETS }, (_, i) => i);
    // A flush in idle time; the first build's whole snapshot in tasks, which always come (a busy page may get no idle time for minutes).
    const slice = which ? nextIdle : nextSlice;
    const buckets = await entriesByBucket(this.entries(), which ?? all, erased, current, slice);
    if (!buckets) return;
    const keyring = this.db.keyring;
    await loadPersonSecrets(
      this.db,
      [...buckets.values()].flat().map((e) => e.id),
    );
    const contents: { bucket: number; content: Uint8Array }[] = [];
    // A few buckets (~100 rows, each sealed) a slice: a save under way would wait for it.
    let hasTime = await slice();
    for (const [bucket, entries] of buckets) {
      if (!hasTime()) hasTime = await slice();
      if (!current()) return;
      contents.push({ bucket, content: encodeBucket(entries, (id) => keyring.personSecret(id), savedAt) });
    }
    const records = await sealBuckets(keyring, contents);
    if (!current()) return;
    await raw.transaction('rw', raw.directory, async () => {
      if (!which) await raw.directory.clear();
      await raw.directory.bulkPut(records);
    });
  }
}
