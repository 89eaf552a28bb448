// The notice informing a person (Art. 13/14): the letter read back as text, the e-mail text, in
// German and English; the source section only for data obtained elsewhere (Art. 14).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  informationEmail,
  informationNoticeSections,
  renderInformationLetter,
  type InformationNoticeInput,
} from '../../src/documents/informationNotice';
import type { PdfFonts } from '../../src/documents/letter';
import { newPerson } from '../../src/domain/person';
import { loadLanguage } from '../../src/i18n/messages';
import { nodePdfFonts } from './sample-data';

const pdfDir = mkdtempSync(join(tmpdir(), 'consentbook-information-'));
let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const INPUT: InformationNoticeInput = {
  lang: 'de',
  issuedAt: '2026-12-01T09:00:00.000Z',
  controller: {
    name: 'Gärtnerei Morgentau GmbH',
    street: 'Am Anger 3',
    postalCode: '04109',
    city: 'Leipzig',
    country: 'Deutschland',
    email: 'datenschutz@morgentau.example',
    phone: '',
    dataProtectionOfficer: 'Dr. Jana Brandt',
  },
  person: newPerson('contact', {
    salutation: 'Frau',
    firstName: 'Łucja',
    lastName: 'Wiśniewska',
    street: 'Lindenweg 7',
    postalCode: '50667',
    city: 'Köln',
    email: 'lw@example.org',
  }),
  purposes: [
    {
      id: 'purpose-advertising',
      name: 'Werbung',
      lawfulBasis: 'a',
      recipients: 'Druckerei Schmidt',
      retention: { years: 2, basis: 'Nachweis der Einwilligung' },
    },
  ],
  consented: true,
  source: 'elsewhere',
  retentionYears: { transactions: 6, accounting: 10 },
  timeZone: 'Europe/Berlin',
};

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('information notice (Art. 13/14)', () => {
  it('the letter names the controller, purpose and basis, data, source, recipients, retention and rights', async () => {
    const pdf = await renderInformationLetter(INPUT, fonts);
    writeFileSync(join(pdfDir, 'information-de.pdf'), pdf);
    const { text } = await extractText(pdf.slice(), { mergePages: true });
    const all = flat(text);
    for (const part of [
      'Information über die Verarbeitung Ihrer personenbezogenen Daten',
      'nach Art. 14 DSGVO',
      'Sehr geehrte Frau Wiśniewska',
      'Verantwortlich ist Gärtnerei Morgentau GmbH, Am Anger 3, 04109 Leipzig',
      'datenschutz@morgentau.example',
      'Unser Datenschutzbeauftragter: Dr. Jana Brandt',
      'Zweck: Werbung',
      'Art. 6 Abs. 1 lit. a DSGVO',
      'Anrede, Vorname, Name, Straße, PLZ, Ort, E-Mail',
      'Woher die Daten stammen',
      'Empfänger: Druckerei Schmidt',
      '2 Jahre ab Ende des Jahres der letzten Änderung (Nachweis der Einwilligung) auf',
      '6 Jahre auf, Buchungsbelege 10 Jahre',
      'Art. 7 Abs. 3 DSGVO',
      'Art. 77 DSGVO',
      'Mit freundlichen Grüßen',
    ])
      expect(all, part).toContain(part);
    expect(all).not.toContain('Art. 21 DSGVO');
  });

  it('collected from the person (Art. 13): no source section; legitimate interest names the objection', () => {
    const input: InformationNoticeInput = {
      ...INPUT,
      source: 'direct',
      purposes: [{ ...INPUT.purposes[0], lawfulBasis: 'f', recipients: '', retention: { years: 0, basis: '' } }],
      consented: false,
    };
    const headings = informationNoticeSections(input).map((s) => s.heading);
    expect(headings).not.toContain('Woher die Daten stammen');
    const mail = informationEmail(input);
    expect(mail.subject).toBe('Information über die Verarbeitung Ihrer personenbezogenen Daten (nach Art. 13 DSGVO)');
    expect(mail.body).toContain('Sehr geehrte Frau Wiśniewska,');
    expect(mail.body).toContain('Wir übermitteln Ihre Daten an keine weiteren Empfänger.');
    expect(mail.body).toContain('Art. 21 DSGVO');
    expect(mail.body).not.toContain('Art. 7 Abs. 3');
    // Art. 13(2)(e): whether they had to provide it — said for data collected from them only.
    expect(mail.body).toContain('Eine Pflicht, uns die Daten anzugeben, besteht nicht.');
    const contract = { ...input, purposes: [{ ...input.purposes[0], lawfulBasis: 'b' as const }] };
    expect(informationEmail(contract).body).toContain('für den Vertrag erforderlich; ohne sie können wir ihn nicht');
    expect(informationEmail({ ...contract, source: 'elsewhere' }).body).not.toContain('für den Vertrag erforderlich');
    expect(mail.body.trim().endsWith('Gärtnerei Morgentau GmbH')).toBe(true);
    // No message key or internal id reaches the person.
    expect(mail.body).not.toMatch(/\b(info|letter|ui)\.[a-z]+/);
  });

  it("names every purpose processed for — the person's and each consented one — with its basis, retention and the withdrawal", () => {
    const input: InformationNoticeInput = {
      ...INPUT,
      purposes: [
        {
          id: 'purpose-contract',
          name: 'Vertraglicher Zweck',
          lawfulBasis: 'b',
          recipients: 'Steuerbüro Klein',
          retention: { years: 10, basis: '§ 147 AO' },
        },
        ...INPUT.purposes,
      ],
    };
    const body = flat(informationEmail(input).body);
    for (const part of [
      'Zweck: Vertraglicher Zweck. Vertrag (Art. 6 Abs. 1 lit. b DSGVO)',
      'Zweck: Werbung.',
      'Art. 6 Abs. 1 lit. a DSGVO',
      'Empfänger: Steuerbüro Klein, Druckerei Schmidt',
      'Für den Zweck „Vertraglicher Zweck“ bewahren wir die Daten 10 Jahre ab Ende des Jahres der letzten Änderung (§ 147 AO) auf.',
      'Für den Zweck „Werbung“ bewahren wir die Daten 2 Jahre ab Ende des Jahres der letzten Änderung (Nachweis der Einwilligung) auf.',
      'Art. 7 Abs. 3 DSGVO',
    ])
      expect(body, part).toContain(part);
    // A consent given for a purpose whose basis is not consent can still be withdrawn.
    const withdrawable = flat(
      informationEmail({ ...input, purposes: input.purposes.slice(0, 1), consented: true }).body,
    );
    expect(withdrawable).toContain('Art. 7 Abs. 3 DSGVO');
    expect(
      flat(informationEmail({ ...input, purposes: input.purposes.slice(0, 1), consented: false }).body),
    ).not.toContain('Art. 7 Abs. 3 DSGVO');
  });

  it('speaks English when asked', async () => {
    const pdf = await renderInformationLetter({ ...INPUT, lang: 'en' }, fonts);
    writeFileSync(join(pdfDir, 'information-en.pdf'), pdf);
    const { text } = await extractText(pdf.slice(), { mergePages: true });
    expect(flat(text)).toContain('Information about the processing of your personal data');
    expect(flat(text)).toContain('Where the data comes from');
    expect(informationEmail({ ...INPUT, lang: 'en' }).body).toContain('Your rights');
  });
});
