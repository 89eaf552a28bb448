/**
 * The directory image (directory/image.ts): the complete directory in one sealed file, read at
 * sign-in instead of the buckets. Node has no origin private file system: the images are kept in
 * memory here (useImageFiles), as the browser keeps them in its file (browser test: bigList).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBackup,
  deletePerson,
  restoreBackup,
  savePerson,
  signIn,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { directoryOf } from '../../src/data/directory';
import { IMAGE_KEY, openSealedImage, useImageFiles, type ImageFiles } from '../../src/data/directory/image';
import { captureEntries, capturePart } from '../../src/data/directory/imageCapture';
import { entryOfRow, type DirectoryEntry } from '../../src/data/core/derived';
import { decodeImage, encodeImage, IMAGE_FORMAT } from '../../src/data/directory/imageFormat';
import { unpackRows } from '../../src/data/directory/packedRows';
import { indexEntries } from '../../src/data/directory/rowReader';
import { buildSearchIndex } from '../../src/data/directory/searchIndex';
import { anna, CONTRACT, freshDb, PASSPHRASE } from './helpers';

const ERASE = { purposeId: '', comment: 'Antrag nach Art. 17' };

/** Images in memory; `onWrite` runs once after the next file is written (before its secret is stored). */
function memoryFiles() {
  const stored = new Map<string, Uint8Array>();
  const hooks: { onWrite?: () => Promise<void> } = {};
  const files: ImageFiles = {
    read: (name) => Promise.resolve(stored.get(name)?.slice() ?? null),
    async write(name, bytes) {
      stored.set(name, bytes.slice());
      const hook = hooks.onWrite;
      hooks.onWrite = undefined;
      await hook?.();
    },
    remove: (name) => Promise.resolve(void stored.delete(name)),
  };
  /** A book's file (a directory of an earlier test, of another book, may have left one too). */
  const fileOf = (db: ConsentbookDB) =>
    [...stored].find(([name]) => name.includes(encodeURIComponent(db.name))) as [string, Uint8Array];
  return { stored, hooks, files, fileOf };
}

let memory: ReturnType<typeof memoryFiles>;
beforeEach(() => {
  memory = memoryFiles();
  // Every image written by the test itself: the directory's own write, 5 s after a build, would land in one.
  useImageFiles(memory.files, { writesOnItsOwn: false });
});
afterEach(() => {
  useImageFiles(null);
  vi.useRealTimers();
});

/**
 * The clock `minutes` ahead from here on: a sign-in reads again every person changed from a
 * minute before the image's time (a commit of another tab may reach the directory late), so an
 * image of the book just made is written later to find most persons unchanged.
 */
function clockAhead(minutes: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(Date.now() + minutes * 60_000));
}

const NAMES = [
  ['Anna', 'Muster'],
  ['Bernd', 'Schmitt'],
  ['Clara', 'Özdemir'],
  ['Dieter', 'Körner'],
  ['Emil', 'Abel'],
  ['Frieda', 'Zeisig'],
  ['Gustav', 'Mueller'],
  ['Hanna', 'Müller'],
];

async function book(): Promise<{ db: ConsentbookDB; admin: Session; ids: string[] }> {
  const { db, admin } = await freshDb();
  const ids: string[] = [];
  for (const [firstName, lastName] of NAMES) {
    const p = await savePerson(
      db,
      admin,
      anna({ firstName, lastName, email: `${firstName.toLowerCase()}@example.org`, city: 'Köln' }),
      CONTRACT,
    );
    ids.push(p.id);
  }
  return { db, admin, ids };
}

/** A person renamed with a reason, as the person form saves it. */
async function rename(db: ConsentbookDB, admin: Session, id: string, lastName: string) {
  const person = (await db.persons.get(id))!;
  await savePerson(db, admin, { ...person, lastName }, { purposeId: person.purposeId, comment: 'Heirat' });
}

/** What the list and a search show: the order, each row, some answers. */
function view(db: ConsentbookDB) {
  const d = directoryOf(db);
  return {
    order: d.orderedIds(),
    rows: d.orderedIds().map((id) => {
      const e = d.entry(id)!;
      return [e.name, e.email, e.city, e.phone, e.kind, e.locked, e.sortName, e.searchText];
    }),
    searches: ['mül', 'muell', 'köln', 'anna', 'z', 'example', 'o'].map((q) => d.search(q).ids),
  };
}

