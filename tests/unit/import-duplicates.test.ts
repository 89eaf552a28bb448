/** Likely duplicates: against stored persons and within the file, by e-mail, phone, name + postal code. */
import { describe, expect, it } from 'vitest';
import { findLikelyDuplicates, parseImportFile } from '../../src/formats/import';
import { phoneKey, type ExistingPerson } from '../../src/formats/import/duplicates';
import { newPerson, type Person } from '../../src/domain/person';

const stored = (id: string, fields: Partial<Person>): ExistingPerson => ({ ...newPerson('contact', fields), id });
const draft = (fields: Partial<Person>) => newPerson('contact', fields);

describe('phone numbers compare by their national part', () => {
  it('treats +49, 0049, +49 (0) and a leading 0 alike', () => {
    const keys = ['+49 30 1234567', '0049 30 1234567', '+49 (0)30 123 45 67', '030 / 123 45-67', '030-1234567'].map(
      phoneKey,
    );
    expect(new Set(keys).size).toBe(1);
    expect(phoneKey('+43 30 1234567')).not.toBe(keys[0]);
    expect(phoneKey('+1 (905) 555-1234')).toBe(phoneKey('001 905 555 1234'));
    expect(phoneKey('112')).toBe('');
  });
});

describe('findLikelyDuplicates', () => {
  const existing = [
    stored('p1', {
      firstName: 'Anna',
      lastName: 'Zimmermann',
      email: 'Anna.Zimmermann@Example.org',
      postalCode: '50667',
    }),
    stored('p2', { firstName: 'Bernd', lastName: 'Bauer', phone: '0228 123456' }),
    stored('p3', { firstName: 'Clara', lastName: 'Schulz', postalCode: '80802', furtherPhones: ['+49 89 1111111'] }),
    stored('p4', { firstName: 'Clara', lastName: 'Schulz', postalCode: '10115' }),
  ];

  it('finds stored persons by e-mail (any case), phone (any notation) and name with postal code', () => {
    const result = findLikelyDuplicates(
      [
        draft({ lastName: 'Anders', email: ' anna.zimmermann@example.ORG ' }),
        draft({ lastName: 'Neu', furtherPhones: ['+49 228 123456'] }),
        draft({ firstName: ' clara ', lastName: 'SCHULZ', postalCode: '80802', phone: '0049 89 1111111' }),
        draft({ firstName: 'Clara', lastName: 'Schulz', postalCode: '99999' }),
      ],
      existing,
    );
    expect(result.map((r) => r.existing)).toEqual([
      [{ id: 'p1', reasons: ['email'] }],
      [{ id: 'p2', reasons: ['phone'] }],
      [{ id: 'p3', reasons: expect.arrayContaining(['phone', 'nameAndPostalCode']) as unknown }],
      [],
    ]);
  });

  it('finds duplicates within the file, both ways', () => {
    const result = findLikelyDuplicates(
      [
        draft({ lastName: 'A', email: 'same@example.org' }),
        draft({ lastName: 'B', phone: '030 999999' }),
        draft({ lastName: 'C', email: 'SAME@example.org', phone: '+49 30 999999' }),
        draft({ lastName: 'D', email: 'other@example.org' }),
      ],
      [],
    );
    expect(result.map((r) => r.inFile)).toEqual([
      [{ index: 2, reasons: ['email'] }],
      [{ index: 2, reasons: ['phone'] }],
      [
        { index: 0, reasons: ['email'] },
        { index: 1, reasons: ['phone'] },
      ],
      [],
    ]);
  });

  it('takes import candidates as they come from the preview', () => {
    const preview = parseImportFile(
      'x.vcf',
      new TextEncoder().encode('BEGIN:VCARD\r\nFN:Anna Z\r\nEMAIL:anna.zimmermann@example.org\r\nEND:VCARD\r\n'),
    );
    expect(findLikelyDuplicates(preview.candidates, existing)[0].existing).toEqual([{ id: 'p1', reasons: ['email'] }]);
  });

  it('handles 10,000 candidates against 100,000 stored persons', () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      stored(`s${i}`, {
        firstName: `V${i}`,
        lastName: `N${i}`,
        postalCode: String(10000 + (i % 89999)),
        email: `p${i}@example.org`,
        phone: `030 ${1_000_000 + i}`,
      }),
    );
    const candidates = Array.from({ length: 10_000 }, (_, i) =>
      draft({
        firstName: `V${i * 10}`,
        lastName: `N${i * 10}`,
        email: `new${i}@example.org`,
        phone: i % 2 ? `+49 30 ${1_000_000 + i * 10}` : '',
      }),
    );
    const start = performance.now();
    const result = findLikelyDuplicates(candidates, many);
    const ms = performance.now() - start;
    expect(result).toHaveLength(10_000);
    expect(result[1].existing).toEqual([{ id: 's10', reasons: ['phone'] }]);
    expect(result[2].existing).toEqual([]);
    console.info(`duplicates: 10,000 × 100,000 in ${ms.toFixed(0)} ms`);
  });

  it('caps matches on a value shared by very many records', () => {
    const switchboard = Array.from({ length: 5_000 }, (_, i) =>
      stored(`s${i}`, { lastName: `N${i}`, phone: '0211 5550000' }),
    );
    const result = findLikelyDuplicates([draft({ lastName: 'X', phone: '0211 5550000' })], switchboard);
    expect(result[0].existing.length).toBeLessThanOrEqual(51);
    expect(result[0].existing.length).toBeGreaterThan(0);
  });
});
