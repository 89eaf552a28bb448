// Auskunft (Art. 15): render with DejaVu Sans, read the PDF back as text and find every part.
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAccessReport } from '../../src/documents/accessReport';
import type { PdfFonts } from '../../src/documents/letter';
import { loadLanguage, t } from '../../src/i18n/messages';
import { accessReportInput, auditEntries, NAMES, nodePdfFonts } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

/** Text per page; a copy goes to pdf.js because it detaches the buffer it is given. */
async function pdfText(pdf: Uint8Array): Promise<{ pages: string[]; all: string }> {
  const { text } = await extractText(pdf.slice(), { mergePages: false });
  return { pages: text, all: text.join('\n') };
}

/** Table cells wrap, so compare without any whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

const SECTION_KEYS = [
  'controller',
  'personalData',
  'purposes',
  'consents',
  'campaigns',
  'transactions',
  'requests',
  'source',
  'retention',
  'audit',
  'rights',
] as const;

describe('renderAccessReport', () => {
  it.each(NAMES)('shows %s %s, every section and every audit comment', async (first, last) => {
    const input = accessReportInput(first, last);
    const pdf = await renderAccessReport(input, fonts);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const text = squash((await pdfText(pdf)).all);

    expect(text).toContain(squash(`${first} ${last}`));
    expect(text).toContain(squash(t('de', 'report.access.title')));
    SECTION_KEYS.forEach((key, i) =>
      expect(text).toContain(squash(`${i + 1}. ${t('de', `report.access.section.${key}`)}`)),
    );
    for (const entry of input.auditEntries) expect(text).toContain(squash(entry.comment));
  });

  it('holds all the personal data, purposes, consents, transactions, source and retention', async () => {
    const input = accessReportInput('Łukasz', 'Żółć');
    const text = squash((await pdfText(await renderAccessReport(input, fonts))).all);
    const p = input.person;
    for (const value of [
      p.salutation,
      p.title,
      p.street,
      p.postalCode,
      p.city,
      p.phone,
      ...p.furtherPhones,
      p.fax,
      p.email,
      p.bankAccounts[0].iban,
      p.bankAccounts[0].bic,
      p.organisation,
      p.position,
      p.note,
    ]) {
      expect(text).toContain(squash(value));
    }
    for (const label of [
      'field.furtherPhones',
      'field.bankAccounts',
      'field.kind',
      'field.private',
      'field.organisation',
      'field.position',
      'field.note',
    ] as const) {
      expect(text).toContain(squash(t('de', label)));
    }
    expect(text).toContain(squash('Kunde'));
    expect(text).toContain(squash(t('de', 'basis.b')));
    expect(text).toContain(squash(t('de', 'basis.a')));
    expect(text).toContain(squash('Wartungsverträge'));
    expect(text).toContain(squash(input.consents[0].text));
    expect(text).toContain(squash('Widerrufen am 15.09.2024'));
    expect(text).toContain(squash('Telefonat mit Frau Weber'));
    for (const tx of input.transactions) expect(text).toContain(squash(tx.title));
    expect(text).toContain(squash('Importiert aus der Datei „kontakte-2024.vcf“'));
    expect(text).toContain(squash('frühestens ab dem 01.01.2035 möglich'));
    for (const reason of input.retention.reasons) expect(text).toContain(squash(reason));
    // What erasure reaches: the data, the directory entry and the log's comments, remnants included.
    expect(text).toContain(squash(t('de', 'report.retention.erasure')));
    // Audit columns: user with staff number, action and field labels (not keys).
    expect(text).toContain(squash('Anna Schmidt (0042)'));
    expect(text).toContain(squash('Vorname, Name, E-Mail'));
    expect(text).toContain(squash('Einwilligung widerrufen'));
    expect(text).toContain(
      squash('Prüfpunkt des Protokolls: 1.234 Einträge, Prüfcode 1234:9f2c-4e0b-7d1a-5c3e-8f6b-2d4a'),
    );
    expect(text).toContain(squash(input.controller.dataProtectionOfficer));
  });

  it('names a business transaction linking the person, and a correction of one by its fields', async () => {
    const input = accessReportInput('Anna', 'Weber');
    const [first] = input.auditEntries;
    const about = (action: 'create' | 'update', fieldKeys: string[], comment: string) => ({
      ...first,
      action,
      fieldKeys,
      comment,
      context: 'transaction:tx-9',
    });
    const withTransaction = {
      ...input,
      auditEntries: [
        about('create', [], 'Auftrag erfasst'),
        about('update', ['personIds', 'date'], 'Datum und Person berichtigt'),
      ],
    };
    const text = squash((await pdfText(await renderAccessReport(withTransaction, fonts))).all);
    expect(text).toContain(squash('Angelegt Geschäftsvorfall'));
    // In the form's order, by label — never the keys.
    expect(text).toContain(squash('Geschäftsvorfall: Datum, Verknüpfte Personen'));
    expect(text).not.toContain('personIds');
  });

  // Speed is measured by the benchmark (access_pdf_ms), never by a timed test.
  it('names among the purposes processed for only a consent given and not withdrawn; the withdrawn one stays a consent', async () => {
    const input = accessReportInput('Łukasz', 'Żółć');
    const withdrawn = input.consents.find((c) => c.status === 'withdrawn')!;
    const name = input.purposes.find((p) => p.id === withdrawn.purposeIds[0])!.name;
    const text = squash((await pdfText(await renderAccessReport(input, fonts))).all);
    // Not as a purpose the data is processed for now: among those processed for before (its
    // recipients had the data, Art. 15(1)(c)), and in the consents' section with its withdrawal.
    const [current, rest] = text
      .slice(text.indexOf(squash(`3. ${t('de', 'report.access.section.purposes')}`)))
      .split(squash(t('de', 'report.purpose.former')));
    expect(current).not.toContain(squash(name));
    expect(rest.slice(0, rest.indexOf(squash(`4. ${t('de', 'report.access.section.consents')}`)))).toContain(
      squash(name),
    );
    expect(text.split(squash(name)).length - 1).toBe(2);
    const stillGiven = { ...input, consents: input.consents.map((c) => ({ ...c, status: 'given' as const })) };
    const both = squash((await pdfText(await renderAccessReport(stillGiven, fonts))).all);
    expect(both).not.toContain(squash(t('de', 'report.purpose.former')));
    expect(both.split(squash(name)).length - 1).toBe(2);
  });

  it('numbers 1,000 audit entries over many pages with "Seite X von Y"', async () => {
    const input = accessReportInput('Søren', 'Ærø', { auditEntries: auditEntries(1000) });
    const pdf = await renderAccessReport(input, fonts);
    const { pages, all } = await pdfText(pdf);
    const n = pages.length;
    expect(n).toBeGreaterThan(20);
    expect(pages[0]).toContain(`Seite 1 von ${n}`);
    expect(pages[n - 1]).toContain(`Seite ${n} von ${n}`);
    pages.forEach((page, i) => expect(page).toContain(`Seite ${i + 1} von ${n}`));
    expect(squash(all)).toContain(squash('Kommentar Nr. 1000: Änderung auf telefonischen Wunsch'));
  });

  it('speaks English when asked', async () => {
    const input = accessReportInput('Jiří', 'Dvořák', { lang: 'en' });
    const { pages, all } = await pdfText(await renderAccessReport(input, fonts));
    const text = squash(all);
    expect(text).toContain(squash('Access report under Art. 15 GDPR'));
    SECTION_KEYS.forEach((key, i) =>
      expect(text).toContain(squash(`${i + 1}. ${t('en', `report.access.section.${key}`)}`)),
    );
    expect(text).toContain(squash('Art. 6(1)(b) GDPR – contract'));
    expect(text).toContain(squash('Further phone numbers'));
    expect(text).toContain(squash('Consent withdrawn'));
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    expect(text).not.toContain(squash('Verantwortlicher'));
  });

  it('says so when sections are empty and no retention duty applies', async () => {
    const input = accessReportInput('Дмитрий', 'Иванов', {
      consents: [],
      transactions: [],
      auditEntries: [],
      retention: { deletableFrom: null, reasons: [] },
      auditCheckpoint: undefined,
    });
    input.person = {
      ...input.person,
      kind: 'contact',
      private: false,
      bankAccounts: [],
      purposeId: '',
      lock: { at: '2025-01-02T10:00:00.000Z', byUserId: 'u', reason: 'Rechtsstreit' },
    };
    const text = squash((await pdfText(await renderAccessReport(input, fonts))).all);
    expect(text).toContain(squash(t('de', 'report.noEntries')));
    expect(text).toContain(squash(t('de', 'report.retention.noDuty')));
    expect(text).toContain(squash('gesetzt am 02.01.2025: Rechtsstreit'));
    expect(text).not.toContain(squash(t('de', 'field.bankAccounts')));
    expect(text).not.toContain('Prüfpunkt');
  });

  it('holds the information record (Art. 13/14): how the data was obtained, when and how the person was told', async () => {
    const informed = accessReportInput('Zoë', 'Brandt');
    informed.person = {
      ...informed.person,
      information: { collectedAt: '2024-02-01', source: 'elsewhere', informedAt: '2024-02-20', channel: 'letter' },
    };
    const text = squash((await pdfText(await renderAccessReport(informed, fonts))).all);
    expect(text).toContain(squash('Daten erhalten am 01.02.2024 Nicht bei Ihnen erhoben (Art. 14 DSGVO)'));
    expect(text).toContain(squash('Über die Verarbeitung informiert Am 20.02.2024 (Brief)'));

    const pending = accessReportInput('Zoë', 'Brandt', { lang: 'en' });
    pending.person = { ...pending.person, information: undefined, source: 'manual' };
    const pendingText = squash((await pdfText(await renderAccessReport(pending, fonts))).all);
    // Stored before the clock was kept: from the creation date, obtained from the person (Art. 13).
    expect(pendingText).toContain(squash('Data obtained on 01/02/2024 Obtained from you (Art. 13 GDPR)'));
    expect(pendingText).toContain(squash('Not yet – by 01/02/2024 at the latest'));
  });
});
