// An outside DPO's review of what the documents say: each pointer, statement and value must be
// true in the document it stands in — the Auskunft's recipients point nowhere else, Art. 15(1)(h)
// is answered, a contact is a natural person everywhere, and the CSV's dates say their format.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectAccessReport, collectProcessingRegister, savePerson } from '../../src/data';
import { saveRecipient } from '../../src/data/commands/recipients';
import { accessReportInput as inputFromData, renderAccessReport } from '../../src/documents/accessReport';
import type { PdfFonts } from '../../src/documents/letter';
import { renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { isOwnPersonExport } from '../../src/formats/csv/ownExport';
import { exportPersonsCsv } from '../../src/formats/csv/write';
import { findLikelyDuplicates, parseImportFile } from '../../src/formats/import';
import { EXPORT_FORMAT_VERSION, exportPersonJson } from '../../src/formats/portability';
import { loadLanguage, t, type Language } from '../../src/i18n/messages';
import { buildPlan } from '../../src/ui/import/plan';
import { anna, CONTRACT, enterController, freshDb, hostingProcessor } from './helpers';
import {
  accessReportInput,
  CONSENTS,
  nodePdfFonts,
  PURPOSES,
  samplePerson,
  TRANSACTIONS,
  pdfText,
  squash,
} from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

/** Set AUSKUNFT_REVIEW_DIR to keep the PDFs for a look (pdftoppm); a temporary folder otherwise. */
const pdfDir = process.env.AUSKUNFT_REVIEW_DIR ?? join(tmpdir(), 'consentbook-review');
mkdirSync(pdfDir, { recursive: true });

/** A contact (Ansprechpartner) as the form stores one: its "Privat" box not ticked, and not shown as a choice. */
const contact = () => samplePerson('Jiří', 'Dvořák', { kind: 'contact', private: false });

describe('the Auskunft names recipients itself, the Verzeichnis points to its section 3', () => {
  it('an entered recipient (a tax adviser) is a further recipient in the Auskunft, "laut Abschnitt 3" only in the Verzeichnis', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await saveRecipient(db, admin, hostingProcessor({ name: 'Steuerbüro Huber', role: 'recipient', contractDate: '' }));

    const data = await collectAccessReport(db, admin, p.id);
    for (const lang of ['de', 'en'] as const) {
      const pdf = await renderAccessReport(inputFromData(data, lang, '2026-06-01T10:00:00.000Z'), fonts);
      writeFileSync(join(pdfDir, `auskunft-recipients-${lang}.pdf`), pdf);
      const text = await pdfText(pdf);
      expect(text).toContain(squash(t(lang, 'report.purpose.bookRecipients', { names: 'Steuerbüro Huber' })));
      // The Auskunft's section 3 is its purposes: no pointer to a section, least of all to itself.
      expect(text).not.toMatch(lang === 'de' ? /Abschnitt/ : /section3/i);
    }
    expect(
      await pdfText(await renderAccessReport(inputFromData(data, 'de', '2026-06-01T10:00:00.000Z'), fonts)),
    ).toContain(squash('Weitere Empfänger: Steuerbüro Huber'));

    // The Verzeichnis says what it said: its section 3 is the list of recipients, and the activity points there.
    const register = await pdfText(
      await renderProcessingRegisterPdf(await collectProcessingRegister(db, admin), 'de', fonts),
    );
    expect(register).toContain(squash('Empfänger laut Abschnitt 3: Steuerbüro Huber'));
    expect(register).toContain(squash(`3. ${t('de', 'register.section.recipients')}`));
    expect(register).not.toContain(squash('Weitere Empfänger'));
  });
});

describe('the Auskunft answers Art. 15(1)(h): no automated decision-making', () => {
  it.each(['de', 'en'] as const)(
    'states it in its last section, beside the rights, in the notice’s words (%s)',
    async (lang) => {
      const pdf = await renderAccessReport(accessReportInput('Ada', 'Lovelace', { lang }), fonts);
      writeFileSync(join(pdfDir, `auskunft-${lang}.pdf`), pdf);
      const text = await pdfText(pdf);
      const rights = text.indexOf(squash(`11. ${t(lang, 'report.access.section.rights')}`));
      expect(rights).toBeGreaterThan(0);
      expect(text.indexOf(squash(t(lang, 'info.noAutomatedDecision')))).toBeGreaterThan(rights);
    },
  );
});

