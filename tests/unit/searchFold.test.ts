/** How search folds letters (src/domain/searchFold.ts): literal forms a reader can check. */
import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../src/domain/searchFold';
import { searchTermsOf } from '../../src/data/core/derived';

describe('foldForSearch', () => {
  it('lower-cases and takes accents to their base letters', () => {
    expect(foldForSearch('Schmidt')).toEqual(['schmidt']);
    expect(foldForSearch('Søren')).toEqual(['soren']);
    expect(foldForSearch('Łukasz')).toEqual(['lukasz']);
    expect(foldForSearch('Ångström')).toEqual(['angstrom', 'angstroem']);
    expect(foldForSearch('Æbeltoft')).toEqual(['aebeltoft']);
    expect(foldForSearch('François')).toEqual(['francois']);
    expect(foldForSearch('Dvořák')).toEqual(['dvorak']);
  });

  it('gives German umlauts both as the base letter and with e', () => {
    expect(foldForSearch('Müller')).toEqual(['muller', 'mueller']);
    expect(foldForSearch('Schäfer')).toEqual(['schafer', 'schaefer']);
    expect(foldForSearch('KÖRNER')).toEqual(['korner', 'koerner']);
    // Decomposed input (u + combining diaeresis) folds the same.
    expect(foldForSearch('Mu\u0308ller')).toEqual(['muller', 'mueller']);
  });

  it('takes ß to ss and the Turkish dotless and dotted i to i', () => {
    expect(foldForSearch('Straße')).toEqual(['strasse']);
    expect(foldForSearch('Yılmaz')).toEqual(['yilmaz']);
    expect(foldForSearch('YILMAZ')).toEqual(['yilmaz']);
    expect(foldForSearch('İstanbul')).toEqual(['istanbul']);
  });

  it('counts every dash as a hyphen', () => {
    expect(foldForSearch('Anna\u2013Lena')).toEqual(['anna-lena']);
  });
});

describe('a person’s search words', () => {
  it('hold each word folded, hyphenated names whole and in parts, e-mail and phone parts, no word that begins another', () => {
    expect(
      searchTermsOf({
        firstName: 'Anna-Lena',
        lastName: 'Müller',
        organisation: '',
        city: 'Köln',
        email: 'al.mueller@post.example',
        phone: '0221 5550101',
        furtherPhones: [],
      }),
    ).toEqual([
      '02215550101',
      '492215550101',
      '5550101',
      'al.mueller@post.example',
      'anna-lena',
      'example',
      'koeln',
      'koln',
      'lena',
      'mueller',
      'muller',
      'post.example',
    ]);
  });
});
