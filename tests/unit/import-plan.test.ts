/** The import's batch from the preview and the choices: a shared phone number alone is imported unless decided otherwise. */
import { describe, expect, it } from 'vitest';
import { findLikelyDuplicates, parseImportFile, type ImportCandidate } from '../../src/formats/import';
import { exportPersonsCsv } from '../../src/formats/csv/write';
import { newPerson, type Person } from '../../src/domain/person';
import { IMPORT, SKIP, buildPlan, suggestedDecision, type StoredBrief } from '../../src/ui/import/plan';

const candidate = (line: number, fields: Partial<Person>): ImportCandidate => ({
  line,
  person: newPerson('contact', fields),
  warnings: [],
  notTaken: [],
});
const brief = (id: string, fields: Partial<Person>): StoredBrief => {
  const p = newPerson('contact', fields);
  return { ...p, id, name: p.lastName, locked: false };
};

const stored = new Map(
  [
    brief('s1', { lastName: 'Zentrale', phone: '0228 123456' }),
    brief('s2', { lastName: 'Mail', email: 'anna@example.org' }),
    brief('s3', { firstName: 'Bo', lastName: 'Berg', postalCode: '50667' }),
  ].map((b) => [b.id, b]),
);
const candidates = [
  candidate(1, { lastName: 'Kollegin', phone: '+49 228 123456' }), // phone only: imported
  candidate(5, { lastName: 'Anders', email: 'ANNA@example.org' }), // e-mail: skipped
  candidate(9, { firstName: 'Bo', lastName: 'Berg', postalCode: '50667' }), // name and postal code: skipped
  candidate(13, { lastName: 'Zweite', phone: '0228 123456', email: 'anna@example.org' }), // phone and e-mail: skipped
  candidate(17, { lastName: 'Neu', email: 'neu@example.org' }), // no duplicate
];
const duplicates = findLikelyDuplicates(candidates, [...stored.values()]);

describe('the suggested decision for a likely duplicate', () => {
  it('imports a shared phone number alone and skips the same e-mail or name and postal code', () => {
    expect(duplicates.slice(0, 4).map((d, i) => suggestedDecision(d, i))).toEqual([IMPORT, SKIP, SKIP, SKIP]);
  });

  it('a phone number shared with an earlier entry of the file is imported too', () => {
    const inFile = [
      candidate(1, { lastName: 'A', phone: '030 999999' }),
      candidate(5, { lastName: 'B', phone: '030 999999' }),
    ];
    const dups = findLikelyDuplicates(inFile, []);
    expect(suggestedDecision(dups[1], 1)).toBe(IMPORT);
    expect(buildPlan(inFile, dups, new Map(), {}, null).persons).toHaveLength(2);
  });
});

describe('buildPlan', () => {
  it('follows the suggestion when nothing is chosen', () => {
    const plan = buildPlan(candidates, duplicates, stored, {}, null);
    expect(plan.persons.map((p) => p.lastName)).toEqual(['Kollegin', 'Neu']);
    expect(plan.skipped).toBe(3);
  });

  it('a choice for all replaces the suggestion; a single decision replaces both', () => {
    const skipAll = buildPlan(candidates, duplicates, stored, {}, SKIP);
    expect(skipAll.persons.map((p) => p.lastName)).toEqual(['Neu']);
    const mixed = buildPlan(candidates, duplicates, stored, { 1: IMPORT, 2: 'merge:s3' }, SKIP);
    expect(mixed.persons.map((p) => p.lastName)).toEqual(['Anders', 'Neu']);
    expect(mixed.merges.map((m) => m.existingId)).toEqual(['s3']);
    expect(mixed.skipped).toBe(2);
  });

  it('"merge" for all merges by the same e-mail or name and postal code, never by a shared phone number alone', () => {
    const plan = buildPlan(candidates, duplicates, stored, {}, 'merge');
    // Kollegin shares only Zentrale's number: imported as her own person, Zentrale's name stays.
    expect(plan.persons.map((p) => p.lastName)).toEqual(['Kollegin', 'Neu']);
    expect(plan.merges.map((m) => `${m.person.lastName}→${m.existingId}`)).toEqual([
      'Anders→s2',
      'Berg→s3',
      'Zweite→s2',
    ]);
    // Chosen one by one, a merge by the phone number alone is carried out.
    expect(buildPlan(candidates, duplicates, stored, { 0: 'merge:s1' }, 'merge').merges[0].existingId).toBe('s1');
  });
});

describe('a file whose rows give kind and "Privat" (our own CSV export)', () => {
  it('each row keeps its own; the batch\'s "Privat" applies only to rows without one, never to a contact', () => {
    const book = [
      newPerson('customer', { organisation: 'Müller KG', email: 'info@mueller.example' }),
      newPerson('partner', { private: true, firstName: 'Petra', lastName: 'Paul' }),
      newPerson('contact', { firstName: 'Anna', lastName: 'Alt' }),
    ];
    // A row whose "Privat" was emptied in a spreadsheet, and one with neither.
    const csv = exportPersonsCsv(book, 'de')
      .replace('\r\nGeschäftspartner;Ja;', '\r\nGeschäftspartner;;')
      .replace('\r\nAnsprechpartner;Ja;', '\r\n;;');
    const preview = parseImportFile('export.csv', new TextEncoder().encode(csv), { kind: 'prospect' });
    expect(preview.candidates.map((c) => c.classification)).toEqual([
      { kind: 'customer', private: false },
      { kind: 'partner' },
      undefined,
    ]);
    const dups = findLikelyDuplicates(preview.candidates, []);
    const classes = (persons: Person[]) => persons.map((p) => `${p.kind}:${p.private}`);
    expect(classes(buildPlan(preview.candidates, dups, new Map(), {}, null, true).persons)).toEqual([
      'customer:false',
      'partner:true',
      'prospect:true',
    ]);
    expect(classes(buildPlan(preview.candidates, dups, new Map(), {}, null, false).persons)).toEqual([
      'customer:false',
      'partner:false',
      'prospect:false',
    ]);
    // A contact from the batch's kind is never made "private" by the batch.
    const contacts = parseImportFile('export.csv', new TextEncoder().encode(csv), { kind: 'contact' });
    expect(
      classes(
        buildPlan(contacts.candidates, findLikelyDuplicates(contacts.candidates, []), new Map(), {}, null, true)
          .persons,
      ),
    ).toEqual(['customer:false', 'partner:true', 'contact:false']);
  });
});
