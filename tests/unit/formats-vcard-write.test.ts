// vCard 4.0 export: parse it back (unfold, split properties, unescape) and compare field by field.
import { describe, expect, it } from 'vitest';
import { escapeVcardText, exportPersonVcard, foldVcardLine } from '../../src/formats/vcard/write';
import { NAMES, samplePerson } from './sample-data';

interface VcardProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** Independent reader: RFC 6350 §3.2 unfolding, then NAME;PARAM=x:VALUE per line. */
function parseVcard(text: string): VcardProperty[] {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      const [name, ...params] = line.slice(0, colon).split(';');
      return {
        name: name.toUpperCase(),
        params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])),
        value: line.slice(colon + 1),
      };
    });
}

/** Splits on unescaped separators, then unescapes each piece. */
function splitUnescape(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      current += c + (value[i + 1] ?? '');
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}
const unescape = (s: string) => s.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const text = (s: string) => unescape(s);
const components = (s: string) => splitUnescape(s, ';').map(unescape);

describe('exportPersonVcard', () => {
  it.each(NAMES)('round-trips %s %s field by field', (first, last) => {
    const p = samplePerson(first, last, {
      organisation: 'Müller; Meier, Söhne \\ Partner',
      note: 'Zeile 1, mit Komma; Semikolon\nZeile 2 \\ Backslash',
    });
    const vcard = exportPersonVcard(p);
    const props = parseVcard(vcard);
    const one = (name: string) => {
      const found = props.filter((x) => x.name === name);
      expect(found, name).toHaveLength(1);
      return found[0];
    };
    expect(props[0]).toMatchObject({ name: 'BEGIN', value: 'VCARD' });
    expect(props[1]).toMatchObject({ name: 'VERSION', value: '4.0' });
    expect(props.at(-1)).toMatchObject({ name: 'END', value: 'VCARD' });
    expect(text(one('FN').value)).toBe(`Dr. ${first} ${last}`);
    expect(components(one('N').value)).toEqual([last, first, '', 'Herr,Dr.', '']);
    const adr = one('ADR');
    expect(adr.params.TYPE).toBe('home');
    expect(components(adr.value)).toEqual(['', '', p.street, p.city, '', p.postalCode, p.country]);
    const tels = props.filter((x) => x.name === 'TEL');
    expect(tels.filter((x) => x.params.TYPE === 'voice').map((x) => text(x.value))).toEqual([
      p.phone,
      ...p.furtherPhones,
    ]);
    expect(tels.filter((x) => x.params.TYPE === 'fax').map((x) => text(x.value))).toEqual([p.fax]);
    expect(text(one('EMAIL').value)).toBe(p.email);
    expect(components(one('ORG').value)).toEqual([p.organisation]);
    expect(text(one('TITLE').value)).toBe(p.position);
    expect(text(one('NOTE').value)).toBe(p.note);
    expect(one('REV').value).toBe('20250304T162000Z');
  });

  it('escapes backslash, comma, semicolon and line breaks', () => {
    expect(escapeVcardText('a\\b,c;d\ne\r\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
    const vcard = exportPersonVcard(samplePerson('A', 'B', { note: 'x,y;z\\w\nv' }));
    expect(vcard).toContain('NOTE:x\\,y\\;z\\\\w\\nv\r\n');
  });

  it('folds long lines at 75 octets without splitting UTF-8 sequences', () => {
    const note = 'Żółć Παπαδόπουλος Дмитрий 😀 '.repeat(12);
    const vcard = exportPersonVcard(samplePerson('Γιώργος', 'Παπαδόπουλος', { note }));
    const physical = vcard.split('\r\n').filter(Boolean);
    const encoder = new TextEncoder();
    for (const line of physical) {
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
      // No lone surrogate: a cut inside an astral character would leave one.
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
    expect(text(parseVcard(vcard).find((x) => x.name === 'NOTE')!.value)).toBe(note);
    // Lines are filled: a folded line is cut only when the next character would not fit.
    const folded = foldVcardLine(`NOTE:${'ä'.repeat(100)}`).split('\r\n');
    expect(encoder.encode(folded[0]).length).toBe(75); // "NOTE:" 5 + 35 × 2
    expect(encoder.encode(folded[1]).length).toBe(75); // space + 37 × 2
  });

  it('leaves out empty properties and names an organisation without a person name', () => {
    const vcard = exportPersonVcard(
      samplePerson('', '', {
        salutation: '',
        title: '',
        kind: 'partner',
        private: false,
        organisation: 'Acme AG',
        street: '',
        postalCode: '',
        city: '',
        country: '',
        phone: '',
        furtherPhones: [],
        fax: '',
        note: '',
      }),
    );
    const props = parseVcard(vcard);
    expect(props.find((x) => x.name === 'FN')!.value).toBe('Acme AG');
    expect(props.find((x) => x.name === 'KIND')!.value).toBe('org');
    for (const name of ['N', 'ADR', 'TEL', 'NOTE'])
      expect(
        props.some((x) => x.name === name),
        name,
      ).toBe(false);
  });
});