/** Signs in again: the directory is built anew from what is stored. */
async function signInAgain(db: ConsentbookDB) {
  const d = directoryOf(db);
  d.reset();
  await d.searchReady();
  return d;
}

async function withImage(db: ConsentbookDB) {
  const d = directoryOf(db);
  await d.searchReady();
  clockAhead(2);
  expect(await d.writeImage()).toBe(true);
  return d;
}

describe('the directory image', () => {
  it('a sign-in reads the image: the same order, rows and search answers as from the buckets', async () => {
    const { db } = await book();
    await withImage(db);
    const [, stored] = memory.fileOf(db);
    expect(stored).toBeDefined();
    // Sealed: no name or e-mail in its bytes.
    const text = new TextDecoder('latin1').decode(stored);
    for (const word of ['Muster', 'Schmitt', 'example.org', 'muster']) expect(text).not.toContain(word);
    const d = await signInAgain(db);
    expect(d.builtFrom).toBe('image');
    // Every person as the image holds them, found by its index.
    expect(d.readAgain).toBe(0);
    const fromImage = view(db);
    useImageFiles(null);
    await signInAgain(db);
    expect(d.builtFrom).toBe('buckets');
    expect(fromImage).toEqual(view(db));
    expect(fromImage.searches[0]).toHaveLength(2);
  });

  it('persons added or changed after the image are read again at sign-in, and searched as they are', async () => {
    const { db, admin, ids } = await book();
    await withImage(db);
    clockAhead(2);
    await rename(db, admin, ids[0], 'Zwischendurch');
    const added = await savePerson(
      db,
      admin,
      anna({ firstName: 'Ida', lastName: 'Neu', email: 'ida@example.org' }),
      CONTRACT,
    );
    const d = await signInAgain(db);
    expect(d.builtFrom).toBe('image');
    expect(d.readAgain).toBe(2);
    expect(d.entry(ids[0])?.name).toBe('Zwischendurch, Anna');
    expect(d.search('zwischen').ids).toEqual([ids[0]]);
    expect(d.search('muster').ids).toEqual([]);
    expect(d.search('neu').ids).toEqual([added.id]);
    expect(d.orderedIds()).toHaveLength(NAMES.length + 1);
    const images = view(db);
    useImageFiles(null);
    await signInAgain(db);
    expect(view(db)).toEqual(images);
  });

  it('an erasure deletes the image’s secret: no copy from before opens, and the next image leaves the person out', async () => {
    const { db, admin, ids } = await book();
    await withImage(db);
    const raw = rawConnection(db);
    const before = { sealed: memory.fileOf(db)[1], secret: (await raw.directoryKeys.get(IMAGE_KEY))!.secret };
    expect(await openSealedImage(db, before.sealed, before.secret)).not.toBeNull();
    await deletePerson(db, admin, ids[1], ERASE);
    expect(await raw.directoryKeys.get(IMAGE_KEY)).toBeUndefined();
    // The copy opens under no secret stored now.
    for (const { secret } of await raw.directoryKeys.toArray())
      expect(await openSealedImage(db, before.sealed, secret)).toBeNull();
    let d = await signInAgain(db);
    expect(d.builtFrom).toBe('buckets');
    expect(d.entry(ids[1])).toBeUndefined();
    expect(await d.writeImage()).toBe(true);
    const renewed = (await raw.directoryKeys.get(IMAGE_KEY))!.secret;
    expect(renewed).not.toEqual(before.secret);
    d = await signInAgain(db);
    expect(d.builtFrom).toBe('image');
    expect(d.entry(ids[1])).toBeUndefined();
    expect(d.search('schmitt').ids).toEqual([]);
    expect(d.orderedIds()).toHaveLength(NAMES.length - 1);
  });

  it('a write an erasure overtakes stores no secret: its file opens to nothing, and the buckets are read', async () => {
    const { db, admin, ids } = await book();
    const d = directoryOf(db);
    await d.searchReady();
    // The erasure commits after the image's entries were taken, before its secret is stored.
    memory.hooks.onWrite = () => deletePerson(db, admin, ids[2], ERASE);
    expect(await d.writeImage()).toBe(false);
    expect(await rawConnection(db).directoryKeys.get(IMAGE_KEY)).toBeUndefined();
    await signInAgain(db);
    expect(d.builtFrom).toBe('buckets');
    expect(d.entry(ids[2])).toBeUndefined();
  });

  it('an image whose bytes were changed is not read: the buckets are, with the same result', async () => {
    const { db } = await book();
    await withImage(db);
    const expected = view(db);
    const [name, bytes] = memory.fileOf(db);
    bytes[bytes.length - 40] ^= 1;
    memory.stored.set(name, bytes);
    const d = await signInAgain(db);
    expect(d.builtFrom).toBe('buckets');
    expect(view(db)).toEqual(expected);
  });

  it('an image under a secret not stored (another write’s, or none) is not read', async () => {
    const { db } = await book();
    await withImage(db);
    await rawConnection(db).directoryKeys.put({ bucket: IMAGE_KEY, secret: new Uint8Array(32).fill(7) });
    const d = await signInAgain(db);
    expect(d.builtFrom).toBe('buckets');
    expect(d.orderedIds()).toHaveLength(NAMES.length);
  });

  it('an image written while persons changed since the index was built holds them as they are', async () => {
    const { db, admin, ids } = await book();
    await withImage(db);
    clockAhead(2);
    await rename(db, admin, ids[0], 'Zwischendurch');
    let d = await signInAgain(db);
    // The index read with the image does not hold the renamed person: an image of this directory
    // marks their slot as gone and names them among the changed.
    clockAhead(2);
    expect(await d.writeImage()).toBe(true);
    d = await signInAgain(db);
    expect(d.builtFrom).toBe('image');
    expect(d.readAgain).toBe(0);
    expect(d.search('zwischen').ids).toEqual([ids[0]]);
    expect(d.search('muster').ids).toEqual([]);
    const images = view(db);
    useImageFiles(null);
    await signInAgain(db);
    expect(view(db)).toEqual(images);
  });

  it('a restore deletes the image’s secret: the directory is read from what was restored', async () => {
    const { db, admin, ids } = await book();
    const backup = await createBackup(db, admin, 'backup passphrase 1');
    await directoryOf(db).searchReady();
    await savePerson(db, admin, anna({ firstName: 'Ida', lastName: 'Nachher', email: 'ida@example.org' }), CONTRACT);
    await withImage(db);
    expect(directoryOf(db).search('nachher').ids).toHaveLength(1);
    await restoreBackup(db, admin, backup, 'backup passphrase 1');
    expect(await rawConnection(db).directoryKeys.get(IMAGE_KEY)).toBeUndefined();
    // A restore ends the session (its keys may be others).
    await signIn(db, 'admin', PASSPHRASE);
    const d = await signInAgain(db);
    expect(d.builtFrom).not.toBe('image');
    expect(d.search('nachher').ids).toEqual([]);
    expect(d.orderedIds()).toHaveLength(ids.length);
  });
});

