/**
 * When and how the directory image (image.ts) is written: from memory, once the directory is
 * complete and indexed, in idle time. Not after every save — a sign-in reads the persons changed
 * since the image anyway (by `updatedAt`), and 40 MB written per save would wear a tablet's flash —
 * but when there is no valid image (none yet, or an erasure or a sync deleted its secret) or
 * enough persons changed since that reading them again would cost more than a write.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { nextIdle } from '../core/nextTask';
import type { DirectoryEntry } from '../core/derived';
import type { SearchIndex } from './searchIndex';
import { captureEntries, capturePart, type CapturedPart } from './imageCapture';
import { IMAGE_KEY, keepsImages, writeImage, writesOnItsOwn } from './image';

/** A write waits this long after the last change, so a burst of saves (an import) becomes one. */
const WRITE_AFTER_MS = 5_000;
/** Persons changed since the image above which it is written anew (each costs a read and an open at sign-in). */
export const IMAGE_STALE_ABOVE = 500;
/** Entries captured per idle slice. */
const CAPTURE_PER_SLICE = 2_000;

/** What the image is made of: the entries in name order (a copy), the search index in use if complete. */
export interface ImageSource {
  ordered: readonly DirectoryEntry[];
  index: SearchIndex | null;
}

export class ImageWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  /** Persons changed since the image in use or last written (those read again at sign-in included). */
  private stale = 0;

  constructor(
    private readonly db: ConsentbookDB,
    /** The directory now; null while it is not complete. */
    private readonly source: () => ImageSource | null,
    /** Resolves once the changes the directory heard of are in it. */
    private readonly settled: () => Promise<void>,
    private readonly generation: () => number,
  ) {}

  /** Sign-out: nothing written from the view that was. */
  drop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stale = 0;
  }

  /** The directory was built: from an image `changedSince` persons old, or (null) not from one. */
  built(changedSince: number | null): void {
    this.stale = changedSince ?? Infinity;
    this.changed(0);
  }

  /** Persons changed in the directory: a write is checked for a while after the last. */
  changed(count: number): void {
    this.stale += count;
    if (!writesOnItsOwn()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.writeIfDue()).catch(() => undefined);
    }, WRITE_AFTER_MS);
  }

  private async writeIfDue(): Promise<void> {
    if (!keepsImages()) return;
    const valid = !!(await rawConnection(this.db).directoryKeys.get(IMAGE_KEY));
    if (valid && this.stale <= IMAGE_STALE_ABOVE) return;
    await this.write();
  }

  /** Writes the image of the directory as it is now; false when it did not (reset, no directory, an erasure meanwhile). */
  async write(): Promise<boolean> {
    const generation = this.generation();
    const current = () => generation === this.generation();
    const erased = new Set(await rawConnection(this.db).erasures.toCollection().primaryKeys());
    await this.settled();
    const source = this.source();
    if (!source || !current()) return false;
    // Taken now, with the time: persons changed from here on are read again at sign-in.
    const savedAt = new Date().toISOString();
    const staleBefore = this.stale;
    this.stale = 0;
    const written = await this.writeFrom(source, erased, savedAt, current);
    if (!written && current()) {
      this.stale += staleBefore;
      // A person erased meanwhile: written again, from the directory without them.
      this.changed(0);
    }
    return written;
  }

  private async writeFrom(
    source: ImageSource,
    erased: ReadonlySet<string>,
    savedAt: string,
    current: () => boolean,
  ): Promise<boolean> {
    const ordered = source.ordered.filter((e) => !erased.has(e.id));
    const index = source.index;
    const changed = index ? [...index.changed] : [];
    const turn = async () => {
      await nextIdle();
      return current();
    };
    const captured = await captureEntries(ordered, turn, CAPTURE_PER_SLICE);
    if (!captured) return false;
    const parts: CapturedPart[] = [];
    if (index) {
      const place = new Map<DirectoryEntry, number>();
      for (let i = 0; i < ordered.length; i++) {
        if (i > 0 && i % (10 * CAPTURE_PER_SLICE) === 0 && !(await turn())) return false;
        place.set(ordered[i], i);
      }
      // A slot whose entry is not in the image as it is (changed since, or gone) counts for nobody.
      for (const part of index.parts) {
        if (!(await turn())) return false;
        const taken = await capturePart(
          part.packed,
          Int32Array.from(part.slots, (e) => place.get(e) ?? -1),
          turn,
        );
        if (!taken) return false;
        parts.push(taken);
      }
    }
    if (!current()) return false;
    return writeImage(this.db, { captured, savedAt, changed, parts }, erased);
  }
}
