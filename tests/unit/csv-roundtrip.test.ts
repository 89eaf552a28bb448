/**
 * The app's own person CSV (exportPersonsCsv, also the Art. 20 CSV) read back by its own CSV
 * import: the apostrophes the writer puts before formula characters are taken away again, and
 * only those; lists (" | ") are split again; each row's kind and "Privat" come back as written;
 * the header labels of both languages are recognised.
 * A file from another program keeps its apostrophes and its " | ".
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { neutraliseFormulas, restoreFormulas } from '../../src/formats/csv/personColumns';
import { csvField, exportPersonsCsv } from '../../src/formats/csv/write';
import { findLikelyDuplicates, parseImportFile } from '../../src/formats/import';
import { isNaturalPerson, newPerson, type Person } from '../../src/domain/person';
import { buildPlan } from '../../src/ui/import/plan';
import { loadLanguage } from '../../src/i18n/messages';
import { samplePerson } from './sample-data';

beforeAll(() => loadLanguage('en'));

const enc = new TextEncoder();

/** The fields the CSV carries and the import fills. */
const carried = (p: Person) => ({
  salutation: p.salutation,
  title: p.title,
  firstName: p.firstName,
  lastName: p.lastName,
  street: p.street,
  postalCode: p.postalCode,
  city: p.city,
  country: p.country,
  phone: p.phone,
  furtherPhones: p.furtherPhones,
  fax: p.fax,
  email: p.email,
  bankAccounts: p.bankAccounts,
  organisation: p.organisation,
  position: p.position,
  note: p.note,
});

