/**
 * The person list's reads (src/ui/person/search.ts over the directory, src/data/directory.ts) on
 * ~2,000 generated persons, written through the data layer: every search is checked against a
 * plain scan of the persons' search words, the windows and the full id list against a sort of
 * all persons by sort name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importPersons, savePerson, type ConsentbookDB, type Session, type StoredPerson } from '../../src/data';
import { searchTermsOf } from '../../src/data/core/derived';
import { directoryOf } from '../../src/data/directory';
import { sortNameOf } from '../../src/domain/person';
import { personOf, traitsOf } from '../../src/bench/generate';
import { searchPersonIds, searchWords, sortedPersonIds, SEARCH_LIMIT } from '../../src/data/directory';
import { freshDb } from './helpers';

const PERSONS = 2_000;

let db: ConsentbookDB;
let admin: Session;
let all: StoredPerson[];

/** The hits' records, as a screen would read them. */
async function searchPersons(
  db: ConsentbookDB,
  query: string,
): Promise<{ persons: StoredPerson[]; truncated: boolean }> {
  if (searchWords(query).length === 0) return { persons: [], truncated: false };
  const { ids, truncated } = await searchPersonIds(db, query);
  return { persons: (await db.persons.bulkGet(ids)).filter((p): p is StoredPerson => !!p), truncated };
}

beforeAll(async () => {
  ({ db, admin } = await freshDb());
  const persons = Array.from({ length: PERSONS }, (_, i) => personOf(i, traitsOf(i)));
  await importPersons(
    db,
    admin,
    { fileName: 'bench.vcf', persons },
    { purposeId: 'purpose-contract', comment: 'Testdaten' },
  );
  all = await db.persons.toArray();
}, 120_000);

/** Every id in name order, by a plain sort of all persons. */
function nameOrder(): string[] {
  const key = (p: StoredPerson) => sortNameOf(p);
  return [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1)).map((p) => p.id);
}

/** What a search must find: every word is a prefix of one of the person's terms. */
function expected(query: string): Set<string> {
  const words = searchWords(query);
  return new Set(all.filter((p) => words.every((w) => searchTermsOf(p).some((t) => t.startsWith(w)))).map((p) => p.id));
}

async function checkSearch(query: string) {
  const want = expected(query);
  const { persons, truncated } = await searchPersons(db, query);
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
  const order = nameOrder();
  const positions = got.map((id) => order.indexOf(id));
  expect(positions, `${query}: in name order`).toEqual([...positions].sort((a, b) => a - b));
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
      expect(
        p.lastName.toLowerCase().startsWith('schmidt') || searchTermsOf(p).some((t) => t.startsWith('schmidt')),
      ).toBe(true);
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

  it('gives no hits for an empty query and every id in name order for searchPersonIds', async () => {
    expect(await searchPersons(db, '  ')).toEqual({ persons: [], truncated: false });
    const { ids, truncated } = await searchPersonIds(db, '');
    expect(truncated).toBe(false);
    expect(ids).toEqual(nameOrder());
  });

  it('cuts at the limit and says so, for one word and for several', async () => {
    expect(expected('a').size).toBeGreaterThan(SEARCH_LIMIT);
    await checkSearch('a');
    await checkSearch('0'); // phone digits: most persons
    // Two common prefixes whose intersection is still over the limit.
    const letters = [...'abcdefghijklmnopqrstuvwxyz0'];
    const broad = letters
      .flatMap((a) => letters.map((b) => `${a} ${b}`))
      .find((q) => !q.startsWith(q.slice(-1)) && expected(q).size > SEARCH_LIMIT);
    expect(broad).toBeDefined();
    await checkSearch(broad!);
    // A few persons: no cut.
    await checkSearch('schmidt anna');
  });
});

describe('the whole list', () => {
  it('opens the same directory from its sealed buckets as from the persons themselves', async () => {
    const directory = directoryOf(db);
    await directory.ready();
    const fromPersonsOrBuckets = directory.orderedIds();
    const buckets = await db.directory.toArray();
    expect(buckets.reduce((n, b) => n + b.entries.length, 0)).toBe(all.length);
    directory.reset();
    await directory.ready();
    expect(directory.orderedIds()).toEqual(fromPersonsOrBuckets);
    expect(directory.entry(all[0]!.id)).toMatchObject({
      id: all[0]!.id,
      email: all[0]!.email,
      city: all[0]!.city,
      kind: all[0]!.kind,
    });
  });

  it('gives every id in name order, ties by id', async () => {
    // Generated names repeat, so ties are there to order.
    expect(new Set(all.map((p) => sortNameOf(p))).size).toBeLessThan(all.length);
    expect(await sortedPersonIds(db)).toEqual(nameOrder());
  });
});

describe('the directory stays current', () => {
  it('catches up at sign-in with changes its stored buckets missed (closed before writing them)', async () => {
    const directory = directoryOf(db);
    await directory.ready();
    const p = all[5]!;
    await savePerson(
      db,
      admin,
      { ...(await db.persons.get(p.id))!, lastName: 'Zwischendurch' },
      { purposeId: 'purpose-contract', comment: 'Heirat' },
    );
    // Signed out before the buckets were written (they are written a moment after a change).
    directory.reset();
    await directory.ready();
    expect(directory.search('zwischendurch').ids).toEqual([p.id]);
    expect(directory.entry(p.id)?.name.startsWith('Zwischendurch')).toBe(true);
    all = await db.persons.toArray();
  });

  it('follows a new person, a renamed one and an erased one', async () => {
    const { anna } = await import('./helpers');
    const directory = directoryOf(db);
    await directory.ready();
    const changed = () =>
      new Promise<void>((resolve) => {
        const off = directory.subscribe(() => {
          off();
          resolve();
        });
      });
    let next = changed();
    const person = await savePerson(db, admin, anna({ firstName: 'Quirina', lastName: 'Aaronsen' }), {
      purposeId: 'purpose-contract',
      comment: 'Neu',
    });
    await next;
    expect(directory.search('quirina').ids).toEqual([person.id]);
    expect((await sortedPersonIds(db))[0]).toBe(person.id);

    next = changed();
    await savePerson(db, admin, { ...person, lastName: 'Zyx' }, { purposeId: 'purpose-contract', comment: 'Heirat' });
    await next;
    expect(directory.search('aaronsen').ids).toEqual([]);
    expect(directory.search('quirina zyx').ids).toEqual([person.id]);

    next = changed();
    const { deletePerson } = await import('../../src/data');
    await deletePerson(db, admin, person.id, { purposeId: '', comment: 'Löschung verlangt' });
    await next;
    expect(directory.search('quirina').ids).toEqual([]);
    expect(await sortedPersonIds(db)).toEqual(nameOrder());
  });
});

describe('phone numbers in national and international form', () => {
  it('holds both forms, and a query in either form finds the other', async () => {
    const { phoneTerms } = await import('../../src/data/core/derived');
    expect(phoneTerms('+49 221 5550101')).toEqual(['492215550101', '02215550101']);
    expect(phoneTerms('0049 (221) 555-0101')).toEqual(['492215550101', '02215550101']);
    expect(phoneTerms('0221 5550101')).toEqual(['02215550101', '492215550101']);
    expect(phoneTerms('+44 20 7946 0958')).toEqual(['442079460958']);
    expect(searchWords('0049 221')).toEqual(['49221']);
    expect(searchWords('+49 221 555')).toEqual(['49221555']);
  });
});
