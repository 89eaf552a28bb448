/**
 * Bytes to text. Contact apps write UTF-8 (with or without BOM), UTF-16 (Outlook "Unicode"
 * exports) or the Windows "ANSI" code page; the first that fits wins, and binary files (images,
 * archives) are refused before any parsing.
 */
import { ImportFileError, type ImportMessage } from './types';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  warnings: ImportMessage[];
}

const SAMPLE = 64 * 1024;

/** Windows-1252 0x80–0x9F (€, „, “ …); the rest of the code page is Latin-1. 0 = undefined. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/**
 * Windows-1252 by hand: Node's TextDecoder (v20) reads 0x80–0x9F as Latin-1 control characters
 * instead of €, „ and “, so it cannot be trusted for "ANSI" files.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] || b : b,
    );
    out += String.fromCharCode(...chunk);
  }
  return out;
}

/** Whether a charset label means Windows-1252 (as WHATWG reads "iso-8859-1", "latin1" …). */
export function isWindows1252(label: string): boolean {
  try {
    return new TextDecoder(label).encoding === 'windows-1252';
  } catch {
    return false;
  }
}

function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4) return null;
  if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be';
  return null;
}

/** Control characters other than tab and line breaks, and U+FFFD, betray binary content. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) odd++;
  }
  return odd > Math.max(8, sample.length * 0.02);
}

export function decodeImportBytes(bytes: Uint8Array): DecodedText {
  let encoding: DecodedText['encoding'] = 'utf-8';
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, body] = ['utf-16le', bytes.subarray(2)];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, body] = ['utf-16be', bytes.subarray(2)];
  else encoding = utf16WithoutBom(bytes) ?? 'utf-8';

  const warnings: ImportMessage[] = [];
  let text: string;
  if (encoding !== 'utf-8') text = new TextDecoder(encoding).decode(body);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      // Not UTF-8: most likely an "ANSI" export from Windows. Umlauts should be checked.
      encoding = 'windows-1252';
      text = decodeWindows1252(body);
      warnings.push({ messageKey: 'import.warning.windows1252' });
    }
  }
  if (looksBinary(text)) throw new ImportFileError('import.error.binary');
  return { text: text.replace(/^\uFEFF/, ''), encoding, warnings };
}
