// Consent-request letters of a campaign: render with DejaVu Sans, read the PDF back as text, and
// find each salutation, name, purpose, the withdrawal paragraph and the empty checkboxes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { campaignReference, letterSalutation } from '../../src/domain/campaign';
import { newPerson, type Person } from '../../src/domain/person';
import { DEFAULT_PURPOSES, type Purpose } from '../../src/domain/purpose';
import type { Controller } from '../../src/domain/settings';
import { loadLanguage, t, type Language } from '../../src/i18n/messages';
import { campaignCsv } from '../../src/formats/csv/campaign';
import {
  EMPTY_CHECKBOX,
  LETTERS_PER_TURN,
  renderConsentLetters,
  type ConsentLettersInput,
  type LettersProgress,
} from '../../src/documents/consentLetters';
import { createPdfLetter, type PdfFonts } from '../../src/documents/letter';
import { PAGE } from '../../src/documents/theme';
import { batchIds } from '../../src/data/core/batchIds';
import { nodePdfFonts } from './sample-data';
import { hostingProcessor } from './helpers';

/** The rendered PDFs, kept for looking at them (pdftoppm); a directory of its own per run. */
const pdfDir = mkdtempSync(join(tmpdir(), 'consentbook-letters-'));

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const squash = (s: string) => s.replace(/\s+/g, '');

async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(pdf.slice(), { mergePages: false });
  return text;
}

const CONTROLLER: Controller = {
  name: 'Gärtnerei Morgentau GmbH',
  street: 'Am Anger 3',
  postalCode: '04109',
  city: 'Leipzig',
  country: 'Deutschland',
  email: 'datenschutz@morgentau.example',
  phone: '+49 341 555000',
  dataProtectionOfficer: 'Dr. Jana Brandt, dsb@morgentau.example',
};

const PURPOSES: Purpose[] = DEFAULT_PURPOSES.filter((p) => p.requiresConsent).map((p) => ({
  ...p,
  createdAt: '2026-01-01T00:00:00.000Z',
}));

const PERSONS: Person[] = [
  newPerson('contact', {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    salutation: 'Frau',
    title: 'Dr.',
    firstName: 'Anna',
    lastName: 'Zimmermann',
    street: 'Lindenweg 7',
    postalCode: '50667',
    city: 'Köln',
    email: 'anna@example.org',
    organisation: 'Zimmermann Consulting',
  }),
  newPerson('customer', {
    id: 'a1b2c3d4-0000-4000-8000-000000000002',
    private: true,
    salutation: 'Herr',
    firstName: 'Łukasz',
    lastName: 'Żółć',
    street: 'ul. Długa 5',
    postalCode: '80-831',
    city: 'Gdańsk',
    country: 'Polen',
    phone: '+48 58 123 45 67',
  }),
  newPerson('contact', {
    id: 'a1b2c3d4-0000-4000-8000-000000000003',
    firstName: 'Kim',
    lastName: 'Novak',
    street: 'Hafenstraße 1',
    postalCode: '20457',
    city: 'Hamburg',
  }),
];

function input(lang: Language, persons: Person[] = PERSONS): ConsentLettersInput {
  return {
    lang,
    issuedAt: '2026-05-04',
    controller: CONTROLLER,
    campaignId: 'c0ffee00-1111-4222-8333-444455556666',
    purposes: PURPOSES,
    persons,
  };
}

