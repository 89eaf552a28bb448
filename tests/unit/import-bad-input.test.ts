/** Whole files that cannot be imported, and damaged ones: a clear message, never a stray exception. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportFileError, MAX_IMPORT_BYTES, parseImportFile } from '../../src/formats/import';
import { de } from '../germanTable';
import { en } from '../../src/i18n/en';
import { loadLanguage, t } from '../../src/i18n/messages';

const enc = new TextEncoder();

function fileError(bytes: Uint8Array): ImportFileError {
  try {
    parseImportFile('datei', bytes);
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('expected an ImportFileError');
}

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
  0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49,
  0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
  0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

beforeAll(() => loadLanguage('en'));

describe('whole-file errors', () => {
  it('refuses a file over the size limit before reading it', () => {
    // All zero bytes: read, this would be "binary"; the size check comes first.
    const e = fileError(new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(e.messageKey).toBe('import.error.tooLarge');
    expect(e.params).toEqual({ size: 20, max: 20 });
    expect(t('de', e.messageKey, e.params)).toBe(
      'Die Datei ist zu groß (20 MB); importiert werden können höchstens 20 MB.',
    );
  });

  it('refuses images and other binary files', () => {
    expect(fileError(PNG).messageKey).toBe('import.error.binary');
    expect(fileError(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).messageKey).toBe(
      'import.error.binary',
    );
  });

  it('refuses empty files, blank files and a lone BOM', () => {
    expect(fileError(new Uint8Array()).messageKey).toBe('import.error.empty');
    expect(fileError(enc.encode(' \r\n\t\n')).messageKey).toBe('import.error.empty');
    expect(fileError(Uint8Array.from([0xef, 0xbb, 0xbf])).messageKey).toBe('import.error.empty');
  });

  it('refuses text that is neither vCard nor CSV', () => {
    expect(
      fileError(enc.encode('Lieber Herr Müller\n\nanbei wie besprochen die Unterlagen.\nViele Grüße')).messageKey,
    ).toBe('import.error.unknownFormat');
    expect(fileError(enc.encode('a'.repeat(100_000))).messageKey).toBe('import.error.unknownFormat');
    expect(fileError(enc.encode('{"persons": [{"name": "Max"}]}')).messageKey).toBe('import.error.unknownFormat');
    expect(t('en', 'import.error.unknownFormat')).toBe('The file is not a vCard or CSV file.');
  });

  it('has every import message in German and English', () => {
    const keys = Object.keys(de).filter((k) => k.startsWith('import.'));
    expect(keys.length).toBeGreaterThan(15);
    for (const k of keys) expect((en as Record<string, string>)[k], k).toBeTruthy();
  });
});

describe('damaged files', () => {
  it('a vCard file cut off in the middle of its last card keeps the complete cards', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ganz;Gustav\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Hal';
    const p = parseImportFile('cut.vcf', enc.encode(text));
    expect(p.candidates.map((c) => c.person.lastName)).toEqual(['Ganz']);
    expect(p.problems).toEqual([{ line: 5, messageKey: 'import.problem.missingEnd' }]);
    expect(t('de', 'import.problemAt', { line: 5, reason: t('de', p.problems[0].messageKey) })).toBe(
      'Zeile 5: Die Visitenkarte endet nicht mit END:VCARD (Datei abgeschnitten?); sie wird nicht importiert.',
    );
  });

  it('a vCard file in Latin-1 (not UTF-8) is read as Windows-1252 with a warning', () => {
    const text =
      'BEGIN:VCARD\r\nVERSION:2.1\r\nN:M\xfcller;J\xfcrgen\r\nADR;WORK:;;Stra\xdfe 1;K\xf6ln;;50667;\r\nEND:VCARD\r\n';
    const p = parseImportFile(
      'latin1.vcf',
      Uint8Array.from(text, (c) => c.charCodeAt(0)),
    );
    expect(p.encoding).toBe('windows-1252');
    expect(p.warnings).toEqual([{ messageKey: 'import.warning.windows1252' }]);
    const person = p.candidates[0].person;
    expect([person.lastName, person.firstName, person.street, person.city]).toEqual([
      'Müller',
      'Jürgen',
      'Straße 1',
      'Köln',
    ]);
  });

  it('a vCard with junk before the first card reports the junk and reads the card', () => {
    const p = parseImportFile('x.vcf', enc.encode('Von: Outlook\r\n\r\nBEGIN:VCARD\r\nFN:Anna Alt\r\nEND:VCARD\r\n'));
    expect(p.problems).toEqual([{ line: 1, messageKey: 'import.problem.strayText' }]);
    expect(p.candidates[0].person.lastName).toBe('Alt');
  });

  it('a CSV file with only its header gives an empty preview', () => {
    const p = parseImportFile('leer.csv', enc.encode('Vorname;Nachname;E-Mail\r\n'));
    expect(p).toMatchObject({ format: 'csv', candidates: [], problems: [], fieldsPresent: [] });
  });
});
