/**
 * A field worker's phone (390 × 844, touch): the on-screen keyboard opening while a field at a
 * dialog's foot has the focus leaves that field in sight, saving a new person leaves the focus
 * in the app (a screen reader goes on from there), not on the page's body, and the person list
 * shows a long name whole (a phone has no pointer to show a cut one's title); on a touch screen,
 * links standing alone are tall enough to tap, turning the phone keeps what was typed, and hiding
 * the backup reminder leaves the focus in the screen.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, openSection, resize, screenshot, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser({ width: 390, height: 844 });

/** The on-screen keyboard takes the lower half of the screen: the viewport gets that much shorter. */
async function keyboardOpens(page: Page, field: Locator) {
  await field.focus();
  await expect(field).toBeInViewport();
  await page.setViewportSize({ width: 390, height: 420 });
}

/** The focus is in the app's main region, not fallen back to the page's body. */
const focusInMain = (page: Page) =>
  page.evaluate(() => document.activeElement !== document.body && !!document.activeElement?.closest('#main'));

describe('dialogs on a phone', () => {
  it('a field at the foot of a dialog stays in sight when the on-screen keyboard opens', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });

    await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    const consent = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    const text = consent.getByRole('textbox', { name: 'Text oder Version der Einwilligung' });
    await keyboardOpens(page, text);
    await expect(text).toBeInViewport();
    await expect(text).toBeFocused();
    await screenshot(page, 'phone-dialog-keyboard-consent');
    await page.setViewportSize({ width: 390, height: 844 });
    await consent.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(consent).toBeHidden();

    await openSection(page, 'Anfragen');
    await page.getByRole('button', { name: 'Neue Anfrage' }).click();
    const note = page.getByRole('dialog', { name: 'Neue Anfrage' }).getByRole('textbox', { name: 'Notiz' });
    await keyboardOpens(page, note);
    await expect(note).toBeInViewport();
    await screenshot(page, 'phone-dialog-keyboard-request');
  });

  it('saving a new person leaves the focus in the app', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    await expect(page.getByRole('heading', { name: 'Adler, Anna' })).toBeVisible();
    await check
      .poll(() =>
        page.evaluate(() => document.activeElement !== document.body && !!document.activeElement?.closest('#main')),
      )
      .toBe(true);
  });

  it('the person list shows a long double name whole, its kind and phone number beside it', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, {
      Vorname: 'Annemarie',
      Name: 'Adler-Wiesenthal',
      Ort: 'Köln',
      Telefon: '0221 5550101',
      'E-Mail': 'annemarie@example.de',
    });
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    const row = page.getByRole('link', { name: /Adler-Wiesenthal, Annemarie/ });
    await expect(row).toBeVisible();
    await screenshot(page, 'phone-list-long-name');
    const cells = await row.evaluate((link) => {
      const box = link.closest('li')!.getBoundingClientRect();
      return [...link.querySelectorAll<HTMLElement>('.cell')].map((cell) => {
        const r = cell.getBoundingClientRect();
        return {
          cell: cell.className,
          whole: cell.scrollWidth <= cell.clientWidth,
          inRow: r.top >= box.top && r.bottom <= box.bottom && r.right <= box.right,
        };
      });
    });
    for (const c of cells) check(c, c.cell).toEqual({ cell: c.cell, whole: true, inRow: true });
  });

  it('on a touch screen the links in tables and lists are tall enough to tap (40 px)', async () => {
    const { page } = await browser.newPage({ touch: true });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    await openSection(page, 'Anfragen');
    await page.getByRole('button', { name: 'Neue Anfrage' }).tap();
    const create = page.getByRole('dialog', { name: 'Neue Anfrage' });
    await create.getByRole('searchbox', { name: 'Person suchen' }).fill('Adler');
    await create.getByRole('radio', { name: /Adler, Anna/ }).check();
    await create.getByRole('button', { name: 'Anfrage erfassen' }).tap();
    await expect(create).toBeHidden();
    const heights = async (links: Locator) =>
      (await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().height))).map(Math.round);
    const inRequests = page.getByRole('cell').getByRole('link', { name: 'Adler, Anna' });
    await expect(inRequests).toBeVisible();
    check(await inRequests.count()).toBe(1);
    check(Math.min(...(await heights(inRequests)))).toBeGreaterThanOrEqual(40);
    await screenshot(page, 'phone-touch-requests');

    await openSection(page, 'Protokoll');
    const inLog = page.getByRole('table', { name: 'Protokoll' }).getByRole('link', { name: 'Adler, Anna' });
    await expect(inLog.first()).toBeVisible();
    check(Math.min(...(await heights(inLog)))).toBeGreaterThanOrEqual(40);

    await openSection(page, 'Übersicht');
    const finding = page.getByRole('link', { name: /Verantwortlicher unvollständig/ });
    await expect(finding).toBeVisible();
    check(Math.min(...(await heights(finding)))).toBeGreaterThanOrEqual(40);
    await screenshot(page, 'phone-touch-overview');
  });

  it('turned to landscape and back, an open dialog and the form behind it keep what was typed', async () => {
    const { page } = await browser.newPage({ touch: true });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    const city = page.getByRole('textbox', { name: 'Ort', exact: true });
    await city.fill('Zwickau');
    await page.getByRole('button', { name: 'Einwilligung erfassen' }).tap();
    const consent = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    const note = consent.getByRole('textbox', { name: 'Notiz zur Erteilung' });
    await note.fill('Am Stand, Messe Köln');
    // Past the phone's width (640 px): the navigation moves from the bottom bar to the top.
    await resize(page, { width: 844, height: 390 });
    await expect(note).toHaveValue('Am Stand, Messe Köln');
    await screenshot(page, 'phone-landscape-consent');
    await resize(page, { width: 390, height: 844 });
    await expect(note).toHaveValue('Am Stand, Messe Köln');
    await consent.getByRole('button', { name: 'Abbrechen' }).tap();
    await expect(consent).toBeHidden();
    await expect(city).toHaveValue('Zwickau');
  });

  it('hiding the backup reminder leaves the focus in the app', async () => {
    const { page } = await browser.newPage({ touch: true });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler' });
    const hide = page.getByRole('button', { name: 'Erinnerung ausblenden' });
    await hide.tap();
    await expect(hide).toHaveCount(0);
    await check.poll(() => focusInMain(page)).toBe(true);
  });
});
