/**
 * Browser downloads and their file names. A download is a real one (an anchor with `download`
 * and a Blob URL), so the browser saves it under a meaningful, ASCII-only name.
 */
import { shortId } from '../../domain/shortId';

/** Letters that Unicode decomposition does not reduce to ASCII (or reduces badly for German). */
const FOLD: Partial<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ẞ: 'SS',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  // Cyrillic and Greek, transliterated simply (enough for a file name).
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'i',
  є: 'ye',
  ґ: 'g',
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

/** "Żółć, Łukasz" → "zolc-lukasz"; empty when nothing is left. */
export function fileSlug(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{ASCII}]/gu, (c) => FOLD[c] ?? FOLD[c.toLowerCase()] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * A reference for a file name that names nobody: the short form of a record's id (shortId.ts), so
 * two persons' downloads of one day differ even when imported together. File names leave the
 * app's protection — Chromium keeps every download's name in its History — so no person's name or
 * value goes into one.
 */
export function neutralRef(id: string): string {
  return shortId(id);
}

export { downloadBlob } from '../download';
