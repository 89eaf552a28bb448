/**
 * Informing the person (issue 16, item 9): a person entered by hand is to be informed at
 * collection (Art. 13), so the Prüfliste lists them with the reason; the notice is made as a PDF
 * letter and as e-mail text; "Information erfassen" records it and the list empties. The Übersicht
 * counts who is not informed and links to that list.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  expect,
  pdfAssemblies,
  screenshot,
  seriousViolations,
  setUpAdministrator,
  useBrowser,
  resize,
} from './helpers';

const browser = useBrowser();

/** The files the page itself fetched whose URL matches (a worker's fetches are its own, not listed). */
const pageResources = (page: Page, url: RegExp) =>
  page.evaluate(
    (source) =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => new RegExp(source, 'i').test(name)),
    url.source,
  );

describe('informing the person (Art. 13/14)', () => {
  it('a person entered is listed until informed; the letter and the e-mail say purpose, retention and rights', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('textbox', { name: 'Name des Verantwortlichen' }).fill('Muster Handel GmbH');
    await page.getByRole('textbox', { name: 'Straße des Verantwortlichen' }).fill('Hafenstraße 1');
    await page.getByRole('textbox', { name: 'PLZ des Verantwortlichen' }).fill('50667');
    await page.getByRole('textbox', { name: 'Ort des Verantwortlichen' }).fill('Köln');
    await page.getByRole('textbox', { name: 'E-Mail des Verantwortlichen' }).fill('datenschutz@muster.example');
    await page.getByRole('region', { name: 'Verantwortlicher' }).getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'gespeichert' })).toBeVisible();
    await createPerson(page, { Anrede: 'Frau', Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    await expect(page.getByText('Bei der Erhebung am', { exact: false })).toBeVisible();

    // The Übersicht counts the person and its figure leads to the Prüfliste's list of its own,
    // with the reason per row.
    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page
      .getByRole('link', {
        name: '1 nicht informiert (Art. 13/14) – Frist läuft ab oder ist überschritten',
        exact: true,
      })
      .click();
    check(await page.evaluate(() => location.hash)).toBe('#/pruefliste?liste=notInformed');
    const tab = page.getByRole('tab', { name: /Nicht informiert \(Art\. 13\/14\)/ });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(tab).toContainText('1');
    const rows = page.getByRole('list', { name: 'Nicht informiert (Art. 13/14)' }).getByRole('listitem');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Zimmermann, Anna');
    await expect(rows).toContainText('zu informieren (Art. 13)');
    check(await seriousViolations(page), 'Prüfliste, not informed').toEqual([]);
    await screenshot(page, 'worklist-not-informed-1024');
    await resize(page, { width: 390, height: 844 });
    await screenshot(page, 'worklist-not-informed-390');
    await resize(page, { width: 1024, height: 768 });

    // The notice: a PDF letter from the controller, read back. She has no street: the letter can be
    // made (and handed over in person), not sent — said beside it.
    await rows.getByRole('link', { name: /Zimmermann, Anna/ }).click();
    const described = await page
      .getByRole('button', { name: 'Informationsschreiben (PDF)' })
      .evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
    check(described).toMatch(/^Keine Postanschrift \(Straße und Ort\)/);
    const [d] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Informationsschreiben (PDF)' }).click(),
    ]);
    check(d.suggestedFilename()).toMatch(/^datenschutzinformation-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.pdf$/);
    const pdf = readFileSync(await d.path());
    check(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Made in its worker (documents/offThread.ts): the page did not load jsPDF for it.
    check((await pdfAssemblies(page)).map((a) => a.kind)).toEqual(['informationNotice']);
    check(await pageResources(page, /jspdf/i)).toEqual([]);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    for (const part of [
      'Information über die Verarbeitung Ihrer personenbezogenen Daten',
      'nach Art. 13 DSGVO',
      'Sehr geehrte Frau Zimmermann',
      'Muster Handel GmbH',
      'datenschutz@muster.example',
      'Zweck: Vertraglicher Zweck',
      'Art. 6 Abs. 1 lit. b DSGVO',
      'Wie lange wir die Daten speichern',
      'Auskunft (Art. 15 DSGVO)',
      'Aufsichtsbehörde',
    ])
      check(flat, part).toContain(part);
    check(flat).not.toContain('Woher die Daten stammen');

    // The same notice as e-mail text.
    await page.getByRole('button', { name: 'Information als E-Mail' }).click();
    const mail = page.getByRole('dialog', { name: 'Information als E-Mail' });
    await expect(mail.getByRole('textbox', { name: 'Betreff' })).toHaveValue(
      'Information über die Verarbeitung Ihrer personenbezogenen Daten (nach Art. 13 DSGVO)',
    );
    check(await mail.getByRole('textbox', { name: 'Text' }).inputValue()).toContain('6. Ihre Rechte');
    check(await seriousViolations(page), 'e-mail dialog').toEqual([]);
    await mail.getByRole('button', { name: 'Schließen' }).click();

    // Recorded: the person says so, the list is empty.
    await page.getByRole('button', { name: 'Information erfassen' }).click();
    const record = page.getByRole('dialog', { name: 'Information erfassen' });
    await record.getByRole('combobox', { name: 'Weg' }).selectOption({ label: 'E-Mail' });
    await record.getByRole('button', { name: 'Information erfassen' }).click();
    await expect(record).toBeHidden();
    await expect(page.getByText(/Informiert am \d{2}\.\d{2}\.\d{4} \(E-Mail\)\./)).toBeVisible();
    await page.getByRole('link', { name: 'Prüfliste DSGVO' }).click();
    await page.getByRole('tab', { name: /Nicht informiert/ }).click();
    await expect(page.getByText('Keine Frist zur Information läuft ab – nichts zu tun.')).toBeVisible();
    await expect(page.getByRole('tab', { name: /Nicht informiert/ })).toContainText('0');
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await expect(page.getByRole('cell', { name: 'Über die Datenverarbeitung informiert', exact: true })).toHaveCount(1);
  });
});
