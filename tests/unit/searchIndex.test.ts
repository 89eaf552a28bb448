/**
 * The directory's search index (src/data/directory/searchIndex.ts) gives exactly the scan's
 * answer — the same ids in the same name order, the same cut at the limit, the list's filter
 * counted alike — on the bench's generated German book, before and after persons change.
 */
import { describe, expect, it } from 'vitest';
import { entryOf, type DirectoryEntry } from '../../src/data/core/derived';
import { byName, mergeByName, mergeByNameInTurns, mergeRuns } from '../../src/data/directory/bucketRows';
import { queryNeedles } from '../../src/data/directory/directory';
import {
  buildSearchIndex,
  indexedSearch,
  prefixRun,
  scanSearch,
  type SearchIndex,
} from '../../src/data/directory/searchIndex';
import { personOf, rng, traitsOf } from '../../src/bench/generate';

const PERSONS = 3000;

function book(from: number, to: number): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  for (let i = from; i < to; i++) entries.push(entryOf(personOf(i, traitsOf(i))));
  return entries;
}

/** Queries from the book's own words: prefixes of names, cities, e-mails, phone digits; two-word ones; folded forms. */
function queriesOf(entries: readonly DirectoryEntry[]): string[] {
  const r = rng(42);
  const pick = () => entries[Math.floor(r() * entries.length)];
  const prefix = (s: string) => s.slice(0, 1 + Math.floor(r() * Math.max(1, s.length)));
  const queries = new Set([
    'müller',
    'mueller',
    'muller',
    'MÜL',
    'köhler',
    'koeh',
    'yılmaz',
    'yilmaz',
    'straße',
    'schmidt anna',
    'wag',
    'zech',
    'a',
    'e',
    '0',
    '+49',
    '0221',
    'gmbh',
    'nobody-is-called-this',
    '\u0301',
    'anna \u0301',
  ]);
  for (let k = 0; k < 150; k++) {
    const e = pick();
    queries.add(prefix(e.lastName));
    queries.add(prefix(e.city));
    queries.add(prefix(e.email));
    queries.add(prefix(e.phone.replace(/\D/g, '')) || '1');
    queries.add(`${prefix(e.firstName)} ${prefix(e.lastName)}`);
    queries.add(`${prefix(pick().city)} ${prefix(e.firstName)}`);
  }
  return [...queries].filter((q) => q.trim());
}

function indexOf(entries: DirectoryEntry[]): SearchIndex {
  const slots = [...entries].sort(byName);
  return { parts: [{ packed: buildSearchIndex(slots.map((e) => e.searchText)), slots }], changed: new Set() };
}