const jürgen = samplePerson('Jürgen', 'Größer-Ärmel', {
  phone: '+49 30 1234567',
  furtherPhones: ['+49 171 2345678', '-30 123 456', '+43 316 123456'],
  fax: '+49 30 1234568',
  bankAccounts: [
    { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', holder: 'Jürgen Größer-Ärmel' },
    { iban: 'DE02120300000000202051', bic: '', holder: 'Ömer Öztürk, Ümit Ünal' },
  ],
  organisation: 'Müller; Söhne, KG',
  position: '=HYPERLINK("http://evil.example")',
  note: 'Zeile 1\n- Punkt; =x\n+ Plus, @Gruß\n  ä ö ü ß Ä Ö Ü',
});

/** Apostrophes typed on purpose, before formula characters too: they stay. */
const oNeil = samplePerson('Siobhán', "O'Neil", {
  id: 'person-2',
  phone: '',
  furtherPhones: [],
  bankAccounts: [],
  organisation: "'s-Hertogenbosch B.V.",
  position: "'=kein Formel",
  note: "''+zwei Apostrophe\n'- eins; '@drei",
  street: "Rue de l'Église 4",
});

describe('the person CSV read back by the CSV import', () => {
  it.each(['de', 'en'] as const)('gives back every value it carries (%s labels)', (lang) => {
    const csv = exportPersonsCsv([jürgen, oNeil], lang);
    const p = parseImportFile('export.csv', enc.encode(csv), { kind: 'customer' });
    expect(p.format).toBe('csv');
    expect(p.problems).toEqual([]);
    expect(p.candidates.map((c) => c.notTaken)).toEqual([[], []]);
    expect(p.candidates.map((c) => c.warnings)).toEqual([[], []]);
    expect(p.candidates.map((c) => carried(c.person))).toEqual([carried(jürgen), carried(oNeil)]);
    // Kind and "Privat" are the rows' own, the source is the imported file, dates are the data layer's.
    for (const c of p.candidates) {
      expect(c.person.kind).toBe('customer');
      expect(c.person.private).toBe(true);
      expect(c.person.source).toBe('import:export.csv');
    }
  });

  it.each(['de', 'en'] as const)(
    'gives back each person’s kind and "Privat", whatever the batch’s choice (%s labels)',
    (lang) => {
      const company = newPerson('customer', { id: 'c', organisation: 'Müller KG', email: 'info@mueller.example' });
      const companyContact = newPerson('partner', { id: 'p', private: true, firstName: 'Petra', lastName: 'Paul' });
      const person = newPerson('contact', { id: 'a', firstName: 'Anna', lastName: 'Alt', email: 'anna@example.org' });
      const book = [company, companyContact, person];
      const classes = (ps: Person[]) => ps.map((p) => [p.kind, p.private, isNaturalPerson(p)]);
      // The dialog's batch choice is the opposite of each: prospects, private.
      const p = parseImportFile('export.csv', enc.encode(exportPersonsCsv(book, lang)), { kind: 'prospect' });
      expect(p.problems).toEqual([]);
      const plan = buildPlan(p.candidates, findLikelyDuplicates(p.candidates, []), new Map(), {}, null, true);
      expect(classes(plan.persons)).toEqual(classes(book));
      expect(classes(plan.persons)).toEqual([
        ['customer', false, false],
        ['partner', true, true],
        ['contact', false, true],
      ]);
    },
  );

  it('reads the file the same after a spreadsheet saved it again with commas and without BOM', () => {
    const rows = Papa.parse<string[]>(exportPersonsCsv([jürgen, oNeil], 'de').slice(1), { delimiter: ';' }).data;
    const csv = Papa.unparse(rows, { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    const p = parseImportFile('export.csv', enc.encode(csv), { kind: 'customer' });
    expect(p.problems).toEqual([]);
    expect(p.candidates.map((c) => carried(c.person))).toEqual([carried(jürgen), carried(oNeil)]);
    // The preview's table shows the values, not the apostrophes.
    expect(p.csv!.rows[0].cells).toContain(jürgen.note);
    expect(p.csv!.rows[0].cells).toContain('+49 30 1234567');
  });
});

describe('purpose and Sperrvermerk in the person CSV', () => {
  const locked = samplePerson('Lea', 'Schulte', {
    id: 'person-3',
    purposeId: 'purpose-contract',
    lock: { at: '2026-03-02T09:15:00.000Z', byUserId: 'u1', reason: 'Rechtsstreit; Art. 18 Abs. 1 lit. c' },
  });
  const names = new Map([['purpose-contract', 'Vertraglicher Zweck']]);

  it.each(['de', 'en'] as const)('are written as columns: purpose by name, locked, since, reason (%s)', (lang) => {
    const csv = exportPersonsCsv([locked, { ...jürgen, purposeId: '', lock: null }], lang, names);
    const [head, first, second] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    const cell = (row: string[], label: string) => row[head.indexOf(label)];
    const labels =
      lang === 'de'
        ? ['Verwendungszweck', 'Gesperrt (Art. 18 DSGVO)', 'Gesperrt seit (UTC, ISO 8601)', 'Grund der Sperre']
        : ['Purpose', 'Locked (Art. 18 GDPR)', 'Locked since (UTC, ISO 8601)', 'Reason for the lock'];
    expect(head.slice(-4)).toEqual(labels);
    expect(labels.map((l) => cell(first, l))).toEqual([
      'Vertraglicher Zweck',
      lang === 'de' ? 'Ja' : 'Yes',
      '2026-03-02T09:15:00.000Z',
      'Rechtsstreit; Art. 18 Abs. 1 lit. c',
    ]);
    expect(labels.map((l) => cell(second, l))).toEqual(['', lang === 'de' ? 'Nein' : 'No', '', '']);
  });

  it.each(['de', 'en'] as const)(
    'read back: the file is still our own and every other value comes back; neither purpose nor lock is set from it (%s)',
    (lang) => {
      const csv = exportPersonsCsv([locked, jürgen], lang, names);
      const p = parseImportFile('export.csv', enc.encode(csv), { kind: 'customer' });
      expect(p.problems).toEqual([]);
      expect(p.candidates.map((c) => c.notTaken)).toEqual([[], []]);
      expect(p.candidates.map((c) => carried(c.person))).toEqual([carried(locked), carried(jürgen)]);
      // Our own file: the apostrophe before the phone number is taken away again.
      expect(p.candidates[1].person.phone).toBe('+49 30 1234567');
      for (const c of p.candidates) {
        expect(c.person.lock).toBeNull();
        expect(c.person.purposeId).toBe('');
      }
    },
  );

  it('reads a file written before these columns were added as our own too', () => {
    const rows = Papa.parse<string[]>(exportPersonsCsv([jürgen], 'de', names).slice(1), { delimiter: ';' }).data;
    const before = Papa.unparse(
      rows.map((r) => r.slice(0, -4)),
      { delimiter: ';', newline: '\r\n', skipEmptyLines: true },
    );
    const p = parseImportFile('export.csv', enc.encode(before), { kind: 'customer' });
    expect(p.problems).toEqual([]);
    expect(p.candidates.map((c) => carried(c.person))).toEqual([carried(jürgen)]);
  });
});

describe("another program's CSV", () => {
  it('keeps apostrophes and " | " as they are', () => {
    const p = parseImportFile(
      'liste.csv',
      enc.encode(
        "Vorname;Nachname;Mobiltelefon;Notizen;Firma\nAnna;Alt;0171 111 | 0172 222;\"'=x\n'- y\";'+Firma\nBert;Bau;'+49 30 1;;\n",
      ),
    );
    expect(p.candidates.map((c) => [c.person.note, c.person.organisation])).toEqual([
      ["'=x\n'- y", "'+Firma"],
      ['', ''],
    ]);
    expect(p.candidates[0].notTaken.map((x) => [x.field, x.params?.value])).toEqual([['phone', '0171 111 | 0172 222']]);
    expect(p.candidates[1].notTaken.map((x) => [x.field, x.params?.value])).toEqual([['phone', "'+49 30 1"]]);
  });
});

describe('the apostrophes before formula characters', () => {
  it('count an apostrophe typed at a cell start as part of it, so that it stays', () => {
    expect(csvField("'=1")).toBe("''=1");
    expect(csvField("x; ''+1")).toBe(`"x; '''+1"`);
    expect(csvField("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
    expect(restoreFormulas("''=1")).toBe("'=1");
    expect(restoreFormulas("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
  });

  it('are taken away exactly: restoring a neutralised value gives the value, whatever it holds', () => {
    const text = fc
      .array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', ',', ';', ' ', '"', 'a', 'ä'), {
        maxLength: 24,
      })
      .map((chars) => chars.join(''));
    fc.assert(fc.property(text, (value) => restoreFormulas(neutraliseFormulas(value)) === value));
  });
});
