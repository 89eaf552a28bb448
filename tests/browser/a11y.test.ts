/** axe-core on every main screen and the change dialog: no serious or critical violation. */
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, seriousViolations, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

describe('accessibility', () => {
  it('sign-in, Personen, person form, dialog, Protokoll and Einstellungen pass axe', async () => {
    const { page } = await browser.newPage();
    await page.goto(browser.baseURL());
    await expect(page.getByRole('button', { name: 'Einrichten' })).toBeVisible();
    check(await seriousViolations(page), 'first start').toEqual([]);

    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln', 'E-Mail': 'anna@example.org' });
    check(await seriousViolations(page), 'person form').toEqual([]);

    await page.getByRole('textbox', { name: 'E-Mail' }).fill('anna@example.net');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('dialog', { name: 'Änderung begründen' })).toBeVisible();
    check(await seriousViolations(page), 'change dialog').toEqual([]);
    await page.keyboard.press('Escape');

    // The change is not saved: leaving asks first.
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    const question = page.getByRole('alertdialog', { name: 'Änderungen verwerfen?' });
    await expect(question).toBeVisible();
    check(await seriousViolations(page), 'unsaved changes question').toEqual([]);
    await question.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(page.getByRole('link', { name: /Zimmermann, Anna/ })).toBeVisible();
    check(await seriousViolations(page), 'Personen').toEqual([]);

    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();
    check(await seriousViolations(page), 'Protokoll').toEqual([]);

    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('checkbox', { name: 'DSGVO-Programmunterstützung deaktivieren' })).toBeVisible();
    check(await seriousViolations(page), 'Einstellungen').toEqual([]);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    check(await seriousViolations(page), 'sign-in').toEqual([]);
  });
});
