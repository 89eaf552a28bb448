/**
 * vCard 4.0 writer (RFC 6350) for the Art. 20 export: text escaping (§3.4), line folding at 75
 * octets without splitting a UTF-8 sequence (§3.2), CRLF line ends.
 */
import { fullName, isNaturalPerson, type Person } from '../../domain/person';

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** Escapes a text value: backslash, comma, semicolon and line breaks (RFC 6350 §3.4). */
export function escapeVcardText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A structured value (N, ADR): components separated by ';', list items within one by ','. */
function structured(components: (string | string[])[]): string {
  return components
    .map((c) => (Array.isArray(c) ? c.filter(Boolean).map(escapeVcardText).join(',') : escapeVcardText(c)))
    .join(';');
}

/**
 * Folds a content line into lines of at most 75 octets; continuation lines start with a space,
 * which counts towards their 75. Cuts fall between code points, never inside a UTF-8 sequence.
 */
export function foldVcardLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0); // a string's characters are never empty
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** vCard 4.0 "timestamp": 20250304T162000Z. */
function vcardTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time)
    ? ''
    : new Date(time)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
}

/** The person as a vCard 4.0 (one card, CRLF line ends, folded lines). */
export function exportPersonVcard(person: Person): string {
  const p = person;
  const name = fullName(p);
  // Business contacts get work addresses; private persons home.
  const type = isNaturalPerson(p) && p.kind !== 'contact' ? 'home' : 'work';
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:4.0', 'PRODID:-//Consentbook//Consentbook//DE'];
  lines.push(`KIND:${name ? 'individual' : 'org'}`);
  lines.push(`FN:${escapeVcardText(name || p.organisation || p.email)}`);
  if (p.firstName || p.lastName || p.salutation || p.title) {
    // N: family; given; additional; honorific prefixes; honorific suffixes
    lines.push(`N:${structured([p.lastName, p.firstName, '', [p.salutation, p.title], ''])}`);
  }
  if (p.street || p.postalCode || p.city || p.country) {
    // ADR: PO box; extended; street; locality; region; postal code; country
    lines.push(`ADR;TYPE=${type}:${structured(['', '', p.street, p.city, '', p.postalCode, p.country])}`);
  }
  // TEL's default value type is a URI; free-form numbers need VALUE=text.
  if (p.phone) lines.push(`TEL;TYPE=voice;VALUE=text;PREF=1:${escapeVcardText(p.phone)}`);
  for (const phone of p.furtherPhones) if (phone) lines.push(`TEL;TYPE=voice;VALUE=text:${escapeVcardText(phone)}`);
  if (p.fax) lines.push(`TEL;TYPE=fax;VALUE=text:${escapeVcardText(p.fax)}`);
  if (p.email) lines.push(`EMAIL;TYPE=${type}:${escapeVcardText(p.email)}`);
  if (p.organisation) lines.push(`ORG:${structured([p.organisation])}`);
  if (p.position) lines.push(`TITLE:${escapeVcardText(p.position)}`);
  if (p.note) lines.push(`NOTE:${escapeVcardText(p.note)}`);
  const rev = vcardTimestamp(p.updatedAt);
  if (rev) lines.push(`REV:${rev}`);
  lines.push('END:VCARD');
  return lines.map(foldVcardLine).join(CRLF) + CRLF;
}
