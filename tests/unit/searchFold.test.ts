/** How search folds letters (src/domain/searchFold.ts): literal forms a reader can check. */
import { describe, expect, it } from 'vitest';
import { foldAnyText, foldForSearch, foldPlain } from '../../src/domain/searchFold';
import { phoneParts, phoneTerms, searchTermsOf } from '../../src/data/core/derived';
import { personOf, traitsOf } from '../../src/bench/generate';

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

  it('folds a Latin-1 text by its table as the definition folds it (every character, and words of them)', () => {
    const latin1 = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c));
    for (const c of latin1) expect(foldForSearch(c), `U+${c.charCodeAt(0).toString(16)}`).toEqual(foldAnyText(c));
    const letters = 'aAäÄöÖüÜßéÈçÇñÑøØæÆåÅÿþÞðÐµ-.';
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647) % letters.length;
    for (let i = 0; i < 2000; i++) {
      const word = Array.from({ length: 1 + (i % 9) }, () => letters[next()]).join('');
      expect(foldForSearch(word), word).toEqual(foldAnyText(word));
    }
    for (const word of ['Müller', 'MÜLLER', 'Straße', 'Köln', 'José', 'Ærø', 'ÄÖÜ'])
      expect(foldForSearch(word)).toEqual(foldAnyText(word));
    expect(foldForSearch('Müller')).toEqual(['muller', 'mueller']);
  });

  it("gives its first form alone (foldPlain, the sort key's) for ASCII, Latin-1 and any text", () => {
    for (const word of [
      'Becker',
      'Müller',
      'MÜLLER',
      'Straße',
      'Øster',
      'Łukasz',
      'Yılmaz',
      'Οδυσσευς',
      'Anna–Lena',
      '',
    ])
      expect(foldPlain(word), word).toBe(foldForSearch(word)[0] ?? '');
  });
});

describe('a person’s search words', () => {
  it('hold each word folded, hyphenated names whole and in parts, e-mail and phone parts, each once', () => {
    const terms = searchTermsOf({
      firstName: 'Anna-Lena',
      lastName: 'Müller',
      organisation: '',
      city: 'Köln',
      email: 'al.mueller@post.example',
      phone: '0221 5550101',
      furtherPhones: [],
    });
    // A word that begins another stays (searchTermsOf: dropping it took a sort per person).
    expect([...terms].sort()).toEqual([
      '02215550101',
      '492215550101',
      '5550101',
      'al',
      'al.mueller@post.example',
      'anna',
      'anna-lena',
      'example',
      'koeln',
      'koln',
      'lena',
      'mueller',
      'muller',
      'post',
      'post.example',
    ]);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('are those of folding every word on its own (the quick paths change nothing)', () => {
    type Fields = Parameters<typeof searchTermsOf>[0];
    // The definition, word by word (as searchTermsOf read before its quick paths).
    const reference = (p: Fields): string[] => {
      const terms = new Set<string>();
      const add = (word: string) => {
        for (const form of foldForSearch(word)) if (form) terms.add(form);
      };
      for (const text of [p.firstName, p.lastName, p.organisation, p.city])
        for (const word of (text ?? '').split(/[\s,;/()]+/)) {
          add(word);
          for (const part of word.split(/[-\u2010-\u2015.']+/)) add(part);
        }
      const email = (p.email ?? '').trim();
      if (email) {
        add(email);
        add(email.slice(email.indexOf('@') + 1));
        for (const part of email.split(/[@._+-]+/)) add(part);
      }
      for (const phone of [p.phone, ...(p.furtherPhones ?? [])])
        for (const digits of [...phoneTerms(phone ?? ''), ...phoneParts(phone ?? '')]) terms.add(digits);
      return [...terms].sort();
    };
    const odd: Fields[] = [
      { firstName: 'ANNA anna', lastName: "O'Neill-Smith", organisation: 'A.B.C (Köln) GmbH', city: 'Bad\tHonnef' },
      {
        firstName: 'Jean\u2013Luc',
        lastName: 'Łukasz−Nowak',
        city: 'İstanbul; Straße/Yılmaz',
        email: ' Ä.Müller@Post.Example ',
      },
      { email: 'MAX+News@Example.COM', phone: '+49 (221) 555-0101', furtherPhones: ['0049 221 1', '', '12 34 567'] },
      { firstName: '', lastName: '', organisation: '', city: '', email: '', phone: '', furtherPhones: [] },
      {},
    ];
    const generated = Array.from({ length: 2000 }, (_, i) => personOf(i, traitsOf(i)));
    for (const p of [...odd, ...generated]) {
      const terms = searchTermsOf(p);
      expect([...terms].sort()).toEqual(reference(p));
      expect(new Set(terms).size).toBe(terms.length);
    }
  });

  it('hold a word written twice once', () => {
    expect(searchTermsOf({ firstName: 'Anna', lastName: 'ANNA', city: 'anna' })).toEqual(['anna']);
  });
});
