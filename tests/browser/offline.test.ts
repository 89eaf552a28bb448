/**
 * Offline-first: the first service worker takes over the page that installed it, so lazy chunks
 * load offline without a reload; the app then starts and works with no network.
 */
import { describe, it } from 'vitest';
import { createPerson, expect, setUpAdministrator, signIn, useBrowser } from './helpers';

const browser = useBrowser();

describe('offline', () => {
  it('starts, signs in, creates and edits a person offline; the data survives a reload', async () => {
    const { context, page } = await browser.newPage({ serviceWorker: true });
    await setUpAdministrator(page, browser.baseURL());
    // No reload: the page that installed the service worker is controlled by it (clients.claim).
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    await context.setOffline(true);
    // A lazy chunk this page has not loaded yet (the settings screen) comes from the precache.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('checkbox', { name: 'DSGVO-Programmunterstützung deaktivieren' })).toBeVisible();

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
