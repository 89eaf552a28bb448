/** A sign-in's directory from the image (image.ts), brought up to date with the persons changed since. */
import Dexie from 'dexie';
import type { Person } from '../../domain/person';
import { entryOfRow, type DirectoryEntry } from '../core/derived';
import { forEachInTurns, nextTask } from '../core/nextTask';
import { rawConnection, type ConsentbookDB } from '../db';
import { openStored } from './bulkRead';
import { putEntry, RESORT_ABOVE, type Built } from './built';
import type { openFirst } from './firstBuckets';
import type { StoredImage } from './image';
import { unpackRowsInTurns } from './packedRows';
import type { IndexPart } from './searchIndex';

/** Entries made from the directory image per task (~40 ms each at 20,000). */
const UNPACK_PER_TASK = 20_000;
/**
 * Persons changed from this long before the image's time are read again: a commit of another tab
 * reaches this one's directory a moment after it (Dexie's `storagemutated` across tabs), maybe
 * after the image was taken. This tab's own changes are in the directory before (imageWriter.ts).
 */
const IMAGE_MARGIN_MS = 10_000;
/** Persons read again over an image in any case (a small book's every person may be changed within the margin). */
const READ_AGAIN_AT_LEAST = 1_000;

/** An index slot of the image whose person is gone or changed since: matches nobody (searchIndex.ts). */
const GONE: DirectoryEntry = Object.freeze(
  entryOfRow('', {
    firstName: '',
    lastName: '',
    organisation: '',
    email: '',
    city: '',
    phone: '',
    furtherPhones: [],
    kind: 'contact',
    locked: false,
  }),
);

/** What the directory gives a build from the image. */
export interface ImageBuild {
  /** The first buckets opened (readAhead.ts), shown while the image is decrypted. */
  first: () => ReturnType<typeof openFirst>;
  show: (entries: Map<string, DirectoryEntry>, total: number | null) => void;
  /** False once the directory was reset (a sign-out): the build stops. */
  current: () => boolean;
}

/**
 * The directory image (image.ts), brought up to date: persons changed since (from a margin
 * before its time, by the plain `updatedAt` index) are opened and put in place, as a change is.
 * The first buckets' rows show while it is decrypted. Null when it does not open (the buckets
 * are read) or so many changed that reading the buckets is as quick.
 */
export async function fromImage(db: ConsentbookDB, stored: StoredImage, build: ImageBuild): Promise<Built | null> {
  const opening = stored.open(db);
  opening.catch(() => undefined);
  const shown = await build.first().catch(() => null);
  if (!build.current()) throw new Dexie.AbortError('directory reset while building');
  if (shown && shown.read.length) build.show(new Map(shown.read.map((e) => [e.id, e])), shown.persons);
  const image = await opening.catch(() => null);
  if (!image) return null;
  const ordered = await unpackRowsInTurns(image.rows, nextTask, UNPACK_PER_TASK);
  if (!build.current()) throw new Dexie.AbortError('directory reset while building');
  const entries = new Map<string, DirectoryEntry>();
  // In turns too: the first time each id is hashed, 100,000 took 110–150 ms.
  await forEachInTurns(ordered.length, UNPACK_PER_TASK, (i) => entries.set(ordered[i].id, ordered[i]));
  if (!build.current()) throw new Dexie.AbortError('directory reset while building');
  // The index's slots as entries, before the order changes below; in turns as well (100,000 slots
  // in one go were an 87 ms step of the task that ended the map's last turn).
  const parts: IndexPart[] = [];
  for (const { packed, slots: at } of image.parts) {
    const slots: DirectoryEntry[] = [];
    await forEachInTurns(at.length, UNPACK_PER_TASK, (i) => slots.push(at[i] >= 0 ? ordered[at[i]] : GONE));
    parts.push({ packed, slots });
  }
  if (!build.current()) throw new Dexie.AbortError('directory reset while building');
  const since = new Date(Date.parse(image.header.savedAt) - IMAGE_MARGIN_MS).toISOString();
  const raw = rawConnection(db);
  const ids = await raw.persons.where('updatedAt').aboveOrEqual(since).primaryKeys();
  // Many changed (a restore of the persons below the app, an import just before signing out): the buckets are as quick.
  if (ids.length > Math.max(READ_AGAIN_AT_LEAST, entries.size / 2)) return null;
  const reread = await openStored<Person | undefined>(db, 'persons', await raw.persons.bulkGet(ids));
  if (!build.current()) throw new Dexie.AbortError('directory reset while building');
  const sorted = ids.length > RESORT_ABOVE ? null : ordered;
  ids.forEach((id, i) => putEntry(entries, sorted, id, reread[i]));
  return {
    entries,
    sorted,
    from: 'image',
    readAgain: ids.length,
    index: parts.length ? { parts: Promise.resolve(parts), changed: new Set([...image.changed, ...ids]) } : null,
  };
}
