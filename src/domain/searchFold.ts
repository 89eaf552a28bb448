/**
 * How search compares letters: the way people type names, not the way they are written. One
 * function for the stored search words and for the query, so both sides always fold alike.
 */

/** Letters that no Unicode decomposition takes to a base letter. */
const BASE_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ı: 'i',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
};
const SPECIAL = new RegExp(`[${Object.keys(BASE_LETTERS).join('')}]`, 'g');
/** German umlauts are also typed as a following e (Mueller for Müller). */
const UMLAUT_E: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };
/** Dashes of every kind count as the hyphen, so a pasted "Anna–Lena" still finds. */
const DASHES = /[\u2010-\u2015\u2212]/g;

const ASCII = /^[ -~]*$/;

function toBase(lower: string): string {
  return lower
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL, (c) => BASE_LETTERS[c]);
}

/**
 * The forms under which a text is searched: lower case, accents and special letters to their
 * base letters (Søren → soren, Łukasz → lukasz, Yılmaz and YILMAZ → yilmaz, Straße → strasse),
 * and — when it holds ä, ö or ü — a second form with ae, oe, ue (Müller → muller, mueller).
 */
export function foldForSearch(text: string): string[] {
  // Most words are printable ASCII, which no step below changes (the directory folds 100,000 persons' words).
  if (ASCII.test(text)) return [text.toLowerCase()];
  if (LATIN1.test(text)) return foldLatin1(text);
  return foldAnyText(text);
}

/** foldForSearch by its definition: any text. */
export function foldAnyText(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase().replace(DASHES, '-');
  const plain = toBase(lower);
  const withE = toBase(lower.replace(/[äöü]/g, (c) => UMLAUT_E[c]));
  return plain === withE ? [plain] : [plain, withE];
}

/**
 * Latin-1 (Müller, Köln, José): each character folds on its own — a Latin-1 text is NFC already,
 * lower-cases within Latin-1, and its decomposition and marks are per character — so a table of
 * each character's two forms, made by the same steps as foldAnyText, gives the same forms without
 * normalizing and three regular expressions per word (the directory folds 100,000 persons' words
 * at each sign-in).
 */
const LATIN1 = /^[\0-\xff]*$/;
const PLAIN: string[] = [];
const WITH_E: string[] = [];
for (let c = 0; c < 256; c++) {
  const lower = String.fromCharCode(c).toLowerCase();
  PLAIN[c] = toBase(lower);
  WITH_E[c] = toBase(UMLAUT_E[lower] ?? lower);
}

function foldLatin1(text: string): string[] {
  const lower = text.toLowerCase();
  let plain = '';
  let withE = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    plain += PLAIN[c];
    withE += WITH_E[c];
  }
  return plain === withE ? [plain] : [plain, withE];
}

/**
 * The first of foldForSearch's forms alone (Müller → muller), without the second or an array:
 * the person list's sort key folds every name part of 100,000 persons when the directory is built.
 */
export function foldPlain(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  if (!LATIN1.test(text)) return foldAnyText(text)[0];
  const lower = text.toLowerCase();
  let plain = '';
  for (let i = 0; i < lower.length; i++) plain += PLAIN[lower.charCodeAt(i)];
  return plain;
}
