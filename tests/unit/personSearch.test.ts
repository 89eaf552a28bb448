/**
 * The person list's reads (src/ui/person/search.ts) on ~2,000 generated persons, written through
 * the data layer: every search is checked against a plain scan of the stored persons' search
 * terms, the windows and the full id list against the sortName index read in one go.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importPersons, type ConsentbookDB, type StoredPerson } from '../../src/data';
import { personOf, traitsOf } from '../../src/bench/generate';
import { personWindow, searchPersonIds, searchPersons, searchWords, sortedPersonIds, SEARCH_LIMIT } from '../../src/ui/person/search';
import { freshDb } from './helpers';

const PERSONS = 2_000;

let db: ConsentbookDB;
let all: StoredPerson[];

beforeAll(async () => {
  ({ db } = await freshDb().then(async ({ db, admin }) => {
    const persons = Array.from({ length: PERSONS }, (_, i) => personOf(i, traitsOf(i)));
    await importPersons(db, admin, { fileName: 'bench.vcf', persons }, { purposeId: 'purpose-contract', comment: 'Testdaten' });
    return { db };
  }));
  all = await db.persons.toArray();
}, 120_000);

/** What a search must find: every word is a prefix of one of the person's terms. */
function expected(query: string): Set<string> {
  const words = searchWords(query);
  return new Set(all.filter((p) => words.every((w) => p.searchTerms.some((t) => t.startsWith(w)))).map((p) => p.id));
}

async function checkSearch(query: string, options?: { keyCap?: number }) {
  const want = expected(query);
  const { persons, truncated } = await searchPersons(db, query, options);
  const got = persons.map((p) => p.id);
  expect(new Set(got).size, `${query}: no person twice`).toBe(got.length);
  if (want.size <= SEARCH_LIMIT) {
    expect(truncated, query).toBe(false);
    expect(new Set(got), query).toEqual(want);
  } else {
    expect(truncated, query).toBe(true);
    expect(got, query).toHaveLength(SEARCH_LIMIT);
    for (const id of got) expect(want.has(id), `${query}: ${id} matches`).toBe(true);
  }
  const names = persons.map((p) => p.sortName);
  expect(names, `${query}: sorted by sortName`).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
  return { ids: got, truncated, want };
}

describe('person search', () => {
  it('has generated enough persons to search', () => {
    expect(all).toHaveLength(PERSONS);
  });

  it('finds by one word', async () => {
    const { ids } = await checkSearch('Müller');
    expect(ids.length).toBeGreaterThan(10);
    expect((await checkSearch('zech')).ids.length).toBeGreaterThan(0);
  });

  it('finds by a prefix of a word', async () => {
    const { ids } = await checkSearch('schm');
    const lastNames = new Set(all.filter((p) => ids.includes(p.id)).map((p) => p.lastName));
    expect([...lastNames].filter((n) => n.startsWith('Schm')).length).toBeGreaterThanOrEqual(3); // Schmidt, Schmitt, Schmitz, Schmid
    await checkSearch('wag');
    await checkSearch('kö');
  });

  it('finds by several words, in any order, each a prefix', async () => {
    const { ids } = await checkSearch('schmidt anna');
    expect(ids.length).toBeGreaterThan(0);
    expect((await checkSearch('anna schmidt')).ids.sort()).toEqual([...ids].sort());
    for (const p of all.filter((x) => ids.includes(x.id))) {
      expect(p.lastName.toLowerCase().startsWith('schmidt') || p.searchTerms.some((t) => t.startsWith('schmidt'))).toBe(true);
    }
    await checkSearch('müller berlin');
    await checkSearch('kö ber an');
    await checkSearch('Anna, Schmidt');
  });

  it('finds by e-mail, whole or a prefix', async () => {
    const withMail = all.find((p) => p.email && p.lastName === 'Zimmermann') ?? all.find((p) => p.email)!;
    const { ids } = await checkSearch(withMail.email.toUpperCase());
    expect(ids).toContain(withMail.id);
    const prefix = withMail.email.slice(0, withMail.email.indexOf('@') + 1);
    expect((await checkSearch(prefix)).ids).toContain(withMail.id);
  });

  it('finds by phone digits, whatever the spacing', async () => {
    const withPhone = all.find((p) => p.phone.length > 8)!;
    const digits = withPhone.phone.replace(/\D/g, '');
    const spaced = `${digits.slice(0, 4)} ${digits.slice(4, 7)}-${digits.slice(7)}`;
    expect(searchWords(spaced)).toEqual([digits]);
    expect((await checkSearch(spaced)).ids).toContain(withPhone.id);
    expect((await checkSearch(digits.slice(0, 6))).ids).toContain(withPhone.id);
    const further = all.find((p) => p.furtherPhones.length > 0)!;
    expect((await checkSearch(further.furtherPhones[0]!)).ids).toContain(further.id);
  });

  it('finds nothing when a word matches nobody', async () => {
    for (const q of ['xyzzy', 'müller xyzzy', 'xyzzy müller', 'anna 999999999999']) {
      expect(await searchPersons(db, q), q).toEqual({ persons: [], truncated: false });
    }
  });

  it('gives no hits for an empty query and every id in sortName order for searchPersonIds', async () => {
    expect(await searchPersons(db, '  ')).toEqual({ persons: [], truncated: false });
    const { ids, truncated } = await searchPersonIds(db, '');
    expect(truncated).toBe(false);
    expect(ids).toEqual(await db.persons.orderBy('sortName').primaryKeys());
  });

  it('cuts at the limit and says so, for one word and for several', async () => {
    expect(expected('a').size).toBeGreaterThan(SEARCH_LIMIT);
    await checkSearch('a');
    await checkSearch('0'); // phone digits: most persons
    // Two common prefixes whose intersection is still over the limit.
    const letters = [...'abcdefghijklmnopqrstuvwxyz0'];
    const broad = letters.flatMap((a) => letters.map((b) => `${a} ${b}`)).find((q) => !q.startsWith(q.slice(-1)) && expected(q).size > SEARCH_LIMIT);
    expect(broad).toBeDefined();
    await checkSearch(broad!);
    // A few persons: no cut.
    await checkSearch('schmidt anna');
  });

  it('gives the same answer when words are too common to read their keys', async () => {
    // A tiny key cap sends common words through the record check, or all of them through the scan.
    for (const q of ['schmidt anna', 'müller berlin', 'a e', 'kö ber an', 'm s', 'müller xyzzy']) {
      const full = await searchPersons(db, q);
      const capped = await checkSearch(q, { keyCap: 20 });
      if (!full.truncated) expect(new Set(capped.ids), q).toEqual(new Set(full.persons.map((p) => p.id)));
    }
  }, 120_000);

  it('keeps searchPersonIds for the other screens: ids of the same hits', async () => {
    const { persons } = await searchPersons(db, 'schmidt anna');
    expect(await searchPersonIds(db, 'schmidt anna')).toEqual({ ids: persons.map((p) => p.id), truncated: false });
  });
});

