/** The vCard parser on hand-written cards: parameters, encodings, structure, mapping, limits. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { cardToDraft, parseImportFile, parseVCards, readVCards } from '../../src/formats/import';
import { classifiedPerson } from '../../src/ui/import/plan';

const enc = new TextEncoder();
const vcf = (text: string) => parseImportFile('kontakte.vcf', enc.encode(text));
const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n');

describe('vCard properties', () => {
  it('reads TYPE=WORK,VOICE, TYPE=work;TYPE=fax, TYPE="home,fax" and 2.1 bare ;WORK;FAX alike', () => {
    const { cards } = readVCards(
      card(
        'TEL;TYPE=WORK,VOICE:1',
        'TEL;TYPE=work;TYPE=fax:2',
        'TEL;TYPE="home,fax":3',
        'TEL;WORK;FAX:4',
        'item1.TEL;type=pref:5',
      ),
    );
    const tels = cards[0].properties.filter((p) => p.name === 'TEL');
    expect(tels.map((t) => t.params.TYPE)).toEqual([
      ['work', 'voice'],
      ['work', 'fax'],
      ['home', 'fax'],
      ['work', 'fax'],
      ['pref'],
    ]);
    expect(tels[4].group).toBe('item1');
  });

  it('undoes escapes \\, \\; \\n and keeps structured components apart', () => {
    const p = vcf(
      card(
        'N:Müller\\, Lüdenscheidt;Hans',
        'ORG:Bäckerei Schmidt\\; Söhne;Vertrieb',
        'ADR;TYPE=work:;Hinterhaus;Hauptstraße 1\\nAufgang B;Berlin;;10115;Deutschland',
        'NOTE:Zeile eins\\nZeile zwei\\, mit Komma',
      ),
    );
    const person = p.candidates[0].person;
    expect(person.lastName).toBe('Müller, Lüdenscheidt');
    expect(person.organisation).toBe('Bäckerei Schmidt; Söhne');
    expect(person.street).toBe('Hauptstraße 1, Aufgang B, Hinterhaus');
    expect([person.postalCode, person.city, person.country]).toEqual(['10115', 'Berlin', 'Deutschland']);
    expect(person.note).toBe('Zeile eins\nZeile zwei, mit Komma');
  });

  it('unfolds lines folded with a space or a tab', () => {
    const p = vcf(card('N:Muster', ' mann;Max', 'EMAIL:max.muster', '\tmann@example.org'));
    expect(p.candidates[0].person.lastName).toBe('Mustermann');
    expect(p.candidates[0].person.email).toBe('max.mustermann@example.org');
  });

  it('decodes quoted-printable in ISO-8859-1, Windows-1252 and UTF-8, with soft line breaks', () => {
    const p = vcf(
      [
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen',
        'ORG;CHARSET=windows-1252;QUOTED-PRINTABLE:Euro=80 Stra=DFe=',
        'n GmbH',
        'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Gr=C3=BC=C3=9Fe=0D=0Aaus K=C3=B6ln',
        'END:VCARD',
      ].join('\r\n'),
    );
    const person = p.candidates[0].person;
    expect([person.lastName, person.firstName]).toEqual(['Müller', 'Jürgen']);
    expect(person.organisation).toBe('Euro€ Straßen GmbH');
    expect(person.note).toBe('Grüße\naus Köln');
  });

  it('reads quoted-printable bytes that are not UTF-8 as Windows-1252, and warns about unknown charsets', () => {
    const p = vcf(
      [
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;ENCODING=QUOTED-PRINTABLE:M=FCller;Max',
        'ORG;CHARSET=klingon;ENCODING=QUOTED-PRINTABLE:ACME',
        'END:VCARD',
      ].join('\n'),
    );
    expect(p.candidates[0].person.lastName).toBe('Müller');
    expect(p.candidates[0].warnings).toEqual([
      { messageKey: 'import.warning.unknownCharset', params: { charset: 'klingon' } },
    ]);
  });

  it('skips 2.1 base64 photos whose lines are not indented', () => {
    const p = vcf(
      [
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N:Muster;Max',
        'PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQ',
        'AAAQABAAD/2wBDAAIBAQEBAQIBAQE',
        'CAgICAgQDAgICAgUEBAMEBgUGBgYF==',
        '',
        'EMAIL:max@example.org',
        'END:VCARD',
      ].join('\r\n'),
    );
    expect(p.problems).toEqual([]);
    expect(p.candidates[0].person.email).toBe('max@example.org');
    expect(p.candidates[0].warnings).toEqual([{ messageKey: 'import.warning.photoSkipped' }]);
  });

  it('ignores X- and unknown properties, naming the personal data left out; lines without a colon become a warning', () => {
    const p = vcf(card('N:Muster;Max', 'X-FOO;X-BAR=1:baz', 'BDAY:1980-01-01', 'GEO:geo:1,2', 'kaputt'));
    expect(p.problems).toEqual([]);
    expect(p.candidates[0].warnings).toEqual([
      { messageKey: 'import.warning.ignoredLine', params: { line: 7 } },
      { messageKey: 'import.warning.datesSkipped' },
    ]);
    const more = vcf(
      card('N:Kurz;Karl', 'NICKNAME:Kalle', 'URL:https://example.org', 'IMPP:xmpp:k@example.org', 'ORG:Firma;Einkauf'),
    );
    expect(more.candidates[0].person.organisation).toBe('Firma');
    expect(more.candidates[0].warnings.map((w) => w.messageKey)).toEqual([
      'import.warning.nicknameSkipped',
      'import.warning.webSkipped',
      'import.warning.messengerSkipped',
      'import.warning.departmentSkipped',
    ]);
    // An empty one is nothing left out.
    expect(vcf(card('N:Kurz;Karl', 'BDAY:', 'ORG:Firma;')).candidates[0].warnings).toEqual([]);
  });
});

describe('mapping a card to a person', () => {
  it('sorts the name prefix into Anrede and Titel', () => {
    const p = vcf(card('N:Mustermann;Erika;Maria;Frau Prof. Dr.;', 'FN:Frau Prof. Dr. Erika Maria Mustermann'));
    const person = p.candidates[0].person;
    expect([person.salutation, person.title, person.firstName, person.lastName]).toEqual([
      'Frau',
      'Prof. Dr.',
      'Erika Maria',
      'Mustermann',
    ]);
    expect(p.candidates[0].warnings).toEqual([]);
  });

  it('falls back to FN when there is no N, but not when FN is only the company', () => {
    const p = vcf(
      card('FN:Dr. Max Mustermann') +
        '\r\n' +
        card('FN:Mustermann, Max') +
        '\r\n' +
        card('FN:ACME GmbH', 'ORG:ACME GmbH'),
    );
    const [a, b, c] = p.candidates.map((x) => x.person);
    expect([a.title, a.firstName, a.lastName]).toEqual(['Dr.', 'Max', 'Mustermann']);
    expect([b.firstName, b.lastName]).toEqual(['Max', 'Mustermann']);
    expect([c.firstName, c.lastName, c.organisation]).toEqual(['', '', 'ACME GmbH']);
  });

  it('takes a company card as no natural person: a Geschäftspartner in a batch of Ansprechpartner, never private', () => {
    const file = [
      card('FN:ACME GmbH', 'ORG:ACME GmbH', 'TEL:+49 30 1234'),
      // The iPhone's "show as company": a contact's name may be there too.
      card('N:Kurz;Eva;;;', 'FN:Eva Kurz', 'ORG:Stadtwerke Nord', 'X-ABShowAs:COMPANY'),
      ['BEGIN:VCARD', 'VERSION:4.0', 'KIND:org', 'FN:Pizzeria Roma', 'END:VCARD'].join('\r\n'),
      card('N:Kurz;Eva;;;', 'FN:Eva Kurz', 'ORG:Stadtwerke Nord'),
    ].join('\r\n');
    const asContacts = vcf(file).candidates;
    expect(asContacts.map((c) => [c.person.kind, c.person.private])).toEqual([
      ['partner', false],
      ['partner', false],
      ['partner', false],
      ['contact', false],
    ]);
    expect(asContacts.map((c) => c.warnings.some((w) => w.messageKey === 'import.warning.companyCard'))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(asContacts.slice(0, 3).every((c) => !classifiedPerson(c, true).private)).toBe(true);
    // A KIND:org card's FN is the company's name.
    expect(asContacts[2].person).toMatchObject({ organisation: 'Pizzeria Roma', firstName: '', lastName: '' });
    // A batch of Kunden keeps its kind; the company stays not private whatever the batch's "Privat".
    const asCustomers = parseImportFile('kontakte.vcf', enc.encode(file), { kind: 'customer' }).candidates;
    expect(asCustomers.map((c) => c.person.kind)).toEqual(['customer', 'customer', 'customer', 'customer']);
    expect(asCustomers.map((c) => classifiedPerson(c, true).private)).toEqual([false, false, false, true]);
  });

  it('takes the preferred e-mail, phone and address (TYPE=pref, PREF=1, bare PREF) and lists the other e-mails as warnings', () => {
    const p = vcf(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'N:Muster;Max;;;',
        'EMAIL;TYPE=home:privat@example.org',
        'EMAIL;PREF=1:dienst@example.org',
        'TEL;VALUE=uri:tel:+49-30-1111',
        'TEL;VALUE=uri;PREF=2:tel:+49-30-2222',
        'ADR;TYPE=home:;;Hausweg 1;Bonn;;53111;Deutschland',
        'ADR;TYPE=work;PREF=1:;;Werkstraße 2;Köln;;50667;Deutschland',
        'END:VCARD',
      ].join('\r\n'),
    );
    const c = p.candidates[0];
    expect(c.person.email).toBe('dienst@example.org');
    expect(c.person.phone).toBe('+49-30-2222');
    expect(c.person.furtherPhones).toEqual(['+49-30-1111']);
    expect([c.person.street, c.person.postalCode, c.person.city]).toEqual(['Werkstraße 2', '50667', 'Köln']);
    expect(c.warnings).toEqual([
      { messageKey: 'import.warning.extraAddress', params: { address: 'Hausweg 1, 53111 Bonn, Deutschland' } },
      { messageKey: 'import.warning.extraEmail', params: { email: 'privat@example.org' } },
    ]);
  });

  it('uses TITLE for the position, ROLE when there is no TITLE', () => {
    expect(vcf(card('N:A;B', 'ROLE:Einkauf')).candidates[0].person.position).toBe('Einkauf');
    expect(vcf(card('N:A;B', 'TITLE:Leiterin', 'ROLE:Einkauf')).candidates[0].person.position).toBe('Leiterin');
  });
});

describe('vCard structure and problems', () => {
  it('gives each card its starting line', () => {
    const p = vcf(['', card('N:A;Anna'), '', '', card('N:B;Bert')].join('\r\n'));
    expect(p.candidates.map((c) => [c.line, c.person.lastName])).toEqual([
      [2, 'A'],
      [8, 'B'],
    ]);
  });

  it('reports a card cut off before END:VCARD and imports the rest', () => {
    const p = vcf(card('N:Voll;Anna') + '\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Halb Fertig\r\nN:Fertig;Halb\r\n');
    expect(p.candidates.map((c) => c.person.lastName)).toEqual(['Voll']);
    expect(p.problems).toEqual([{ line: 5, messageKey: 'import.problem.missingEnd', name: 'Halb Fertig' }]);
  });

  it('reports a card that a new BEGIN interrupts, and an END without BEGIN', () => {
    const text = ['BEGIN:VCARD', 'N:Erste;', 'BEGIN:VCARD', 'N:Zweite;', 'END:VCARD', 'END:VCARD', 'Müll'].join('\n');
    const p = vcf(text);
    expect(p.candidates.map((c) => c.person.lastName)).toEqual(['Zweite']);
    expect(p.problems).toEqual([
      { line: 1, messageKey: 'import.problem.missingEnd' },
      { line: 6, messageKey: 'import.problem.endWithoutBegin' },
      { line: 7, messageKey: 'import.problem.strayText' },
    ]);
  });

  it('skips a 2.1 AGENT card embedded in a card', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Chef;Carla',
      'AGENT:',
      'BEGIN:VCARD',
      'N:Assistent;Anton',
      'END:VCARD',
      'EMAIL:carla@example.org',
      'END:VCARD',
    ].join('\r\n');
    const p = vcf(text);
    expect(p.problems).toEqual([]);
    expect(p.candidates.map((c) => [c.person.lastName, c.person.email])).toEqual([['Chef', 'carla@example.org']]);
  });

  it('refuses only a card with no name, e-mail or phone left', () => {
    const p = vcf(
      [
        card('TEL:030 1234567', 'NOTE:nur eine Nummer'),
        card('NOTE:nur eine Notiz'),
        card('TEL;TYPE=work:BusinessPhone', 'EMAIL:kaputt', 'NOTE:nichts Gültiges'),
      ].join('\r\n'),
    );
    expect(p.candidates.map((c) => c.person.phone)).toEqual(['030 1234567']);
    expect(p.problems.map((x) => [x.line, x.messageKey, x.field])).toEqual([
      [6, 'import.problem.noIdentity', undefined],
      [10, 'import.problem.noIdentity', undefined],
      [10, 'validation.email', 'email'],
      [10, 'validation.phone', 'phone'],
    ]);
  });

  it('imports a card without the fields that fail validation, naming each with its value', () => {
    const p = vcf(
      card('N:Muster;Max', 'EMAIL:max(at)example.org', 'TEL;TYPE=work:BusinessPhone', 'TEL;TYPE=cell:0171 5551234') +
        '\r\n' +
        card('N:Gut;Gabi'),
    );
    expect(p.candidates.map((c) => c.person.lastName)).toEqual(['Muster', 'Gut']);
    const max = p.candidates[0];
    expect(max.person.email).toBe('');
    expect([max.person.phone, ...max.person.furtherPhones]).toEqual(['', '0171 5551234']);
    expect(max.notTaken.map((x) => [x.line, x.field, x.messageKey, x.params?.value, x.name])).toEqual([
      [1, 'email', 'validation.email', 'max(at)example.org', 'Muster, Max'],
      [1, 'phone', 'validation.phone', 'BusinessPhone', 'Muster, Max'],
    ]);
    expect(p.candidates[1].notTaken).toEqual([]);
    expect(p.problems).toEqual([]);
  });

  // A hang would hit the test timeout; speed itself is the benchmark's business.
  it('turns 100,000-character fields into problems', () => {
    const long = 'x'.repeat(100_000);
    const p = vcf(
      [
        card(`NOTE:${long}`, 'N:Note;Nora'),
        card(`N:${long};Lang`),
        card('N:Mail;Mia', `EMAIL:a@${'b.'.repeat(50_000)} `),
        card('N:Tel;Tom', `TEL:${'1'.repeat(100_000)}`),
      ].join('\r\n'),
    );
    // Each card keeps its name; the over-long field is left out and named.
    expect(p.problems).toEqual([]);
    const notTaken = p.candidates.flatMap((c) => c.notTaken);
    expect(notTaken.map((x) => [x.line, x.field, x.messageKey, x.params?.max])).toEqual([
      [1, 'note', 'validation.tooLong', 10_000],
      [6, 'lastName', 'validation.tooLong', 100],
      [10, 'email', 'validation.tooLong', 254],
      [15, 'phone', 'validation.tooLong', 40],
    ]);
    expect(p.candidates.map((c) => [c.person.firstName, c.person.lastName])).toEqual([
      ['Nora', 'Note'],
      ['Lang', ''],
      ['Mia', 'Mail'],
      ['Tom', 'Tel'],
    ]);
    expect(notTaken[1].name!.length).toBeLessThanOrEqual(60);
    expect(String(notTaken[1].params?.value).length).toBeLessThanOrEqual(40);
  });

  it('copes with a card that repeats a property 50,000 times, and with a 100,000-character FN', () => {
    const emails = Array.from({ length: 50_000 }, (_, i) => `EMAIL:p${i}@example.org`);
    const tels = Array.from({ length: 50_000 }, (_, i) => `TEL:030 ${1_000_000 + i}`);
    const p = vcf([card('N:Viel;Vera', ...emails, ...tels), card(`FN:${'Dr. '.repeat(25_000)}`)].join('\r\n'));
    expect(p.candidates[0].person.email).toBe('p0@example.org');
    expect(p.candidates[0].person.furtherPhones).toHaveLength(49_999);
    expect(p.candidates[0].warnings).toHaveLength(49_999);
    // The FN card has no name left without the over-long one: refused, the reason named.
    expect(p.problems.map((x) => [x.field, x.messageKey])).toEqual([
      [undefined, 'import.problem.noIdentity'],
      ['lastName', 'validation.tooLong'],
    ]);
  });

  it('makes each card a draft as it is read: the same drafts and problems as from every card read first', () => {
    // The real clients' files and the broken structures above: cut off, interrupted, stray text, an embedded card.
    const clients = new URL('../fixtures/vcard-clients/', import.meta.url);
    const files = readdirSync(clients)
      .filter((f) => f.endsWith('.vcf'))
      .map((f) => readFileSync(new URL(f, clients), 'latin1'));
    const broken = [
      card('N:Voll;Anna') + '\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Halb Fertig\r\n',
      ['BEGIN:VCARD', 'N:Erste;', 'BEGIN:VCARD', 'N:Zweite;', 'END:VCARD', 'END:VCARD', 'Müll'].join('\n'),
      ['BEGIN:VCARD', 'VERSION:2.1', 'N:Haupt;', 'AGENT:', 'BEGIN:VCARD', 'N:Agent;', 'END:VCARD', 'END:VCARD'].join(
        '\r\n',
      ),
      'END:VCARD\r\n' + card('N:Nach;Ende'),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const text of [...files, ...broken]) {
      const { cards, problems } = readVCards(text);
      expect(parseVCards(text)).toEqual({ drafts: cards.map((c) => cardToDraft(c)), problems });
    }
  });

  it('parses 10,000 generated cards', () => {
    const cards = Array.from({ length: 10_000 }, (_, i) =>
      card(
        `N:Nachname${i};Vorname${i};;Herr;`,
        `EMAIL:person${i}@example.org`,
        `TEL;TYPE=CELL:+49 170 ${String(i).padStart(7, '0')}`,
        `ADR;TYPE=HOME:;;Weg ${i};Berlin;;10115;Deutschland`,
      ),
    );
    const start = performance.now();
    const p = vcf(cards.join('\r\n'));
    const ms = performance.now() - start;
    expect(p.candidates).toHaveLength(10_000);
    expect(p.problems).toEqual([]);
    expect(p.candidates[9_999].person.email).toBe('person9999@example.org');
    // Not a timed assertion (machines differ); it is logged to keep an eye on it.
    console.info(`10,000 vCards parsed in ${ms.toFixed(0)} ms`);
  });
});
