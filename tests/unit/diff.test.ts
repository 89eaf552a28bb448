import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changedWatchedFields, rebasedDraft } from '../../src/domain/diff';
import { newPerson } from '../../src/domain/person';

describe('changedWatchedFields', () => {
  it('counts every non-empty watched field on creation', () => {
    const p = newPerson('contact', {
      firstName: 'Anna',
      lastName: 'Berg',
      email: 'a@b.de',
      note: 'x',
      organisation: 'ACME',
    });
    expect(changedWatchedFields(null, p)).toEqual(['firstName', 'lastName', 'email']);
  });

  it('counts every non-empty watched field on deletion', () => {
    const p = newPerson('contact', { city: 'Köln', furtherPhones: ['0221 1'] });
    expect(changedWatchedFields(p, null)).toEqual(['city', 'furtherPhones']);
  });

  it('ignores whitespace-only edits and unwatched fields', () => {
    const a = newPerson('contact', { firstName: 'Anna Maria', note: 'a' });
    const b = { ...a, firstName: '  Anna   Maria ', note: 'b', organisation: 'X' };
    expect(changedWatchedFields(a, b)).toEqual([]);
  });

  it('ignores reordering of repeated fields but sees a changed entry', () => {
    const a = newPerson('customer', {
      furtherPhones: ['1', '2'],
      bankAccounts: [
        { iban: 'DE89 3704 0044 0532 0130 00', bic: '', holder: 'A' },
        { iban: 'DE02120300000000202051', bic: '', holder: 'B' },
      ],
    });
    const reordered = {
      ...a,
      furtherPhones: ['2', '1'],
      bankAccounts: [a.bankAccounts[1], { ...a.bankAccounts[0], iban: 'de89370400440532013000' }],
    };
    expect(changedWatchedFields(a, reordered)).toEqual([]);
    const edited = {
      ...a,
      furtherPhones: ['2', '3'],
      bankAccounts: [a.bankAccounts[0], { ...a.bankAccounts[1], holder: 'C' }],
    };
    expect(changedWatchedFields(a, edited)).toEqual(['furtherPhones', 'bankAccounts']);
  });

  it('an empty repeated entry is no value', () => {
    const a = newPerson('contact');
    expect(changedWatchedFields(a, { ...a, furtherPhones: ['  '] })).toEqual([]);
  });

  it('is symmetric and empty for identical persons (property)', () => {
    const text = fc.string({ maxLength: 6 });
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 3 }), (first, email, phones) => {
        const a = newPerson('contact', { firstName: first, email, furtherPhones: phones });
        const b = { ...a, furtherPhones: [...phones].reverse() };
        expect(changedWatchedFields(a, b)).toEqual([]);
        expect(changedWatchedFields(a, { ...a, email: email + 'x' })).toEqual(['email']);
      }),
    );
  });
});

describe('rebasedDraft', () => {
  it('keeps what the user changed from the loaded version and takes everything else from the newer one', () => {
    const loaded = { city: 'Köln', email: 'a@example.org', phone: '1', version: 1, furtherPhones: ['2'] };
    const draft = { ...loaded, city: 'Bonn', furtherPhones: ['2', '3'] };
    const newer = { ...loaded, email: 'b@example.net', phone: '9', version: 2 };
    expect(rebasedDraft(draft, loaded, newer)).toEqual({
      city: 'Bonn',
      email: 'b@example.net',
      phone: '9',
      version: 2,
      furtherPhones: ['2', '3'],
    });
    // Changed on both sides: the user's value, which they see and save again.
    expect(rebasedDraft({ ...loaded, city: 'Bonn' }, loaded, { ...newer, city: 'Aachen' }).city).toBe('Bonn');
  });
});