describe('the whole list', () => {
  it('reads the full id list in chunks, ties across chunk ends included', async () => {
    const index = (await db.persons.orderBy('sortName').primaryKeys()) as string[];
    // Generated names repeat, so small chunks end inside runs of equal sortNames.
    const names = all.map((p) => p.sortName);
    expect(new Set(names).size).toBeLessThan(names.length);
    for (const chunk of [7, 100, 2_000, 5_000]) expect(await sortedPersonIds(db, undefined, chunk), `chunk ${chunk}`).toEqual(index);
  });

  it('stops reading the id list when cancelled', async () => {
    let calls = 0;
    await expect(sortedPersonIds(db, () => ++calls > 2, 100)).rejects.toThrow();
    expect(calls).toBe(3);
  });

  it('reads any window by offset from the nearer end, the same as the index in order', async () => {
    const index = (await db.persons.orderBy('sortName').primaryKeys()) as string[];
    const total = index.length;
    for (const [first, count] of [[0, 50], [25, 50], [975, 50], [1_000, 25], [total - 50, 50], [total - 60, 50], [total - 10, 50], [total, 25]] as const) {
      const rows = await personWindow(db, first, count, total);
      expect(rows.map((p) => p.id), `${first}+${count}`).toEqual(index.slice(first, first + count));
    }
    // A stale total (persons added or removed since it was counted) still gives rows in order.
    expect((await personWindow(db, 0, 10, 0)).map((p) => p.id)).toEqual(index.slice(0, 10));
    expect(await personWindow(db, 5, 0, total)).toEqual([]);
  });
});

describe('phone numbers in national and international form', () => {
  it('index both forms, and a query in either form finds the other', async () => {
    const { phoneTerms } = await import('../../src/data/derived');
    expect(phoneTerms('+49 221 5550101')).toEqual(['492215550101', '02215550101']);
    expect(phoneTerms('0049 (221) 555-0101')).toEqual(['492215550101', '02215550101']);
    expect(phoneTerms('0221 5550101')).toEqual(['02215550101', '492215550101']);
    expect(phoneTerms('+44 20 7946 0958')).toEqual(['442079460958']);
    expect(searchWords('0049 221')).toEqual(['49221']);
    expect(searchWords('+49 221 555')).toEqual(['49221555']);
  });
});
