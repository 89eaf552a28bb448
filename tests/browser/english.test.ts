/**
 * The English UI has no German left: every screen (and the person form, its dialogs' openers and
 * the Datenpannen register) rendered in English, its text searched for umlauts and common German
 * words — outside the data the user entered (a person's name, the purposes' names).
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { de } from '../../src/i18n/de';
import { createPerson, expect, seedController, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

const SCREENS = [
  'Overview',
  'Persons',
  'GDPR worklist',
  'Requests',
  'Data breaches',
  'Audit log',
  'Register',
  'Settings',
];

/** German that must not show in the English UI: umlauts, ß, and words an English text never has. */
const GERMAN =
  /[äöüÄÖÜß]|\b(und|oder|der|die|das|nicht|noch|keine?|mit|für|Person(en)?|Einwilligung|Speichern|Abbrechen|Datei|Anfragen?|Datenpanne|DSGVO|Zweck|Protokoll|Verzeichnis|Einstellungen|Übersicht|Sperr\w*|Benutzer|Kommentar)\b/g;

async function germanOn(page: Page, data: readonly string[]): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready);
  let text = await page.evaluate(() => document.body.innerText);
  for (const value of data) text = text.split(value).join(' ');
  return [...new Set([...text.matchAll(GERMAN)].map((m) => m[0]))];
}

describe('a book set up in English', () => {
  it('starts with the default purposes named in English', async () => {
    const { page } = await browser.newPage();
    await page.goto(browser.baseURL());
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await page.getByLabel('User').fill('admin');
    await page.getByLabel('Staff number').fill('P-001');
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByLabel('Repeat passphrase').fill('correct horse battery');
    await page.getByRole('button', { name: 'Set up' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    for (const name of ['Contractual purpose', 'Publicly available data', 'Advertising', 'Address trading'])
      await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
    check(await page.getByText('Vertraglicher Zweck').count()).toBe(0);
  });
});

describe('the English UI', () => {
  it('shows no German outside the data on any screen', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Jürgen', Name: 'Müller-Lüdenscheidt', Ort: 'Köln' });
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

    // Data the user entered stays as entered: the person, the purposes' names, the language's own
    // name — and the seeded purpose's legitimate interest, stored in the book's language (German).
    await page.getByRole('link', { name: 'Persons', exact: true }).click();
    await page.getByRole('link', { name: /Müller-Lüdenscheidt, Jürgen/ }).click();
    // The purposes arrive from a live query after the form: read the options once they are there
    // (until then the select is busy, showing "Loading purposes …" — the purposes' names on the
    // page would then count as German).
    const purposeSelect = page.getByRole('combobox', { name: 'Purpose' });
    const purposeOptions = purposeSelect.locator('option');
    await check.poll(() => purposeSelect.getAttribute('aria-busy'), { timeout: 30_000, interval: 200 }).toBeNull();
    await check.poll(() => purposeOptions.count(), { timeout: 30_000, interval: 200 }).toBeGreaterThan(1);
    const purposes = await purposeOptions.evaluateAll((options) => options.map((o) => o.textContent).filter(Boolean));
    const data = [
      'Müller-Lüdenscheidt',
      'Jürgen',
      'Köln',
      'Deutsch',
      'Kunde angelegt',
      de['purpose.seed.publicInterest'],
      ...purposes,
    ];

    const found: Record<string, string[]> = {};
    found['person form'] = await germanOn(page, data);
    for (const name of SCREENS) {
      await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expect(page.getByText('Loading', { exact: false })).toHaveCount(0);
      found[name] = await germanOn(page, data);
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Persons', exact: true }).click();
    await page.getByRole('button', { name: 'New person' }).click();
    found['new person'] = await germanOn(page, data);
    for (const [screen, words] of Object.entries(found)) check(words, screen).toEqual([]);

    // Counted in English ("1 match", not "1 matches"); a download named in English too.
    await page.getByRole('link', { name: 'Persons', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Müller');
    await expect(page.getByText('1 match', { exact: true })).toBeVisible();
    await page.getByRole('navigation').getByRole('link', { name: 'Register', exact: true }).click();
    await seedController(page);
    const [json] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Register (JSON)', exact: true }).click(),
    ]);
    check(json.suggestedFilename()).toMatch(/^processing-register-\d{4}-\d{2}-\d{2}\.json$/);
  });
});
