/**
 * The Protokoll at tablet and phone sizes: a table with every column on a tablet, a card per entry
 * with every column on a phone; the global log names each entry's person (from the directory) and
 * links to them, and an erased person shows as such. A check stopped with "Prüfung abbrechen" leaves
 * the focus on "Protokoll prüfen". The periods GDPR support was off are named as the log's gaps.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  expect,
  openSection,
  screenshot,
  setGdprSupportDisabled,
  setUpAdministrator,
  useBrowser,
  resize,
} from './helpers';

const browser = useBrowser();
const COLUMNS = ['Zeitpunkt', 'Benutzer', 'Aktion', 'Felder', 'Verwendungszweck', 'Kommentar'];

/** Whether the element lies wholly inside the viewport's width. */
async function insideWidth(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

describe('Protokoll on small screens', () => {
  it('every column readable at 1024×768 and 390×844; persons named and linked, erased ones marked', async () => {
    const { page } = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    await createPerson(
      page,
      { Vorname: 'Jan', Name: 'Nowak' },
      {
        purpose: 'Vertraglicher Zweck',
        comment: 'Kunde angelegt, Rückruf vereinbart',
      },
    );
    await page.getByRole('button', { name: 'Löschen' }).click();
    const del = page.getByRole('dialog', { name: 'Person löschen' });
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Löschung verlangt');
    await del.getByRole('button', { name: 'Löschen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'gelöscht' })).toBeVisible();

    // Tablet: the table with its six columns, the last one on screen, nothing scrolls sideways.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    const table = page.getByRole('table', { name: 'Protokoll' });
    await expect(table.getByRole('columnheader')).toHaveText(COLUMNS);
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(4);
    check(await insideWidth(page, table.getByRole('columnheader', { name: 'Kommentar' }))).toBe(true);
    const wrap = page.getByRole('region', { name: 'Protokolleinträge' });
    const widths = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    check(widths.scroll).toBeLessThanOrEqual(widths.client);
    // Newest first: the deletion and Jan's creation name him as erased, Anna's entry links to her.
    await expect(rows.nth(1)).toContainText('Gelöscht');
    await expect(rows.nth(1)).toContainText('Person gelöscht');
    await expect(rows.nth(2)).toContainText('Person gelöscht');
    check(await rows.nth(2).textContent()).not.toContain('Nowak');
    await expect(rows.nth(3).getByRole('link', { name: 'Zimmermann, Anna' })).toBeVisible();
    await screenshot(page, 'protokoll-1024');

    // Phone: one card per entry, every column labelled and on screen.
    await resize(page, { width: 390, height: 844 });
    await expect(table).toBeVisible();
    const cells = rows.nth(2).getByRole('cell');
    await expect(cells).toHaveCount(COLUMNS.length);
    for (let i = 0; i < COLUMNS.length; i++) {
      const cell = cells.nth(i);
      const label = await cell.evaluate((el) => getComputedStyle(el, '::before').content);
      check(label).toBe(`"${COLUMNS[i]}"`);
      check(await cell.isVisible()).toBe(true);
      check(await insideWidth(page, cell)).toBe(true);
    }
    // Jan's reason went with him (sealed under his key); the erasure's own reason stays.
    await expect(cells.nth(5)).toContainText('Kommentar gelöscht mit der Person');
    check(await cells.nth(5).textContent()).not.toContain('Rückruf');
    check(await insideWidth(page, rows.nth(1).getByText('Löschung verlangt'))).toBe(true);
    const phone = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    check(phone.scroll).toBeLessThanOrEqual(phone.client);
    await screenshot(page, 'protokoll-390');

    // The name links to the person.
    await rows.nth(3).getByRole('link', { name: 'Zimmermann, Anna' }).click();
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toBeVisible();
    check(await page.getByRole('textbox', { name: 'Ort', exact: true }).inputValue()).toBe('Köln');
  });
});

/**
 * Holds a write transaction on the audit log below the app (raw IndexedDB, kept alive by its own
 * requests), so a check's reads wait until `release` — a log that takes long to check, at any size.
 */
async function holdAuditLog(page: Page): Promise<{ release: () => Promise<void> }> {
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const req = indexedDB.open('consentbook');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const store = db.transaction('auditLog', 'readwrite').objectStore('auditLog');
    const held = window as unknown as { auditHeld: boolean };
    held.auditHeld = true;
    const spin = () => {
      if (held.auditHeld) store.count().onsuccess = spin;
      else db.close();
    };
    spin();
  });
  return {
    release: () => page.evaluate(() => void ((window as unknown as { auditHeld: boolean }).auditHeld = false)),
  };
}

describe('Protokoll prüfen, stopped', () => {
  it('after "Prüfung abbrechen" the focus is on "Protokoll prüfen", not on the page', async () => {
    const { page } = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    await page.getByRole('link', { name: 'Protokoll' }).click();
    const verify = page.getByRole('button', { name: 'Protokoll prüfen', exact: true });
    await expect(verify).toBeVisible();
    const held = await holdAuditLog(page);
    await verify.click();
    const stopButton = page.getByRole('button', { name: 'Prüfung abbrechen' });
    await stopButton.click();
    await expect(page.getByRole('status').filter({ hasText: 'Prüfung abgebrochen' })).toBeVisible();
    await expect(stopButton).toBeHidden();
    await expect(verify).toBeFocused();
    check(await page.evaluate(() => document.activeElement?.textContent)).toBe('Protokoll prüfen');
    await held.release();
  });
});

describe('Protokoll: the gaps', () => {
  it('names the period GDPR support was off, and the one still running', async () => {
    const { page } = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    await openSection(page, 'Protokoll');
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();
    await expect(page.getByRole('note')).toHaveCount(0);

    await setGdprSupportDisabled(page, true);
    await setGdprSupportDisabled(page, false);
    await openSection(page, 'Protokoll');
    const gaps = page.getByRole('note', { name: /^Das Protokoll hat Lücken/ });
    const items = gaps.getByRole('listitem');
    await expect(items).toHaveCount(1);
    check(await items.first().innerText()).toMatch(
      /^vom \d\d\.\d\d\.\d{4}, \d\d:\d\d bis zum \d\d\.\d\d\.\d{4}, \d\d:\d\d$/,
    );

    // Off again: the period running is named too.
    await setGdprSupportDisabled(page, true);
    await openSection(page, 'Protokoll');
    await expect(items).toHaveCount(2);
    check(await items.nth(1).innerText()).toMatch(/^seit dem \d\d\.\d\d\.\d{4}, \d\d:\d\d$/);
    // Each switch's row says which way it went (the entry states it; the periods are read from that).
    const log = page.getByRole('table', { name: 'Protokoll' });
    await expect(log.getByRole('row').filter({ hasText: 'DSGVO-Unterstützung deaktiviert' })).toHaveCount(2);
    await expect(log.getByRole('row').filter({ hasText: 'DSGVO-Unterstützung wieder aktiviert' })).toHaveCount(1);
  });
});
