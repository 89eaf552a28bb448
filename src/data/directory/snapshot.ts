/**
 * The directory's stored snapshot (buckets.ts): written from memory after a build from the
 * persons, and the buckets that saves touched flushed a while after the last save. Each bucket's
 * rows are encrypted under the bucket's secret and the bucket sealed under the record key, before
 * the write's transaction opens; the transaction writes only buckets whose secret is still the one
 * used and whose persons are not erased since (an erasure deletes both, sealing.ts).
 */
import type { ConsentbookDB } from '../db';
import { rawConnection } from '../db';
import { nextIdle, nextSlice } from '../core/nextTask';
import { DIRECTORY_BUCKETS, type DirectoryEntry } from '../core/derived';
import { sameBytes } from '../middleware/presealed';
import { entriesByBucket } from './bucketEntries';
import { BUCKET_SECRET, encodeBucket, sealBuckets } from './buckets';

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
   * left out, so a stale view never writes an erased person's name back. A bucket keeps its
   * secret; one without (new, or its person erased) gets a new one, and the whole snapshot new
   * ones for all — a deleted secret is never stored again, so no old copy under it opens.
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
    const sorted = await entriesByBucket(this.entries(), which ?? all, erased, current, slice);
    if (!sorted) return;
    const { buckets, persons } = sorted;
    const numbers = [...buckets.keys()];
    const known = which ? await raw.directoryKeys.bulkGet(numbers) : [];
    const secrets = numbers.map((bucket, i) => ({
      bucket,
      secret: known[i]?.secret ?? crypto.getRandomValues(new Uint8Array(BUCKET_SECRET)),
      fresh: !known[i],
    }));
    const contents: { bucket: number; content: Uint8Array }[] = [];
    // A few buckets (~100 rows) a slice: a save under way would wait for it.
    let hasTime = await slice();
    for (const { bucket, secret } of secrets) {
      if (!hasTime()) hasTime = await slice();
      if (!current()) return;
      contents.push({ bucket, content: encodeBucket(buckets.get(bucket) ?? [], secret, savedAt, persons) });
    }
    const records = await sealBuckets(this.db.keyring, contents);
    if (!current()) return;
    const retry: number[] = [];
    await raw.transaction('rw', raw.directory, raw.directoryKeys, raw.erasures, async () => {
      const [now, erasedNow] = await Promise.all([
        which ? raw.directoryKeys.bulkGet(numbers) : [],
        raw.erasures.toCollection().primaryKeys(),
      ]);
      const newlyErased = new Set(erasedNow.filter((id) => !erased.has(id)));
      const writable = secrets.filter(({ bucket, secret, fresh }, i) => {
        const stored = now[i];
        const sameSecret = !which || (fresh ? !stored : !!stored && sameBytes(stored.secret, secret));
        const ok = sameSecret && !(buckets.get(bucket) ?? []).some((e) => newlyErased.has(e.id));
        if (!ok) retry.push(bucket);
        return ok;
      });
      const written = new Set(writable.map((s) => s.bucket));
      if (!which) {
        await raw.directory.clear();
        await raw.directoryKeys.clear();
      }
      await raw.directoryKeys.bulkPut(
        writable.filter((s) => s.fresh).map(({ bucket, secret }) => ({ bucket, secret })),
      );
      await raw.directory.bulkPut(records.filter((r) => written.has(r.bucket)));
    });
    // Written again from memory as it is then (the erased person gone, the new secret read).
    if (retry.length) this.markDirty(retry);
  }
}
