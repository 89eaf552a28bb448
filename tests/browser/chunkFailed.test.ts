/**
 * The app's files changed under an open tab (an update accepted in another tab, or a file missing
 * offline): a lazy chunk this tab asks for is gone. Where it was asked for, the app says so and
 * offers "Neu laden" — which keeps the unsaved drafts, as an update's reload does — instead of a
 * generic error, a dead button or a blank page. The chunk's request is aborted here, as a server
 * without the old file (or no network without it cached) leaves it.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, openSection, screenshot, setUpAdministrator, submitSignIn, useBrowser } from './helpers';

const browser = useBrowser();

const gone = (page: Page, chunk: RegExp) => page.route(chunk, (route) => route.abort());
const saysUpdated = (page: Page) => page.getByRole('alert').filter({ hasText: 'wurde inzwischen aktualisiert' });

describe('a lazy chunk that is gone', () => {
  it("a screen whose stylesheet is gone (Vite's preload error) says so, with Neu laden", async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await gone(page, /\/assets\/Register-[^/]*\.css$/);
    await openSection(page, 'Verzeichnis');
    await expect(saysUpdated(page)).toBeVisible();
    await expect(saysUpdated(page).getByRole('button', { name: 'Neu laden' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Unerwarteter Fehler' })).toHaveCount(0);
  });

  it("the person list's filters, their chunk gone, say so with Neu laden instead of loading for ever", async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler' });
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByText('1 Person', { exact: true })).toBeVisible();
    await gone(page, /\/assets\/personFilter-[^/]*\.js$/);
    await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Gesperrt (Art. 18)' });
    await expect(saysUpdated(page)).toBeVisible();
    await expect(saysUpdated(page).getByRole('button', { name: 'Neu laden' })).toBeVisible();
  });

  it('the first start, its form gone, says so instead of a blank page', async () => {
    const { page } = await browser.newPage();
    await gone(page, /\/assets\/SetupForm-[^/]*\.js$/);
    await page.goto(browser.baseURL());
    await expect(saysUpdated(page)).toBeVisible();
    await page.unrouteAll();
    // Signed out, nothing to keep: it reloads, and the form is there.
    await saysUpdated(page).getByRole('button', { name: 'Neu laden' }).click();
    await expect(page.getByRole('button', { name: 'Einrichten' })).toBeVisible();
  });

  it("a dialog's chunk gone while a form holds changes: said in place; Neu laden keeps the changes for after signing in", async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    const city = page.getByRole('textbox', { name: 'Ort', exact: true });
    await city.fill('Zwickau');

    await gone(page, /\/assets\/NewTransactionDialog-[^/]*\.js$/);
    await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
    await expect(saysUpdated(page)).toBeVisible();
    // The form around it is still there, with what was typed.
    await expect(city).toHaveValue('Zwickau');
    await saysUpdated(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'chunk-failed-in-form');

    await page.unrouteAll();
    await saysUpdated(page).getByRole('button', { name: 'Neu laden' }).click();
    // Reloaded without the browser's leave question (the changes are kept), signed out as after an update.
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await submitSignIn(page);
    const offer = page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' });
    await expect(offer).toContainText('Adler, Anna');
    await offer.getByRole('button', { name: 'Änderungen wiederherstellen' }).click();
    await expect(city).toHaveValue('Zwickau');
    check(page.url()).toContain('#/personen/');
  });
});
