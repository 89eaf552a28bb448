/**
 * The person list's filters (issue 16, item 8): Art, Status and Verwendungszweck combine with each
 * other and with the search, are kept in the address (the Übersicht's figures link there), work
 * by keyboard, are touch-sized and fit at 390 px. The consent attribute's name is set in Einstellungen.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, screenshot, seriousViolations, setUpAdministrator, useBrowser, resize } from './helpers';

const browser = useBrowser();

function listedNames(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Personen' }).locator('.cell.name').allInnerTexts();
}

async function lock(page: Page, reason: string): Promise<void> {
  await page.getByRole('button', { name: 'Sperren' }).click();
  const dialog = page.getByRole('dialog', { name: /sperren/ });
  await dialog.getByRole('textbox').fill(reason);
  await dialog.getByRole('button', { name: 'Sperren' }).click();
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
}

describe('person list filters', () => {
  it('filter by Art, status and purpose, with the search, by keyboard, at 390 px; the Übersicht links to them', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    await createPerson(page, { Vorname: 'Jan', Name: 'Nowak', Ort: 'Bonn' }, { purpose: 'Werbung', comment: 'Messe' });
    await createPerson(page, { Vorname: 'Lea', Name: 'Schulte', Ort: 'Köln' });
    await lock(page, 'Widerspruch (Art. 21)');
    await createPerson(page, { Vorname: 'Jonas', Name: 'Zander', Ort: 'Ulm' });

    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    const status = page.getByRole('combobox', { name: 'Status' });
    const purpose = page.getByRole('combobox', { name: 'Verwendungszweck' });
    const kind = page.getByRole('combobox', { name: 'Art' });
    await expect(page.getByText('4 Personen', { exact: true })).toBeVisible();

    await status.selectOption({ label: 'Gesperrt (Art. 18)' });
    await expect(page.getByText('1 von 4 Personen')).toBeVisible();
    await check.poll(() => listedNames(page)).toEqual(['Schulte, Lea']);
    check(await page.evaluate(() => location.hash)).toBe('#/personen?status=locked');

    await status.selectOption({ label: 'Einwilligung fehlt' });
    await expect(page.getByText('1 von 4 Personen')).toBeVisible();
    await check.poll(() => listedNames(page)).toEqual(['Nowak, Jan']);
    await expect(page.getByRole('list', { name: 'Personen' })).toContainText('Nowak, Jan');

    // Purpose and the search combine with the status.
    await status.selectOption({ label: 'Alle' });
    await purpose.selectOption({ label: 'Vertraglicher Zweck' });
    await expect(page.getByText('3 von 4 Personen')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('z');
    await expect(page.getByText('2 Treffer', { exact: true })).toBeVisible();
    await check.poll(() => listedNames(page)).toEqual(['Zander, Jonas', 'Zimmermann, Anna']);
    await status.selectOption({ label: 'Gesperrt (Art. 18)' });
    await expect(page.getByText('Niemand gefunden für „z“', { exact: false })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('');
    await expect(page.getByText('1 von 4 Personen')).toBeVisible();

    // Reset, then the keyboard: Tab reaches the filters after the search, arrow keys choose.
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await expect(page.getByText('4 Personen', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Filter zurücksetzen' })).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Suchen' }).focus();
    await page.keyboard.press('Tab');
    await expect(kind).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(kind).toHaveValue('natural');
    await page.keyboard.press('Tab');
    await expect(status).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(purpose).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Filter zurücksetzen' })).toBeFocused();
    await kind.selectOption({ label: 'Geschäftspartner' });
    await expect(page.getByText('Keine Person passt zu diesem Filter.')).toBeVisible();
    await kind.selectOption({ label: 'Ansprechpartner' });
    await purpose.selectOption({ label: 'Werbung' });
    await expect(page.getByText('1 von 4 Personen')).toBeVisible();
    await check.poll(() => listedNames(page)).toEqual(['Nowak, Jan']);
    check(await seriousViolations(page), 'filters 1024').toEqual([]);
    await screenshot(page, 'person-filters-1024');

    // A phone: the filters fit, nothing scrolls sideways, every control is touch-sized.
    await resize(page, { width: 390, height: 844 });
    check(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const control of [kind, status, purpose, page.getByRole('button', { name: 'Filter zurücksetzen' })]) {
      const box = await control.boundingBox();
      check(box && box.x >= 0 && box.x + box.width <= 390, 'inside the screen').toBe(true);
      check(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    check(await seriousViolations(page), 'filters 390').toEqual([]);
    await screenshot(page, 'person-filters-390');
    await resize(page, { width: 1024, height: 768 });

    // The Übersicht's figures open the filtered list.
    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('link', { name: '1 gesperrt (Art. 18)', exact: true }).click();
    await expect(page.getByText('1 von 4 Personen')).toBeVisible();
    await check.poll(() => listedNames(page)).toEqual(['Schulte, Lea']);
    await expect(status).toHaveValue('locked');
    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('link', { name: '4 mit Verwendungszweck', exact: true }).click();
    await expect(page.getByText('4 von 4 Personen')).toBeVisible();
  });

  it('the consent attribute is named in Einstellungen and heads the consents of every person', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann' });
    await expect(page.getByRole('heading', { name: 'DSGVO-Einwilligung' })).toBeVisible();
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    const name = page.getByRole('textbox', { name: 'Name des Einwilligungsattributs' });
    await expect(name).toHaveValue('');
    await name.fill('Einwilligungserklärung');
    await page
      .getByRole('region', { name: 'Einwilligungsattribut' })
      .getByRole('button', { name: 'Speichern' })
      .click();
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert' })).toBeVisible();
    check(await seriousViolations(page), 'Einstellungen').toEqual([]);
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await page.getByRole('link', { name: /Zimmermann, Anna/ }).click();
    await expect(page.getByRole('heading', { name: 'Einwilligungserklärung' })).toBeVisible();
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await expect(page.getByRole('row', { name: /Einstellungen geändert/ }).first()).toBeVisible();
  });
});
