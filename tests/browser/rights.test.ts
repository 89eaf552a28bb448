/**
 * Auskunft (Art. 15) and the portability exports (Art. 20) from the person form: real downloads
 * with meaningful names, read back (PDF text, JSON against the published schema, vCard 4.0),
 * and logged in the Protokoll.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import type { Download, Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  expect,
  screenshot,
  seriousViolations,
  setUpAdministrator,
  useBrowser,
  seedController,
  pdfAssemblies,
} from './helpers';

const browser = useBrowser();

const personSchema = JSON.parse(
  readFileSync(new URL('../../public/schema/consentbook-person-export.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validatePerson = ajv.compile(personSchema);

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer; download: Download }> {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path), download: d };
}

describe('rights of the data subject on the person form', () => {
  it('Auskunft (PDF), Export (JSON), Export (vCard) and Export (CSV) are real downloads, read back and logged', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await createPerson(page, {
      Anrede: 'Frau',
      Vorname: 'Anna',
      Name: 'Zimmermann',
      Ort: 'Köln',
      'E-Mail': 'anna.zimmermann@example.org',
    });

    // Auskunft: progress while jsPDF and the fonts load and the PDF renders, then a PDF with her name.
    const pdfButton = page.getByRole('button', { name: 'Auskunft (PDF)', exact: true });
    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      pdfButton.click(),
      expect(page.getByRole('status').filter({ hasText: 'PDF wird erstellt' })).toBeVisible(),
    ]);
    check(pdfDownload.suggestedFilename()).toMatch(new RegExp(`^auskunft-${DATE}-[a-z0-9]{8}\\.pdf$`));
    const pdf = readFileSync(await pdfDownload.path());
    check(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Made in its worker (documents/offThread.ts), not on the page.
    check((await pdfAssemblies(page)).map((a) => a.kind)).toEqual(['accessReport']);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const squashed = text.replace(/\s+/g, '');
    check(squashed).toContain('AnnaZimmermann');
    check(squashed).toContain('Köln');
    await expect(
      page.getByRole('status').filter({ hasText: /auskunft-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.pdf wurde heruntergeladen/ }),
    ).toBeVisible();
    await screenshot(page, 'rights-person-1024');

    const json = await download(page, 'Export (JSON)');
    check(json.name).toMatch(new RegExp(`^datenexport-${DATE}-[a-z0-9]{8}\\.json$`));
    const doc = JSON.parse(json.bytes.toString('utf8')) as {
      person: { firstName: string; lastName: string; city: string };
    };
    check(validatePerson(doc), JSON.stringify(validatePerson.errors)).toBe(true);
    check(doc.person).toMatchObject({ firstName: 'Anna', lastName: 'Zimmermann', city: 'Köln' });

    const vcard = await download(page, 'Export (vCard)');
    check(vcard.name).toMatch(new RegExp(`^datenexport-${DATE}-[a-z0-9]{8}\\.vcf$`));
    const vcf = vcard.bytes.toString('utf8');
    check(vcf).toContain('BEGIN:VCARD');
    check(vcf).toContain('VERSION:4.0');
    check(vcf).toContain('Zimmermann');
    check(vcf).toContain('anna.zimmermann@example.org');

    const csv = await download(page, 'Export (CSV)');
    check(csv.name).toMatch(new RegExp(`^datenexport-${DATE}-[a-z0-9]{8}\\.csv$`));
    check(csv.bytes.toString('utf8')).toContain('Zimmermann');

    // The Protokoll lists the issues: one Auskunft, three exports.
    await page.getByRole('link', { name: 'Verlauf' }).click();
    const table = page.getByRole('table', { name: 'Protokoll' });
    await expect(table.getByRole('cell', { name: 'Auskunft erteilt', exact: true })).toHaveCount(1);
    await expect(table.getByRole('cell', { name: 'Datenexport erstellt', exact: true })).toHaveCount(3);
    // The log holds no name: not in the file names it notes either.
    check(await table.innerText()).not.toContain('zimmermann');
  });

  it('file names are ASCII-folded; the export is filed with the person’s open request; the person screen passes axe', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Jürgen', Name: 'Groß-Łęcki', Ort: 'Düsseldorf' });

    // An open request for portability, recorded from the person's page.
    await page.getByRole('link', { name: 'Anfrage erfassen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neue Anfrage' });
    await expect(dialog.getByRole('radio', { name: /Groß-Łęcki, Jürgen/ })).toBeVisible();
    check(await dialog.getByRole('radio', { name: /Groß-Łęcki, Jürgen/ }).isChecked()).toBe(true);
    await dialog.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Datenübertragbarkeit' });
    await dialog.getByRole('button', { name: 'Anfrage erfassen' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('link', { name: 'Groß-Łęcki, Jürgen' }).first().click();

    await expect(page.getByRole('button', { name: 'Export (JSON)' })).toBeVisible();
    await page.getByRole('button', { name: 'Export (JSON)' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'rights-person-390');
    check(await seriousViolations(page)).toEqual([]);
    const json = await download(page, 'Export (JSON)');
    check(json.name).toMatch(new RegExp(`^datenexport-${DATE}-[a-z0-9]{8}\\.json$`));
    // The export is what the request asked for: closing it is offered; here it stays open.
    const followUp = page.getByRole('dialog', { name: 'Anfrage abschließen' });
    await expect(followUp).toContainText('Datenübertragbarkeit, eingegangen am');
    await followUp.getByRole('button', { name: 'Offen lassen' }).click();
    await expect(followUp).toBeHidden();

    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    const row = page.getByRole('row', { name: /Groß-Łęcki, Jürgen/ });
    await row.getByRole('button', { name: /Details/ }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Export (JSON)' })).toContainText('.json');
  });
});
