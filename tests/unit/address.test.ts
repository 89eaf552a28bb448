// Names and postal addresses as letters print them: blank parts leave no gaps or stray separators.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addresseeName,
  addressLines,
  cityLine,
  hasPostalAddress,
  joinNonEmpty,
  recipientLines,
} from '../../src/domain/address';
import { fullName, newPerson } from '../../src/domain/person';
import { loadLanguage } from '../../src/i18n/messages';

beforeAll(() => loadLanguage('en'));

describe('joinNonEmpty and cityLine', () => {
  it('trims the parts and leaves out the blank ones', () => {
    expect(joinNonEmpty(' · ', ['  Am Anger 3 ', '', '   ', '04109 Leipzig'])).toBe('Am Anger 3 · 04109 Leipzig');
    expect(joinNonEmpty(', ', ['', ' '])).toBe('');
  });

  it('writes postal code and city, or whichever is given', () => {
    expect(cityLine({ postalCode: '04109', city: 'Leipzig' })).toBe('04109 Leipzig');
    expect(cityLine({ postalCode: '', city: 'Leipzig' })).toBe('Leipzig');
    expect(cityLine({ postalCode: ' ', city: '' })).toBe('');
  });
});

describe('addressLines', () => {
  it('gives street, city line and country, without blank lines', () => {
    expect(
      addressLines({ street: 'Am Anger 3', postalCode: '04109', city: 'Leipzig', country: 'Deutschland' }),
    ).toEqual(['Am Anger 3', '04109 Leipzig', 'Deutschland']);
    expect(addressLines({ street: '', postalCode: '', city: 'Wien', country: ' ' })).toEqual(['Wien']);
  });
});

describe('hasPostalAddress', () => {
  it('needs a street and a place for a letter to arrive', () => {
    const full = { street: 'Am Anger 3', postalCode: '04109', city: 'Leipzig' };
    expect(hasPostalAddress(full)).toBe(true);
    expect(hasPostalAddress({ ...full, postalCode: '' })).toBe(true);
    expect(hasPostalAddress({ ...full, city: '' })).toBe(true);
    expect(hasPostalAddress({ street: '', postalCode: '', city: '' })).toBe(false);
    expect(hasPostalAddress({ ...full, street: '  ' })).toBe(false);
    expect(hasPostalAddress({ ...full, postalCode: ' ', city: '' })).toBe(false);
  });
});

describe('names', () => {
  it('writes the full name with title, and nothing without a name', () => {
    expect(fullName({ title: 'Dr.', firstName: 'Anna', lastName: 'Zimmermann' })).toBe('Dr. Anna Zimmermann');
    expect(fullName({ title: '', firstName: '', lastName: ' Berg ' })).toBe('Berg');
    expect(fullName({ title: '', firstName: '', lastName: '' })).toBe('');
  });

  it('addresses a person without a name by organisation or e-mail', () => {
    expect(addresseeName(newPerson('contact', { title: 'Prof.', lastName: 'Novak' }))).toBe('Prof. Novak');
    expect(addresseeName(newPerson('partner', { organisation: 'Acme AG', email: 'info@acme.example' }))).toBe(
      'Acme AG',
    );
    expect(addresseeName(newPerson('contact', { email: 'kim@example.org' }))).toBe('kim@example.org');
  });
});

describe('recipientLines', () => {
  it('puts the organisation of an Ansprechpartner above the Anrede, the name and the address', () => {
    const contact = newPerson('contact', {
      organisation: 'Acme AG',
      salutation: 'Frau',
      title: 'Dr.',
      firstName: 'Anna',
      lastName: 'Zimmermann',
      street: 'Lindenweg 4',
      postalCode: '10115',
      city: 'Berlin',
    });
    expect(recipientLines(contact, 'de')).toEqual([
      'Acme AG',
      'Frau',
      'Dr. Anna Zimmermann',
      'Lindenweg 4',
      '10115 Berlin',
    ]);
  });

  it('prints the Anrede in the letter\'s language, before the name in English, and leaves "divers" out', () => {
    const person = newPerson('customer', { private: true, firstName: 'Jürgen', lastName: 'Weiß', city: 'Köln' });
    expect(recipientLines({ ...person, salutation: 'Frau' }, 'en')).toEqual(['Ms Jürgen Weiß', 'Köln']);
    expect(recipientLines({ ...person, salutation: 'Mr' }, 'de')).toEqual(['Herr', 'Jürgen Weiß', 'Köln']);
    expect(recipientLines({ ...person, salutation: 'Herr', title: 'Dr.' }, 'en')).toEqual(['Dr. Jürgen Weiß', 'Köln']);
    expect(recipientLines({ ...person, salutation: 'divers' }, 'de')).toEqual(['Jürgen Weiß', 'Köln']);
    expect(recipientLines({ ...person, salutation: 'Familie' }, 'de')).toEqual(['Familie', 'Jürgen Weiß', 'Köln']);
    expect(recipientLines({ ...person, salutation: 'Familie' }, 'en')).toEqual(['Familie Jürgen Weiß', 'Köln']);
  });

  it('leaves the organisation out for every kind but Ansprechpartner', () => {
    const customer = newPerson('customer', {
      private: true,
      organisation: 'Acme AG',
      firstName: 'Kim',
      lastName: 'Novak',
      city: 'Hamburg',
      country: 'Deutschland',
    });
    expect(recipientLines(customer, 'de')).toEqual(['Kim Novak', 'Hamburg', 'Deutschland']);
  });
});
