// The Art. 20 CSV export: BOM, labels, CRLF, RFC 4180 quoting and defused formula cells.
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPersonsCsv } from '../../src/formats/csv/write';
import { loadLanguage } from '../../src/i18n/messages';
import { samplePerson } from './sample-data';

// The English header row is checked too.
beforeAll(() => loadLanguage('en'));

describe('exportPersonsCsv', () => {
  /** Minimal RFC 4180 reader, to check the writer independently; `;` as a German file is separated. */
  function parseCsv(text: string, separator: ',' | ';' = ';'): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === separator) {
        row.push(field);
        field = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
        i++;
      } else field += c;
    }
    return rows;
  }

  const tricky = samplePerson('Søren', 'Ærø', {
    organisation: 'Müller, Meier & Söhne',
    note: 'Sagt "bitte nur vormittags",\nzweite Zeile\r\ndritte',
    position: '=HYPERLINK("http://evil")',
    phone: '+49 30 1234567',
  });

  it('starts with a BOM and a header row of labels, ends lines with CRLF', () => {
    const csv = exportPersonsCsv([tricky], 'de');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toContain('Vorname');
    expect(rows[0]).toContain('Weitere Telefonnummern');
    expect(rows[0]).toContain('IBAN');
    expect(parseCsv(exportPersonsCsv([], 'en').slice(1), ',')[0]).toContain('First name');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it("writes stored codes as the labels of the file's language: Art, Privat and Herkunft", () => {
    for (const [lang, kind, yes, source] of [
      ['de', 'Kunde', 'Ja', 'Importiert aus der Datei „kontakte-2024.vcf“'],
      ['en', 'Customer', 'Yes', 'Imported from the file “kontakte-2024.vcf”'],
    ] as const) {
      const [header, row] = parseCsv(
        exportPersonsCsv([samplePerson('Jiří', 'Dvořák')], lang).slice(1),
        lang === 'de' ? ';' : ',',
      );
      const value = (label: string) => row[header.indexOf(label)];
      expect(value(lang === 'de' ? 'Art' : 'Kind')).toBe(kind);
      expect(value(lang === 'de' ? 'Privat' : 'Private')).toBe(yes);
      expect(row).toContain(source);
      expect(row).not.toContain('customer');
    }
    const entered = samplePerson('Jiří', 'Dvořák', { kind: 'contact', private: false, source: 'manual' });
    const [, row] = parseCsv(exportPersonsCsv([entered], 'de').slice(1));
    // A contact is always a natural person: "Privat" as the form shows it, ticked (its stored box is no choice).
    expect(row).toEqual(expect.arrayContaining(['Ansprechpartner', 'Ja', 'Manuell erfasst']));
  });

  it('quotes commas, quotes and line breaks so that every value reads back (formula starts neutralised)', () => {
    const rows = parseCsv(exportPersonsCsv([tricky, samplePerson('Jiří', 'Dvořák')], 'de').slice(1));
    expect(rows).toHaveLength(3);
    const header = rows[0];
    const col = (label: string) => header.indexOf(label);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    expect(rows[1][col('Firma')]).toBe('Müller, Meier & Söhne');
    expect(rows[1][col('Notiz')]).toBe(tricky.note);
    expect(rows[1][col('Vorname')]).toBe('Søren');
    // A spreadsheet would evaluate "+49 30 …" as a formula: neutralised like every other (write.ts).
    expect(rows[1][col('Telefon')]).toBe("'+49 30 1234567");
    expect(rows[1][col('Weitere Telefonnummern')]).toBe("'+49 171 2345678 | +49 30 7654321");
    expect(rows[2][col('Name')]).toBe('Dvořák');
    expect(exportPersonsCsv([tricky], 'de')).toContain('"Sagt ""bitte nur vormittags"",\nzweite Zeile\r\ndritte"');
  });

  it('defuses cells that a spreadsheet would run as a formula', () => {
    const rows = parseCsv(exportPersonsCsv([tricky], 'de').slice(1));
    expect(rows[1][rows[0].indexOf('Position')]).toBe(`'=HYPERLINK("http://evil")`);
  });
});