describe('taking the image’s content (imageCapture.ts)', () => {
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it('entries taken over several turns join as taken in one: ids, sort names at their offsets, rows as one JSON array', async () => {
    // Two entries a turn over five (the books above fit in one turn of 2,000): each turn's end is a join.
    const entry = (i: number): DirectoryEntry => ({
      id: `id-${i}`,
      sortName: `Name ${i} 😀`,
      searchText: `\u0001wort${i}\u0001müller`,
      name: `Name ${i}`,
      email: `p${i}@example.org`,
      phone: '',
      city: 'Köln',
      kind: 'contact',
      locked: i === 3,
      firstName: `Vor${i}`,
      lastName: `Nach${i}`,
      organisation: '',
      furtherPhones: i === 2 ? ['0711 1', '0711 2'] : [],
    });
    const entries = [0, 1, 2, 3, 4].map(entry);
    let turns = 0;
    const c = await captureEntries(entries, () => Promise.resolve(++turns > 0), 2);
    expect(c).not.toBeNull();
    expect(turns).toBe(2);
    expect(decode(c!.ids).split('\n')).toEqual(entries.map((e) => e.id));
    const names = decode(c!.names);
    entries.forEach((e, i) => expect(names.slice(c!.nameAt[i], c!.nameAt[i + 1])).toBe(e.sortName));
    // No search texts: derived from the rows when asked.
    expect(names).not.toContain('wort');
    const rows = decode(c!.rows);
    expect(JSON.parse(rows)).toHaveLength(5);
    entries.forEach((e, i) => {
      // Byte offsets (UTF-8), not characters.
      const row = JSON.parse(decode(c!.rows.subarray(c!.rowAt[i], c!.rowAt[i + 1] - 1))) as unknown[];
      expect(row.slice(0, 2)).toEqual([e.firstName, e.lastName]);
      expect(row[8]).toBe(e.locked ? 1 : 0);
    });
    const none = await captureEntries([], () => Promise.resolve(true));
    expect(decode(none!.rows)).toBe('[]');
    expect(Array.from(none!.rowAt)).toEqual([2]);
  });

  it('an image’s entries derive their search texts from their rows: an index built anew from them is the one of the texts as they were', async () => {
    // More than one turn of the index's reading (5,000 a task), names and words beyond ASCII.
    const cities = ['Köln', 'Zürich', 'İzmir', 'Łódź'];
    const original = Array.from({ length: 5_003 }, (_, i) =>
      entryOfRow(`id-${i}`, {
        firstName: i % 2 ? `Jörg-${i}` : `Anna ${i}`,
        lastName: i % 3 ? 'Müller-Lüdenscheidt' : 'Straße',
        organisation: i % 5 ? '' : 'ACME GmbH & Co. KG',
        email: `p${i}@example.org`,
        city: cities[i % cities.length],
        phone: '',
        furtherPhones: [],
        kind: 'contact',
        locked: false,
      }),
    );
    const captured = await captureEntries(original, () => Promise.resolve(true));
    const plain = encodeImage({ captured: captured!, savedAt: new Date().toISOString(), changed: [], parts: [] });
    const { rows } = decodeImage(plain);
    expect(rows.search).toBeNull();
    const entries = unpackRows(rows);
    expect(entries.map((e) => [e.sortName, e.searchText])).toEqual(original.map((e) => [e.sortName, e.searchText]));
    expect(await indexEntries(entries)).toEqual(buildSearchIndex(original.map((e) => e.searchText)));
  });

  it('an image of a format before (with search texts; its names in the order before accents were folded) is refused by its header', async () => {
    const captured = await captureEntries([], () => Promise.resolve(true));
    const plain = encodeImage({ captured: captured!, savedAt: new Date().toISOString(), changed: [], parts: [] });
    expect(decodeImage(plain).rows.search).toBeNull();
    const text = new TextDecoder().decode(plain);
    const at = text.indexOf(`"format":${String(IMAGE_FORMAT)}`);
    expect(at).toBeGreaterThan(0);
    for (const before of ['1', '2']) {
      plain[at + '"format":'.length] = before.charCodeAt(0);
      expect(() => decodeImage(plain)).toThrow(new RegExp(`format ${before}`));
    }
  });

  it('an index part’s words are taken a turn at a time, whole: a pair of surrogates across a turn’s end stays one character', async () => {
    // The pair's first half is the last character of the first turn's 500,000.
    const words = 'a'.repeat(499_999) + '😀' + 'ü'.repeat(10) + '\u001f';
    const packed = {
      words,
      wordAt: Int32Array.from([0, words.length]),
      postingAt: Int32Array.from([0, 1]),
      postings: Int32Array.from([0]),
    };
    let turns = 0;
    const part = await capturePart(packed, Int32Array.from([0]), () => Promise.resolve(++turns > 0));
    expect(part).not.toBeNull();
    expect(turns).toBe(1);
    expect(decode(part!.words)).toBe(words);
    // Copies of their own: moved to the worker, the index keeps its arrays.
    expect(part!.postings).toEqual(packed.postings);
    expect(part!.postings.buffer).not.toBe(packed.postings.buffer);
  });

  it('a turn that says stop ends the taking: nothing is given', async () => {
    const words = 'wort\u001f'.repeat(200_000);
    const packed = { words, wordAt: new Int32Array(1), postingAt: new Int32Array(1), postings: new Int32Array(0) };
    expect(await capturePart(packed, new Int32Array(0), () => Promise.resolve(false))).toBeNull();
  });
});
