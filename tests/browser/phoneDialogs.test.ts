/**
 * A field worker's phone (390 × 844, touch): the on-screen keyboard opening while a field at a
 * dialog's foot has the focus leaves that field in sight, and saving a new person leaves the focus
 * in the app (a screen reader goes on from there), not on the page's body.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, openSection, screenshot, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser({ width: 390, height: 844 });

/** The on-screen keyboard takes the lower half of the screen: the viewport gets that much shorter. */
async function keyboardOpens(page: Page, field: Locator) {
  await field.focus();
  await expect(field).toBeInViewport();
  await page.setViewportSize({ width: 390, height: 420 });
}

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
});