describe('letterSalutation', () => {
  it('addresses by Anrede and title, or by name without Anrede', () => {
    expect(letterSalutation(PERSONS[0], 'de')).toBe('Sehr geehrte Frau Dr. Zimmermann,');
    expect(letterSalutation(PERSONS[1], 'de')).toBe('Sehr geehrter Herr Żółć,');
    expect(letterSalutation(PERSONS[2], 'de')).toBe('Guten Tag Kim Novak,');
    expect(letterSalutation(PERSONS[0], 'en')).toBe('Dear Dr. Zimmermann,');
    expect(letterSalutation({ ...PERSONS[0], title: '' }, 'en')).toBe('Dear Ms Zimmermann,');
    expect(letterSalutation(PERSONS[1], 'en')).toBe('Dear Mr Żółć,');
    expect(letterSalutation(PERSONS[2], 'en')).toBe('Dear Kim Novak,');
    expect(
      letterSalutation(newPerson('contact', { salutation: 'Divers', firstName: 'Robin', lastName: 'Sand' }), 'de'),
    ).toBe('Guten Tag Robin Sand,');
    expect(letterSalutation(newPerson('contact', {}), 'de')).toBe('Sehr geehrte Damen und Herren,');
  });
});

describe('renderConsentLetters', () => {
  it('writes one letter per person (each from a new page) with salutation, purposes, withdrawal and empty checkboxes', async () => {
    const pdf = await renderConsentLetters(input('de'), fonts);
    writeFileSync(join(pdfDir, 'consent-letters-de.pdf'), pdf);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    const all = squash(pages.join('\n'));

    // A letter starts on a page that holds its letterhead and the salutation of exactly one person.
    const starts = pages
      .map((p, i) => [p, i] as const)
      .filter(([p]) => squash(p).includes(squash(t('de', 'letter.consent.subtitle'))));
    expect(starts).toHaveLength(3);
    const salutations = ['Sehr geehrte Frau Dr. Zimmermann,', 'Sehr geehrter Herr Żółć,', 'Guten Tag Kim Novak,'];
    starts.forEach(([page], i) => {
      expect(squash(page)).toContain(squash(salutations[i]));
      salutations.filter((_, j) => j !== i).forEach((other) => expect(squash(page)).not.toContain(squash(other)));
    });
    for (const name of ['Dr. Anna Zimmermann', 'Łukasz Żółć', 'Kim Novak', 'Gdańsk', 'ul. Długa 5'])
      expect(all).toContain(squash(name));
    for (const p of PURPOSES) {
      expect(all).toContain(squash(p.name));
      expect(all).toContain(squash(`„${p.name}“`));
    }
    expect(all).toContain(squash('Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)'));
    // Art. 7(3): any time, as easy as giving, with the contact.
    expect(all).toContain(
      squash('jederzeit ohne Angabe von Gründen mit Wirkung für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO)'),
    );
    expect(all).toContain(squash('Der Widerruf ist so einfach wie die Einwilligung'));
    expect(all).toContain(squash('per E-Mail an datenschutz@morgentau.example'));
    expect(all).toContain(squash(t('de', 'letter.consent.noAnswer')));
    // The data concerned, by label: Łukasz has a phone, Kim none.
    expect(all).toContain(squash('Anrede, Vorname, Name, Straße, PLZ, Ort, Land, Telefon'));
    // Reply form: one empty box per purpose and letter, nothing ticked, date and signature lines.
    expect(all.split(EMPTY_CHECKBOX).length - 1).toBe(PURPOSES.length * PERSONS.length);
    for (const ticked of ['☒', '☑', '✓', '✔', '✗', '✘']) expect(all).not.toContain(ticked);
    expect(all.split(squash('Ort, Datum')).length - 1).toBe(PERSONS.length);
    expect(all.split(squash('Unterschrift')).length - 1).toBeGreaterThanOrEqual(PERSONS.length);
    expect(all).toContain(campaignReference('c0ffee00-1111-4222-8333-444455556666', PERSONS[1].id));
    // Pages are numbered per letter.
    expect(all).not.toContain(squash(`Seite 1 von ${pages.length}`));
    expect(squash(pages[0])).toMatch(/Seite1von\d/);
  });

  it('names everyone receiving a purpose’s data: its own recipients and the book’s narrowed to it', async () => {
    const host = hostingProcessor({ id: 'host' });
    const tax = hostingProcessor({
      id: 'tax',
      name: 'Steuerbüro Klein',
      role: 'recipient',
      purposeIds: ['purpose-contract'],
    });
    const printer = hostingProcessor({ id: 'printer', name: 'Druckerei Nord', purposeIds: [PURPOSES[0].id] });
    const book = { recipients: [host, tax, printer], syncServer: null, syncOperatorId: '' };
    const pdf = await renderConsentLetters({ ...input('de', PERSONS.slice(0, 1)), book }, fonts);
    const all = squash((await pdfPages(pdf)).join('\n'));
    expect(all).toContain(squash(`Empfänger bei „${PURPOSES[0].name}“: Hostinghaus GmbH, Druckerei Nord`));
    // The tax adviser receives the contracts' data, not what this letter asks consent for.
    expect(all).not.toContain(squash('Steuerbüro'));
  });

  it('says which recipient of the purpose is in a third country, and what the transfer rests on', async () => {
    const mailer = hostingProcessor({
      id: 'mailer',
      name: 'Mailversand Inc.',
      country: 'USA',
      transferBasis: 'sccs',
      safeguardsNote: 'Modul 2',
      purposeIds: [PURPOSES[0].id],
    });
    const book = { recipients: [mailer], syncServer: null, syncOperatorId: '' };
    for (const lang of ['de', 'en'] as const) {
      const pdf = await renderConsentLetters({ ...input(lang, PERSONS.slice(0, 1)), book }, fonts);
      const all = squash((await pdfPages(pdf)).join('\n'));
      expect(all).toContain(squash('Mailversand Inc. (USA)'));
      expect(all).toContain(squash(t(lang, 'register.transferBasis.sccs')));
      expect(all).toContain(squash(t(lang, 'report.purpose.transferCopy')));
    }
    // A purpose whose recipients are all inside the EU/EEA: no such line.
    const home = { recipients: [hostingProcessor({ id: 'host' })], syncServer: null, syncOperatorId: '' };
    const pdf = await renderConsentLetters({ ...input('de', PERSONS.slice(0, 1)), book: home }, fonts);
    expect(squash((await pdfPages(pdf)).join('\n'))).not.toContain(squash('außerhalb der EU'));
  });

  it('writes English letters', async () => {
    const pdf = await renderConsentLetters(input('en'), fonts);
    writeFileSync(join(pdfDir, 'consent-letters-en.pdf'), pdf);
    const all = squash((await pdfPages(pdf)).join('\n'));
    for (const s of [
      'Dear Dr. Zimmermann,',
      'Dear Mr Żółć,',
      'Dear Kim Novak,',
      'Art. 7(3) GDPR',
      'If you do not answer, this is not consent.',
    ])
      expect(all).toContain(squash(s));
    for (const p of PURPOSES) expect(all).toContain(squash(`“${p.name}”`));
    expect(all.split(EMPTY_CHECKBOX).length - 1).toBe(PURPOSES.length * PERSONS.length);
  });
});