describe('the search index', () => {
  const entries = book(0, PERSONS);
  const ordered = [...entries].sort(byName);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const index = indexOf(entries);
  const queries = queriesOf(entries);

  it('finds the words that begin with a prefix as one run of the sorted words', () => {
    const [from, to] = prefixRun(index.parts[0].packed, 'mue');
    const slots = new Set(index.parts[0].packed.postings.subarray(from, to));
    const expected = ordered.flatMap((e, slot) => (e.searchText.includes('\u0001mue') ? [slot] : []));
    expect(expected.length).toBeGreaterThan(0);
    expect([...slots].sort((a, b) => a - b)).toEqual(expected);
    expect(prefixRun(index.parts[0].packed, 'zzzzzz')).toEqual([
      index.parts[0].packed.postings.length,
      index.parts[0].packed.postings.length,
    ]);
  });

  it('answers every query as the scan does, with the limit and the list filter', () => {
    const kept = new Set(entries.filter((_, i) => i % 3 !== 0).map((e) => e.id));
    let found = 0;
    for (const query of queries) {
      const needles = queryNeedles(query);
      for (const [limit, keep] of [
        [500, undefined],
        [7, undefined],
        [20, (id: string) => kept.has(id)],
      ] as const) {
        const expected = scanSearch(ordered, needles, limit, keep);
        expect(
          indexedSearch(index, (id) => byId.get(id), needles, limit, keep),
          query,
        ).toEqual(expected);
        found += expected.ids.length;
      }
    }
    // The queries find persons (the comparison is not one of empty answers).
    expect(found).toBeGreaterThan(queries.length * 5);
  });

  it('answers as the scan does after persons were changed, added and erased since it was built', () => {
    const current = new Map(byId);
    const changed = new Set<string>();
    // Renamed: the old words must no longer find them, the new ones must.
    for (const e of entries.slice(0, 60)) {
      current.set(e.id, { ...entryOf({ ...personOf(9000, traitsOf(9000)), id: e.id }) });
      changed.add(e.id);
    }
    for (const e of entries.slice(60, 90)) {
      current.delete(e.id);
      changed.add(e.id);
    }
    for (const e of book(PERSONS, PERSONS + 40)) {
      current.set(e.id, e);
      changed.add(e.id);
    }
    const later: SearchIndex = { ...index, changed };
    const now = [...current.values()].sort(byName);
    for (const query of [...queries, entries[0].lastName, entries[70].lastName]) {
      const needles = queryNeedles(query);
      expect(
        indexedSearch(later, (id) => current.get(id), needles, 500),
        query,
      ).toEqual(scanSearch(now, needles, 500));
    }
  });

  it('answers as the scan does from parts (one per row worker) and persons outside every part', () => {
    // As the directory builds it: each worker indexes the buckets it read; the persons read on the
    // main thread or again since the snapshot are outside every part, checked one by one.
    const outside = new Set(entries.filter((_, i) => i % 11 === 0).map((e) => e.id));
    const parts = [0, 1, 2].map((w) => {
      const slots = entries.filter((e, i) => i % 3 === w && !outside.has(e.id)).sort(byName);
      return { packed: buildSearchIndex(slots.map((e) => e.searchText)), slots };
    });
    const inParts: SearchIndex = { parts, changed: outside };
    let found = 0;
    for (const query of queries) {
      const needles = queryNeedles(query);
      const expected = scanSearch(ordered, needles, 500);
      expect(
        indexedSearch(inParts, (id) => byId.get(id), needles, 500),
        query,
      ).toEqual(expected);
      found += expected.ids.length;
    }
    expect(found).toBeGreaterThan(queries.length * 5);
  });
});

describe('mergeByName', () => {
  it('merges lists each in name order into one in name order, every entry once', () => {
    const entries = book(0, 500);
    const lists = [0, 1, 2, 3].map((k) =>
      entries.filter((_, i) => i % 4 === k || (k === 3 && i % 7 === 0 && i % 4 !== 3)),
    );
    // i % 7 === 0 entries are in two lists: kept twice, as given.
    const merged = mergeByName(lists.map((l) => [...l].sort(byName)));
    expect(merged).toEqual(lists.flat().sort(byName));
    expect(mergeByName([[], []])).toEqual([]);
  });

  it('two at a time (mergeRuns): the same merge for any number of runs, empty ones too', () => {
    const entries = book(0, 500);
    for (const count of [1, 2, 5, 17]) {
      const lists = Array.from({ length: count }, (_, k) =>
        entries.filter((_, i) => i % count === k || (i % 7 === 0 && k === 0)).sort(byName),
      );
      lists.push([]);
      expect(mergeRuns(lists)).toEqual(lists.flat().sort(byName));
    }
    expect(mergeRuns([[], []])).toEqual([]);
    expect(mergeRuns([])).toEqual([]);
  });

  it('in turns: the same merge, a turn after every so many entries', async () => {
    const entries = book(0, 500);
    const lists = [0, 1].map((k) => entries.filter((_, i) => i % 2 === k).sort(byName));
    let turns = 0;
    const turn = () => {
      turns++;
      return Promise.resolve();
    };
    const merged = await mergeByNameInTurns(lists, turn, 120);
    expect(merged).toEqual(mergeByName(lists));
    expect(turns).toBe(4); // 120, 240, 360, 480 taken, then the last 20
    expect(await mergeByNameInTurns([[], []], turn)).toEqual([]);
    expect(turns).toBe(4);
  });
});
