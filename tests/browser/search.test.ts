/** The person list's search as people type: folded letters, hyphenated names, parts of e-mail and phone. */
import { describe, expect as check, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expect, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser({ width: 390, height: 844 });

const FOLK = [
  ['Müller-Lüdenscheidt', 'Anna-Lena', 'EMAIL:al@lued.example'],
  ['Yılmaz', 'Ayşe', 'TEL:+49 221 5550101'],
  ['Schäfer', 'Greta', 'EMAIL:greta.schaefer@hof.example'],
  ['Nowak', 'Łukasz', 'EMAIL:lukasz@nowak.example'],
  ['Kierkegård', 'Søren', 'EMAIL:soren@k.example'],
]
  .map(
    ([last, first, extra]) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${last};${first};;;\r\nFN:${first} ${last}\r\n${extra}\r\nEND:VCARD\r\n`,
  )
  .join('');

async function importFolk(page: Page) {
  await page.getByRole('button', { name: 'Importieren' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importieren' });
  await dialog
    .getByLabel('Datei')
    .setInputFiles({ name: 'folk.vcf', mimeType: 'text/vcard', buffer: Buffer.from(FOLK) });
  await dialog.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: 'Vertraglicher Zweck' });
  await dialog.getByRole('textbox', { name: 'Kommentar' }).fill('Adressbuch übernommen');
  await dialog.getByRole('button', { name: 'Importieren (5 Personen)' }).click();
  await expect(dialog).toBeHidden();
}

describe('search', () => {
  it('finds names as people type them, hyphenated names whole and by part, e-mail and phone by any part', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await importFolk(page);
    const box = page.getByRole('searchbox', { name: 'Suchen' });
    const rows = page.locator('.list-body .row-link .name');
    const expectFinds = async (query: string, names: string[]) => {
      await box.fill(query);
      await expect(rows).toHaveText(names);
    };
    await expectFinds('Muller', ['Müller-Lüdenscheidt, Anna-Lena']);
    await expectFinds('Mueller', ['Müller-Lüdenscheidt, Anna-Lena']);
    await expectFinds('Anna-Lena', ['Müller-Lüdenscheidt, Anna-Lena']);
    await expectFinds('lena', ['Müller-Lüdenscheidt, Anna-Lena']);
    await expectFinds('anna-lena müller-lüdenscheidt', ['Müller-Lüdenscheidt, Anna-Lena']);
    await expectFinds('Yilmaz', ['Yılmaz, Ayşe']);
    await expectFinds('5550101', ['Yılmaz, Ayşe']);
    await expectFinds('Schafer', ['Schäfer, Greta']);
    await expectFinds('hof.example', ['Schäfer, Greta']);
    await expectFinds('Lukasz', ['Nowak, Łukasz']);
    await expectFinds('Soren kierkegard', ['Kierkegård, Søren']);
    // Nobody found: the list says what was searched and suggests fewer words.
    await expectFinds('Soren Schafer', []);
    await expect(page.getByText('Niemand gefunden für „Soren Schafer“. Weniger Wörter')).toBeVisible();

    // Opening a person from the hits and going back keeps the search (never in the address).
    await expectFinds('Schafer', ['Schäfer, Greta']);
    await rows.first().click();
    await page.getByRole('link', { name: 'Zur Personenliste' }).click();
    await expect(box).toHaveValue('Schafer');
    await expect(rows).toHaveText(['Schäfer, Greta']);
    check(page.url()).not.toContain('Schafer');
  });
});