describe('a contact is a natural person in every document and export, as the form shows it', () => {
  const privateRow = (lang: Language, yes: boolean) =>
    squash(`${t(lang, 'field.private')} ${t(lang, yes ? 'report.yes' : 'report.no')}`);

  it('the Auskunft says "Privat: Ja" for a contact, and "Nein" only for a company', async () => {
    const pdf = await renderAccessReport(accessReportInput('Jiří', 'Dvořák', { person: contact() }), fonts);
    writeFileSync(join(pdfDir, 'auskunft-contact-de.pdf'), pdf);
    const text = await pdfText(pdf);
    expect(text).toContain(privateRow('de', true));
    expect(text).not.toContain(privateRow('de', false));
    const company = samplePerson('', '', { kind: 'customer', private: false, organisation: 'Müller KG' });
    expect(await pdfText(await renderAccessReport(accessReportInput('', '', { person: company }), fonts))).toContain(
      privateRow('de', false),
    );
  });

  it.each(['de', 'en'] as const)(
    'the CSV writes "Ja" for a contact; reading it back stores the box unticked (%s)',
    (lang) => {
      const csv = exportPersonsCsv([contact()], lang);
      const [header, row] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
      expect(row[header.indexOf(t(lang, 'field.private'))]).toBe(t(lang, 'report.yes'));
      // A contact takes no "Privat" from its row (nor from the batch), as on the form: unticked, a natural person still.
      const read = parseImportFile('export.csv', new TextEncoder().encode(csv), { kind: 'customer' });
      const plan = buildPlan(read.candidates, findLikelyDuplicates(read.candidates, []), new Map(), {}, null, true);
      expect(plan.persons.map((p) => [p.kind, p.private])).toEqual([['contact', false]]);
    },
  );

  it('the JSON says private: true for a contact (since format version 2), and the published schemas describe the version written', () => {
    const doc = JSON.parse(
      exportPersonJson({
        exportedAt: '2026-06-02T10:00:00.000Z',
        person: contact(),
        purposes: PURPOSES.filter((p) => p.id === 'purpose-service'),
        consents: CONSENTS,
        transactions: TRANSACTIONS,
      }),
    ) as { formatVersion: number; person: { kind: string; private: boolean } };
    expect(doc.person).toMatchObject({ kind: 'contact', private: true });
    expect(doc.formatVersion).toBe(3);
    expect(EXPORT_FORMAT_VERSION).toBe(3);

    const schema = (name: string) =>
      JSON.parse(readFileSync(new URL(`../../public/schema/${name}`, import.meta.url), 'utf8')) as {
        $id: string;
        properties: { formatVersion: { const: number } };
      };
    const person = schema('consentbook-person-export.schema.json');
    expect(person.properties.formatVersion.const).toBe(EXPORT_FORMAT_VERSION);
    expect(schema('consentbook-export.schema.json').properties.formatVersion.const).toBe(EXPORT_FORMAT_VERSION);
    const ajv = new Ajv2020({ strict: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const validate = ajv.compile(person);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...doc, formatVersion: 1 })).toBe(false);
  });
});

describe('the CSV export says what its values are', () => {
  it.each([
    ['de', 'Erfasst am (UTC, ISO 8601)', 'Geändert am (UTC, ISO 8601)'],
    ['en', 'Recorded on (UTC, ISO 8601)', 'Changed on (UTC, ISO 8601)'],
  ] as const)('keeps dates as ISO 8601 in UTC, and its headers say so (%s)', (lang, created, updated) => {
    const person = samplePerson('Ada', 'Lovelace', { createdAt: '2026-12-07T02:22:15.749Z' });
    const [header, row] = Papa.parse<string[]>(exportPersonsCsv([person], lang).slice(1), {
      skipEmptyLines: true,
    }).data;
    expect(row[header.indexOf(created)]).toBe('2026-12-07T02:22:15.749Z');
    expect(row[header.indexOf(updated)]).toBe(person.updatedAt);
    // Files written before the headers named the format are still recognised as our own.
    expect(isOwnPersonExport(header)).toBe(true);
    expect(isOwnPersonExport(header.map((h) => h.replace(' (UTC, ISO 8601)', '')))).toBe(true);
  });

  it('the README tells a receiver about the apostrophe before formula characters and the dates’ format', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('### CSV files'),
      readme.indexOf('\n### ', readme.indexOf('### CSV files') + 1),
    );
    expect(section).toContain("`'+49 30 1234567`");
    expect(section).toContain('**For a receiver of an export:**');
    for (const lang of ['de', 'en'] as const) expect(section).toContain(t(lang, 'report.csv.createdAt'));
    expect(exportPersonsCsv([samplePerson('Ada', 'Lovelace')], 'de')).toContain("'+49 30 1234567");
  });
});
