/**
 * Property tests: whatever bytes arrive (random, or valid files damaged at random), the import
 * either refuses the whole file with an ImportFileError or returns a well-formed preview whose
 * candidates all pass validation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ImportFileError, TARGET_FIELDS, parseImportFile, type ImportPreview } from '../../src/formats/import';
import { validatePerson } from '../../src/domain/validation';
import { de } from '../germanTable';

const RUNS = 300;
const enc = new TextEncoder();
const DIR = new URL('../fixtures/vcard-clients/', import.meta.url);
const FIXTURES = new URL('../fixtures/import/', import.meta.url);

const VCARD_SAMPLE = [
  readFileSync(new URL('outlook-2007.vcf', DIR), 'utf8').slice(0, 1500),
  readFileSync(new URL('John_Doe_EVOLUTION.vcf', DIR), 'utf8'),
  readFileSync(new URL('gmail-list.vcf', DIR), 'utf8'),
  'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=\r\n=FCrgen\r\nEND:VCARD\r\n',
].join('\r\n');
const CSV_SAMPLE = readFileSync(new URL('outlook-de.csv', FIXTURES), 'utf8');

/** Check the preview's shape; throws (failing the property) when something is off. */
function expectWellFormed(p: ImportPreview, fileName: string, lineCount: number): void {
  expect(['vcard', 'csv']).toContain(p.format);
  for (const c of p.candidates) {
    expect(Number.isInteger(c.line) && c.line >= 1 && c.line <= lineCount).toBe(true);
    expect(c.person.source).toBe(`import:${fileName}`);
    expect(validatePerson(c.person)).toEqual([]);
    // A name, an e-mail address or a phone number is left (fields that fail validation are not).
    const { firstName, lastName, organisation, email, phone, furtherPhones } = c.person;
    expect(Boolean(firstName || lastName || organisation || email || phone || furtherPhones.length)).toBe(true);
    for (const w of [...c.warnings, ...c.notTaken]) expect(de[w.messageKey]).toBeTruthy();
  }
  for (const problem of p.problems) {
    expect(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineCount).toBe(true);
    expect(de[problem.messageKey]).toBeTruthy();
  }
  for (const f of p.fieldsPresent) expect(TARGET_FIELDS).toContain(f);
}

/** Run the import; an ImportFileError is a fine answer, unless it is the safety net. */
function check(bytes: Uint8Array, text?: string): void {
  try {
    const p = parseImportFile('zufall.txt', bytes);
    // Random bytes may be read as UTF-16 or Windows-1252: bound the lines by the byte count.
    expectWellFormed(p, 'zufall.txt', text === undefined ? bytes.length + 1 : text.split(/\r\n|\r|\n/).length);
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    expect(e.messageKey).not.toBe('import.error.unreadable');
  }
}

/** A text damaged by a few random edits: deletions, insertions, duplicated slices. */
const damaged = (sample: string) =>
  fc
    .array(
      fc.record({
        at: fc.nat({ max: sample.length }),
        cut: fc.nat({ max: 40 }),
        insert: fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            '\r\n',
            '\n ',
            '=',
            '=\r\n',
            ';',
            ',',
            '"',
            ':',
            '\\',
            'BEGIN:VCARD\r\n',
            'END:VCARD\r\n',
            '=C3',
            ';TYPE=',
            'x'.repeat(300),
          ),
        ),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((edits) =>
      edits.reduce((text, { at, cut, insert }) => {
        const i = Math.min(at, text.length);
        return text.slice(0, i) + insert + text.slice(i + cut);
      }, sample),
    );

describe('import properties', () => {
  it('random text never breaks the import', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => check(enc.encode(text), text)),
      { numRuns: RUNS },
    );
  });

  it('random bytes never break the import', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => check(bytes)),
      { numRuns: RUNS },
    );
  });

  it('damaged vCard files never break the import', () => {
    fc.assert(
      fc.property(damaged(VCARD_SAMPLE), (text) => check(enc.encode(text), text)),
      { numRuns: RUNS },
    );
  });

  it('damaged CSV files never break the import', () => {
    fc.assert(
      fc.property(damaged(CSV_SAMPLE), (text) => check(enc.encode(text), text)),
      { numRuns: RUNS },
    );
  });

  it('random field values in a vCard land in the person or in a problem', () => {
    const value = fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ' '));
    fc.assert(
      fc.property(value, value, value, (last, first, email) => {
        const text = `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${last};${first}\r\nEMAIL:${email}\r\nEND:VCARD\r\n`;
        const p = parseImportFile('k.vcf', enc.encode(text));
        expectWellFormed(p, 'k.vcf', 6);
        expect(p.candidates.length + (p.problems.length ? 1 : 0)).toBe(1);
      }),
      { numRuns: RUNS },
    );
  });
});
