/** CSV import: Google and Outlook exports (fixtures), delimiters, quoting, mapping by the user. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { guessCsvMapping, parseImportFile, remapCsvPreview, type ImportPreview } from '../../src/formats/import';
import type { Person } from '../../src/domain/person';
import { expectImportedPerson, type ImportedFields } from '../importedPerson';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const fixture = (name: string) => parseImportFile(name, new Uint8Array(readFileSync(new URL(name, FIXTURES))));
const csv = (text: string, options = {}) => parseImportFile('liste.csv', new TextEncoder().encode(text), options);

const expectPerson = (p: Person, expected: ImportedFields) => expectImportedPerson(p, expected);
const lines = (p: ImportPreview) => p.candidates.map((c) => c.line);

describe('Google Contacts CSV', () => {
  it('old format ("Given Name", "Family Name"): names, several e-mails and phones in one cell, fax by type, quoted newlines', () => {
    const p = fixture('google-contacts-old.csv');
    expect(p.format).toBe('csv');
    expect(lines(p)).toEqual([2, 6, 7]);
    expectPerson(p.candidates[0].person, {
      title: 'Dr.',
      firstName: 'Anna',
      lastName: 'Zimmermann',
      street: 'Lindenweg 7',
      postalCode: '50667',
      city: 'Köln',
      country: 'Deutschland',
      phone: '+49 170 5550101',
      fax: '+49 221 5550199',
      email: 'anna.zimmermann@example.org',
      organisation: 'Müller, Schmidt & Partner',
      position: 'Einkäuferin',
      note: 'Kennt uns von der Messe, Stand 4\nRückruf im Mai',
    });
    expect(p.candidates[0].warnings).toEqual([
      { messageKey: 'import.warning.extraEmail', params: { email: 'a.z@example.com' } },
      { messageKey: 'import.warning.extraEmail', params: { email: 'anna@privat.example' } },
    ]);
    expectPerson(p.candidates[1].person, {
      salutation: 'Herr',
      firstName: 'Bernd Karl',
      lastName: 'Bauer',
      phone: '0228 123456',
      furtherPhones: ['0228 654321'],
      email: 'bernd.bauer@example.net',
    });
    // "Name" equals the company: not split into a person's name.
    expectPerson(p.candidates[2].person, { organisation: 'Nur Firma GmbH', phone: '030 7777777' });
    expect(p.problems).toEqual([{ line: 8, messageKey: 'import.problem.noIdentity' }]);
  });

  it('new format ("First Name", "Organization Name", "Phone 1 - Label"), with BOM', () => {
    const p = fixture('google-contacts-new.csv');
    expect(lines(p)).toEqual([2, 5]);
    expect(p.problems).toEqual([]);
    expectPerson(p.candidates[0].person, {
      salutation: 'Frau',
      firstName: 'Clara',
      lastName: 'Schulz',
      street: 'Leopoldstraße 10',
      postalCode: '80802',
      city: 'München',
      country: 'DE',
      phone: '+49 89 1234567',
      furtherPhones: ['+49 151 2345678'],
      email: 'clara@schulz-it.example',
      organisation: 'Schulz IT',
      position: 'Geschäftsführerin',
      note: 'Notiz mit "Anführungszeichen", Komma\nund Zeilenumbruch',
    });
    expectPerson(p.candidates[1].person, {
      firstName: 'David',
      lastName: 'Neumann',
      fax: '040 9876543',
      email: 'david.neumann@example.org',
    });
    expect(p.csv!.headers[0]).toBe('First Name');
  });
});

describe('Outlook CSV', () => {
  it('English headers: business address first, home address when there is no business one', () => {
    const p = fixture('outlook-en.csv');
    expect(p.problems).toEqual([]);
    expect(lines(p)).toEqual([2, 4]);
    expectPerson(p.candidates[0].person, {
      salutation: 'Mr.',
      firstName: 'John Richard',
      lastName: 'Smith',
      street: '1 Main Street, Suite 200',
      postalCode: '62701',
      city: 'Springfield',
      country: 'United States of America',
      phone: '+1 217 555 0123',
      furtherPhones: ['+1 217 555 0456', '+1 217 555 0789'],
      fax: '+1 217 555 0199',
      email: 'john.smith@acme.example',
      organisation: 'Acme, Inc.',
      position: 'Sales Manager',
      note: 'Met at the fair.\nPrefers e-mail.',
    });
    // The home address beside the business one is named, not dropped without a word.
    expect(p.candidates[0].warnings).toEqual([
      {
        messageKey: 'import.warning.extraAddress',
        params: { address: '5 Elm Road, 62629 Chatham, United States of America' },
      },
      { messageKey: 'import.warning.extraEmail', params: { email: 'jsmith@home.example' } },
    ]);
    expectPerson(p.candidates[1].person, {
      firstName: 'Jane',
      lastName: 'Doe',
      street: '22 Baker Street',
      postalCode: 'NW1 6XE',
      city: 'London',
      country: 'United Kingdom',
      phone: '+44 7700 900123',
      email: 'jane.doe@example.co.uk',
    });
  });

  it('German headers, ";"-delimited with BOM: "Herr Dr." split, an invalid e-mail left out and named', () => {
    const p = fixture('outlook-de.csv');
    expect(lines(p)).toEqual([2, 4, 5]);
    expectPerson(p.candidates[0].person, {
      salutation: 'Herr',
      title: 'Dr.',
      firstName: 'Jürgen',
      lastName: 'Müller-Lüdenscheidt',
      street: 'Königsallee 12',
      postalCode: '40212',
      city: 'Düsseldorf',
      country: 'Deutschland',
      phone: '0211 555-100',
      furtherPhones: ['0171 5551234'],
      fax: '0211 555-199',
      email: 'j.mueller@mueller-soehne.example',
      organisation: 'Müller; Söhne KG',
      position: 'Leiter Einkauf',
      note: 'Bevorzugt Anrufe vormittags; nicht vor 9 Uhr.\nZweite Zeile',
    });
    expectPerson(p.candidates[1].person, {
      salutation: 'Frau',
      firstName: 'Petra',
      lastName: 'Schäfer',
      street: 'Am Bach 3',
      postalCode: '8010',
      city: 'Graz',
      country: 'Österreich',
      phone: '+43 316 123456',
      email: 'petra.schaefer@example.at',
    });
    expect(p.problems).toEqual([]);
    expect(p.candidates[2].person.email).toBe('');
    expect(p.candidates[2].notTaken.map((x) => [x.line, x.messageKey, x.field, x.name])).toEqual([
      [5, 'validation.email', 'email', 'Adresse, Falsch'],
    ]);
  });

  it('guesses the Outlook columns it knows and leaves the rest unmapped', () => {
    const m = guessCsvMapping([
      'Anrede',
      'Vorname',
      'Nachname',
      'E-Mail-Adresse',
      'Telefon geschäftlich',
      'Mobiltelefon',
      'Fax geschäftlich',
      'Straße geschäftlich',
      'Ort geschäftlich',
      'Postleitzahl geschäftlich',
      'Land/Region geschäftlich',
      'Firma',
      'Position',
      'Notizen',
      'Geburtstag',
      'Telefon Assistent',
    ]);
    expect(Object.values(m)).toEqual([
      'salutation',
      'firstName',
      'lastName',
      'email',
      'phone',
      'furtherPhones',
      'fax',
      'street',
      'city',
      'postalCode',
      'country',
      'organisation',
      'position',
      'note',
      null,
      null,
    ]);
  });
});

describe('other CSV files', () => {
  it('maps a simple German list; "Name" beside "Vorname" is the last name', () => {
    const p = csv(
      'Vorname;Name;Straße;PLZ;Ort;E-Mail;Telefon\nMax;Mustermann;"Weg 1; Hinterhaus";10115;Berlin;max@example.org;030 123456\n',
    );
    expect(p.csv!.mapping).toEqual({
      0: 'firstName',
      1: 'lastName',
      2: 'street',
      3: 'postalCode',
      4: 'city',
      5: 'email',
      6: 'phone',
    });
    expectPerson(p.candidates[0].person, {
      firstName: 'Max',
      lastName: 'Mustermann',
      street: 'Weg 1; Hinterhaus',
      postalCode: '10115',
      city: 'Berlin',
      email: 'max@example.org',
      phone: '030 123456',
    });
    expect(p.fieldsPresent).toEqual(['firstName', 'lastName', 'street', 'postalCode', 'city', 'phone', 'email']);
  });

  it('splits a lone "Name" column into first and last name', () => {
    const p = csv('Name,Email\n"Dr. Erika Mustermann",erika@example.org\n"Mustermann, Max",max@example.org\n');
    expect([p.candidates[0].person.title, p.candidates[0].person.firstName, p.candidates[0].person.lastName]).toEqual([
      'Dr.',
      'Erika',
      'Mustermann',
    ]);
    expect([p.candidates[1].person.firstName, p.candidates[1].person.lastName]).toEqual(['Max', 'Mustermann']);
  });

  it('accepts unknown columns for the user to map, and re-reads the rows with the new mapping', () => {
    const p = csv('Nom,Prénom,Courriel\nDupont,Jean,jean@example.fr\nMartin,Claire,claire@example.fr\n');
    expect(p.csv!.mapping).toEqual({ 0: null, 1: null, 2: null });
    expect(p.candidates).toEqual([]);
    expect(p.problems.map((x) => [x.line, x.messageKey])).toEqual([
      [2, 'import.problem.noIdentity'],
      [3, 'import.problem.noIdentity'],
    ]);
    const again = remapCsvPreview(p, { 0: 'lastName', 1: 'firstName', 2: 'email' }, 'liste.csv');
    expect(again.problems).toEqual([]);
    expect(again.candidates.map((c) => [c.line, c.person.firstName, c.person.lastName, c.person.email])).toEqual([
      [2, 'Jean', 'Dupont', 'jean@example.fr'],
      [3, 'Claire', 'Martin', 'claire@example.fr'],
    ]);
    expect(again.csv!.mapping).toEqual({ 0: 'lastName', 1: 'firstName', 2: 'email' });
  });

  it('reads bank details; a contact may not have them, a customer may', () => {
    const text =
      'Vorname,Nachname,IBAN,BIC,Kontoinhaber\nMax,Muster,DE89 3704 0044 0532 0130 00,COBADEFFXXX,Max Muster\n';
    const asContact = csv(text);
    expect(asContact.problems).toEqual([]);
    expect(asContact.candidates[0].person.bankAccounts).toEqual([]);
    expect(asContact.candidates[0].notTaken.map((x) => [x.line, x.messageKey, x.field, x.name])).toEqual([
      [2, 'validation.bankCustomerOnly', 'bankAccounts', 'Muster, Max'],
    ]);
    const asCustomer = csv(text, { kind: 'customer' });
    expect(asCustomer.problems).toEqual([]);
    expect(asCustomer.candidates[0].person.kind).toBe('customer');
    expect(asCustomer.candidates[0].person.bankAccounts).toEqual([
      { iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', holder: 'Max Muster' },
    ]);
    expect(asCustomer.fieldsPresent).toEqual(['firstName', 'lastName', 'iban', 'bic', 'accountHolder']);
    const badIban = csv('Nachname,IBAN\nMuster,DE00 1234\n', { kind: 'customer' });
    expect(badIban.candidates[0].person.bankAccounts).toEqual([]);
    expect(badIban.candidates[0].notTaken.map((x) => [x.field, x.messageKey, x.params?.value])).toEqual([
      ['bankAccounts.0.iban', 'validation.iban', 'DE00 1234'],
    ]);
  });

  it('reports a row whose quotation mark is never closed and reads on from the line after it', () => {
    // The rows below it were read into its one field and lost, the message naming one row.
    for (const eol of ['\n', '\r\n']) {
      const text = ['Vorname,Nachname,Notizen', 'Anna,Alt,ok', 'Bert,Bau,"offen', 'Carl,Cool,x', 'Dora,Dach,"zu"', ''];
      const p = csv(text.join(eol));
      expect(p.candidates.map((c) => c.person.firstName)).toEqual(['Anna', 'Carl', 'Dora']);
      expect(p.candidates.map((c) => c.person.note)).toEqual(['ok', 'x', 'zu']);
      expect(p.problems).toEqual([{ line: 3, messageKey: 'import.problem.unterminatedQuote' }]);
    }
    // In the last line: named, nothing after it.
    const last = csv('Vorname,Nachname\nAnna,Alt\nBert,"Bau');
    expect(last.candidates.map((c) => c.person.firstName)).toEqual(['Anna']);
    expect(last.problems).toEqual([{ line: 3, messageKey: 'import.problem.unterminatedQuote' }]);
  });

  it("reads on after 20 such rows at most (each is read to the file's end first), then says the rest is not imported", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `P${String(i)},"offen`);
    const p = csv(['Vorname,Notizen', 'Anna,ok', ...rows, 'Zora,ok', ''].join('\n'));
    expect(p.candidates.map((c) => c.person.firstName)).toEqual(['Anna']);
    expect(p.problems).toHaveLength(21);
    expect(p.problems.slice(0, 20).every((x) => x.messageKey === 'import.problem.unterminatedQuote')).toBe(true);
    expect(p.problems[20]).toEqual({ line: 23, messageKey: 'import.problem.unterminatedQuoteRest' });
  });

  it('reads a Windows-1252 ("ANSI") file and warns about the encoding', () => {
    const bytes = Uint8Array.from('Vorname;Nachname;Ort\r\nJ\xfcrgen;Gr\xf6\xdfer;K\xf6ln \x80\r\n', (c) =>
      c.charCodeAt(0),
    );
    const p = parseImportFile('ansi.csv', bytes);
    expect(p.encoding).toBe('windows-1252');
    expect(p.warnings).toEqual([{ messageKey: 'import.warning.windows1252' }]);
    expect([p.candidates[0].person.firstName, p.candidates[0].person.lastName, p.candidates[0].person.city]).toEqual([
      'Jürgen',
      'Größer',
      'Köln €',
    ]);
  });

  it('reads a UTF-16 file with BOM (Outlook "Unicode" export)', () => {
    const text = '\uFEFFVorname\tNachname\r\nÄnne\tÖzdemir\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[i * 2] = text.charCodeAt(i) & 0xff;
      bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    const p = parseImportFile('unicode.txt', bytes);
    expect(p.encoding).toBe('utf-16le');
    expect([p.candidates[0].person.firstName, p.candidates[0].person.lastName]).toEqual(['Änne', 'Özdemir']);
  });

  it('leaves out a 100,000-character cell and names it', () => {
    const p = csv(`Vorname,Nachname,Firma\nMax,Muster,"${'x'.repeat(100_000)}"\nErika,Muster,ACME\n`);
    expect(p.candidates.map((c) => c.person.firstName)).toEqual(['Max', 'Erika']);
    expect(p.candidates[0].person.organisation).toBe('');
    expect(p.problems).toEqual([]);
    expect(p.candidates[0].notTaken).toEqual([
      {
        line: 2,
        messageKey: 'validation.tooLong',
        params: { max: 150, value: `${'x'.repeat(39)}…` },
        field: 'organisation',
        name: 'Muster, Max',
      },
    ]);
  });
});
