/**
 * No lost work: leaving a person form with unsaved changes — the navigation, the back button,
 * signing out, closing the tab — asks "Änderungen verwerfen?" first, staying the default.
 */
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

describe('unsaved changes', () => {
  it('are not lost without asking; staying is the default', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    const city = page.getByRole('textbox', { name: 'Ort', exact: true });
    const question = page.getByRole('alertdialog', { name: 'Änderungen verwerfen?' });

    // Unchanged: leaving asks nothing.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();
    await page.goBack();
    await expect(city).toHaveValue('Köln');

    // Through the navigation: Enter keeps the focused "Weiter bearbeiten" — the form and its change stay.
    await city.fill('Bonn');
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(question).toBeHidden();
    await expect(city).toHaveValue('Bonn');
    check(page.url()).toContain('#/personen/');

    // The back button: Escape stays as well.
    await page.goBack();
    await expect(question).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(city).toHaveValue('Bonn');

    // Discarding goes where the user wanted.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await question.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();
    await page.goBack();
    await expect(city).toHaveValue('Köln');

    // Signing out asks too.
    await city.fill('Bonn');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Weiter bearbeiten' }).click();
    await expect(city).toHaveValue('Bonn');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await question.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
  });

  it('closing the tab with unsaved changes asks the browser to confirm', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('button', { name: 'Neue Person' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).click();
    await page.keyboard.type('Adler');
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    check(await asked).toBe('beforeunload');
    await closed;
  });
});
