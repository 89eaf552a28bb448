/** Offline-first: once the service worker controls the page, the app starts and works with no network. */
import { describe, it } from 'vitest';
import { createPerson, expect, setUpAdministrator, signIn, useBrowser } from './helpers';

const browser = useBrowser();

describe('offline', () => {
  it('starts, signs in, creates and edits a person offline; the data survives a reload', async () => {
    const { context, page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // A first service worker controls only pages loaded after it activated (no clients.claim with 'prompt').
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);

    await context.setOffline(true);
    await page.reload();
    await signIn(page);
    await createPerson(page, { Vorname: 'Olga', Name: 'Offline', Ort: 'Kiel', 'E-Mail': 'olga@example.org' });
    await page.getByRole('textbox', { name: 'Ort', exact: true }).fill('Flensburg');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const dialog = page.getByRole('dialog', { name: 'Änderung begründen' });
    await expect(dialog.getByRole('listitem')).toHaveText(['Ort']);
    await dialog.getByRole('textbox', { name: 'Kommentar' }).fill('Umzug');
    await dialog.getByRole('button', { name: 'Bestätigen' }).click();
    await expect(dialog).toBeHidden();

    await page.reload();
    await signIn(page);
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Flensburg');
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' }).getByRole('row')).toHaveCount(3);
    // Lazy-loaded screens come from the precache too.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('checkbox', { name: 'DSGVO-Programmunterstützung deaktivieren' })).toBeVisible();
  });
});