describe('renderConsentLetters for many persons', () => {
  /** Twelve letters: batches of LETTERS_PER_TURN with a turn for the page between them. */
  const MANY = Array.from({ length: 12 }, (_, i) => ({ ...PERSONS[i % 3], id: `${PERSONS[i % 3].id}-${i}` }));

  it('reports its progress batch by batch and gives the page a turn between batches', async () => {
    const seen: LettersProgress[] = [];
    let turns = 0;
    const pdf = await renderConsentLetters(input('de', MANY), fonts, {
      onProgress: (p) => seen.push(p),
      nextTurn: () => {
        turns++;
        return Promise.resolve();
      },
    });
    expect(LETTERS_PER_TURN).toBe(5);
    expect(seen).toEqual([0, 5, 10, 12].map((done) => ({ done, total: 12 })));
    // Two turns between the three batches, one before and one after putting the file together.
    expect(turns).toBe(4);
    const starts = (await pdfPages(pdf)).filter((p) => squash(p).includes(squash(t('de', 'letter.consent.subtitle'))));
    expect(starts).toHaveLength(12);
  });

  it('stops at the next batch when aborted: no bytes, the signal’s reason thrown', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const rendering = renderConsentLetters(input('de', MANY), fonts, {
      signal: controller.signal,
      onProgress: ({ done }) => {
        seen.push(done);
        if (done === 5) controller.abort();
      },
    });
    await expect(rendering).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 5]);
  });

  it('makes nothing when aborted before it starts', async () => {
    const seen: number[] = [];
    await expect(
      renderConsentLetters(input('de', MANY), fonts, {
        signal: AbortSignal.abort(),
        onProgress: ({ done }) => seen.push(done),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([]);
  });

  it('a cancel during the file’s assembly still counts', async () => {
    const controller = new AbortController();
    let turns = 0;
    await expect(
      renderConsentLetters(input('de', PERSONS), fonts, {
        signal: controller.signal,
        // The second turn comes after the file was put together: a click handled then cancels.
        nextTurn: () => {
          if (++turns === 2) controller.abort();
          return Promise.resolve();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(turns).toBe(2);
  });
});

describe('a long sender block', () => {
  /** An external DPO with their firm, address, phone, e-mail and hours: the line a controller enters. */
  const DPO =
    'Dr. Jana Brandt, externe Datenschutzbeauftragte, Brandt & Partner Datenschutzberatung GmbH, Friedrichstraße 123, 10117 Berlin, Telefon +49 30 1234567, E-Mail dsb@brandt-partner.example, erreichbar montags bis freitags von 9 bis 17 Uhr sowie nach Vereinbarung auch vor Ort in unseren Geschäftsräumen';
  const controller = { ...CONTROLLER, name: 'Gärtnerei Morgentau GmbH & Co. KG Niederlassung Leipzig-Süd' };
  const book = { recipients: [hostingProcessor()], syncServer: null, syncOperatorId: '' };
  const closing = squash('Mit freundlichen Grüßen');

  it('keeps each letter on one sheet: the closing never runs onto a page of its own', async () => {
    for (const dpo of [DPO, `${DPO}; Vertretung: Max Weber, ${DPO.slice(16)}`]) {
      const pdf = await renderConsentLetters(
        { ...input('de'), controller: { ...controller, dataProtectionOfficer: dpo }, book },
        fonts,
      );
      writeFileSync(join(pdfDir, `consent-letters-long-dpo-${String(dpo.length)}.pdf`), pdf);
      const pages = (await pdfPages(pdf)).map(squash);
      // Letter and reply form per person.
      expect(pages).toHaveLength(2 * PERSONS.length);
      for (let i = 0; i < pages.length; i += 2) {
        expect(pages[i]).toContain(closing);
        expect(pages[i]).toContain(squash(controller.name));
        expect(pages[i]).toMatch(/Seite1von2$/);
        expect(pages[i + 1]).toMatch(/Seite2von2$/);
      }
    }
  });

  it('where it cannot fit even set tighter, breaks before its last section, under the running header', async () => {
    const dpo = Array.from({ length: 4 }, () => DPO).join('; ');
    const pdf = await renderConsentLetters(
      { ...input('de', PERSONS.slice(0, 1)), controller: { ...controller, dataProtectionOfficer: dpo }, book },
      fonts,
    );
    writeFileSync(join(pdfDir, 'consent-letters-longest-dpo.pdf'), pdf);
    const pages = (await pdfPages(pdf)).map(squash);
    expect(pages).toHaveLength(3);
    const section = squash('3. Widerruf jederzeit möglich');
    expect(pages[0]).toContain(squash('2. So antworten Sie'));
    expect(pages[0]).not.toContain(section);
    // The running header names the letter and its person; the pages count on (letter and reply form).
    expect(pages[1]).toContain(squash('Ihre Einwilligung in die Verwendung Ihrer Daten – Dr. Anna Zimmermann'));
    expect(pages[0]).not.toContain(squash('Daten – Dr. Anna Zimmermann'));
    expect(pages[1]).toContain(section);
    expect(pages[1]).toContain(closing);
    expect(pages[1]).toMatch(/Seite2von3$/);
  });
});

describe('the address window', () => {
  const LONG_STREET = 'Sehr lange Straßenbezeichnung mit vielen Wörtern am Rande der Altstadt 123a';
  const next = batchIds();
  /** Two persons of one import: their ids differ only in the counter at the end. */
  const imported = [
    { ...PERSONS[0], id: next(), street: LONG_STREET },
    { ...PERSONS[2], id: next() },
  ];

  it('wraps a long street in the window and on the reply form, cutting nothing off', async () => {
    const pdf = await renderConsentLetters(input('de', imported), fonts);
    writeFileSync(join(pdfDir, 'consent-letters-long-street.pdf'), pdf);
    const pages = (await pdfPages(pdf)).map(squash);
    expect(pages).toHaveLength(4);
    for (const page of pages) expect(page).not.toContain('…');
    // The letter names the address once (its window), the reply form twice: sender line and "Von".
    expect(pages[0].split(squash(LONG_STREET)).length - 1).toBe(1);
    expect(pages[1].split(squash(LONG_STREET)).length - 1).toBe(2);
    expect(pages[1]).toContain(squash(`${LONG_STREET}, 50667 Köln`));
  });

  it('gives each imported person a reference of their own', async () => {
    const pages = (await pdfPages(await renderConsentLetters(input('de', imported), fonts))).map(squash);
    const [first, second] = imported.map((p) => campaignReference(input('de').campaignId, p.id));
    expect(first).not.toBe(second);
    // Letter and reply form of each person carry their reference and not the other's.
    for (const [page, own, other] of [
      [0, first, second],
      [1, first, second],
      [2, second, first],
      [3, second, first],
    ] as const) {
      expect(pages[page]).toContain(own);
      expect(pages[page]).not.toContain(other);
    }
  });

  /** The recipient's lines as drawn: their text, baseline and font size. */
  async function drawnAddress(lines: string[]) {
    const letter = await createPdfLetter({ fonts, lang: 'de', title: 'Test', controller: CONTROLLER });
    const drawn: { text: string; y: number; size: number }[] = [];
    const text = letter.doc.text.bind(letter.doc);
    vi.spyOn(letter.doc, 'text').mockImplementation(((t: string, x: number, y: number, ...rest: never[]) => {
      drawn.push({ text: t, y, size: letter.doc.getFontSize() });
      return text(t, x, y, ...rest);
    }) as typeof letter.doc.text);
    letter.addressBlock({ senderLine: `Anna Zimmermann, ${LONG_STREET}, 50667 Köln`, recipientLines: lines }, []);
    return { sender: drawn.filter((d) => d.y <= 50), recipient: drawn.filter((d) => d.y > 50), y: letter.y };
  }

  it('keeps the address inside the window (DIN 5008: down to 88 mm), smaller when it must, never cut', async () => {
    const long = ['Zimmermann Consulting', 'Frau', 'Dr. Anna Zimmermann', LONG_STREET, '50667 Köln', 'Deutschland'];
    const wrapped = await drawnAddress(long);
    expect(wrapped.recipient.map((d) => d.text).join(' ')).toBe(long.join(' '));
    expect(wrapped.recipient).toHaveLength(7);
    expect(Math.max(...wrapped.recipient.map((d) => d.y))).toBeLessThanOrEqual(88);
    // The sender line, too long for one line at 7 pt, is whole: smaller, or on two lines above the rule.
    expect(wrapped.sender.map((d) => d.text).join(' ')).toBe(`Anna Zimmermann, ${LONG_STREET}, 50667 Köln`);
    expect(wrapped.y).toBe(88);

    // Eight lines and more: a smaller size keeps them in the window.
    const longer = [...long.slice(0, 5), 'c/o Hausverwaltung Sonnenschein und Partner', 'Deutschland'];
    const smaller = await drawnAddress(longer);
    expect(smaller.recipient.map((d) => d.text).join(' ')).toBe(longer.join(' '));
    expect(Math.max(...smaller.recipient.map((d) => d.y))).toBeLessThanOrEqual(88);
    expect(smaller.recipient[0].size).toBeLessThan(10.5);
    expect(smaller.recipient[0].size).toBeGreaterThanOrEqual(8);

    // Beyond what fits even at 8 pt: every line still printed, and what follows starts below it.
    const endless = Array.from({ length: 14 }, (_, i) => `Zeile ${String(i + 1)}`);
    const overflow = await drawnAddress(endless);
    expect(overflow.recipient.map((d) => d.text)).toEqual(endless);
    expect(overflow.y).toBeGreaterThan(Math.max(...overflow.recipient.map((d) => d.y)));
  });
});

describe('a table near the foot of a page', () => {
  it('starts on the next page with its first rows rather than leave its head alone', async () => {
    const letter = await createPdfLetter({ fonts, lang: 'de', title: 'Test', controller: CONTROLLER });
    // 20 mm left: a head and a first row of three lines do not fit.
    letter.y = PAGE.bottom - 20;
    const tall = 'Ein langer Eintrag, der in dieser schmalen Spalte über mehrere Zeilen läuft und läuft';
    letter.table([{ header: 'KOPFZEILE', width: 30 }, { header: 'Inhalt' }], [[tall, tall]], '—');
    const pages = await pdfPages(letter.finish());
    expect(pages).toHaveLength(2);
    expect(pages[0]).not.toContain('KOPFZEILE');
    expect(pages[1]).toContain('KOPFZEILE');
  });

  it('stays on the page where its head and first row fit, measured as drawn (no page given away)', async () => {
    const letter = await createPdfLetter({ fonts, lang: 'de', title: 'Test', controller: CONTROLLER });
    letter.y = PAGE.bottom - 20;
    letter.table([{ header: 'KOPFZEILE', width: 30 }, { header: 'Inhalt' }], [['kurz', 'kurz']], '—');
    const pages = await pdfPages(letter.finish());
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('KOPFZEILE');
  });
});

describe('campaignCsv', () => {
  it('has the mail-merge columns with the full salutation line, the purposes and the Zeichen a reply quotes', () => {
    const campaignId = 'c0ffee00-0000-4000-8000-000000000001';
    const csv = campaignCsv(campaignId, PERSONS, PURPOSES, 'de');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    // Separated as German Word and Excel split a file: by semicolons.
    expect(lines[0]).toBe('Firma;Anrede;Titel;Vorname;Name;Straße;PLZ;Ort;Land;E-Mail;Briefanrede;Zwecke;Zeichen');
    expect(lines).toHaveLength(4);
    // The Firma of an Ansprechpartner (written to at work, as the letters' address window has it).
    expect(lines[1]).toBe(
      `Zimmermann Consulting;Frau;Dr.;Anna;Zimmermann;Lindenweg 7;50667;Köln;;anna@example.org;"Sehr geehrte Frau Dr. Zimmermann,";"Werbung, Adresshandel";${campaignReference(campaignId, PERSONS[0].id)}`,
    );
    expect(lines[2]).toMatch(/^;Herr;.*"Sehr geehrter Herr Żółć,".*;[0-9A-Z]{8}-[0-9A-Z]{8}$/);
    expect(lines[2]).toContain(campaignReference(campaignId, PERSONS[1].id));
    expect(lines[3]).toContain('"Guten Tag Kim Novak,"');
    const english = campaignCsv(campaignId, PERSONS, PURPOSES, 'en').split('\r\n');
    expect(english[0]).toContain('Letter salutation,Purposes,Reference');
    // The Anrede in the letter's language, as its salutation line.
    expect(english[1]).toMatch(/^Zimmermann Consulting,Ms,/);
  });
});
