/**
 * Issue 16, item 5: no document without a controller. The first Auskunft asks for the controller
 * (name, address, contact; DPO if any), refuses to go on while something is missing, saves it and
 * then makes the document; the Verzeichnis asks the same way, and once entered nobody is asked again.
 */
import { extractText } from 'unpdf';
import { readFileSync } from 'node:fs';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, screenshot, seriousViolations, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

describe('no document without a controller', () => {
  it('asks for the controller before the first Auskunft, then makes it; the Verzeichnis no longer asks', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });

    await page.getByRole('button', { name: 'Auskunft (PDF)', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Verantwortlichen angeben' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name des Verantwortlichen' }).fill('Gärtnerei Morgentau GmbH');
    await dialog.getByRole('button', { name: 'Speichern und fortfahren' }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'Bitte ergänzen: Anschrift (Straße, PLZ, Ort), E-Mail oder Telefon.',
    );
    check(await seriousViolations(page), 'controller dialog').toEqual([]);
    await screenshot(page, 'controller-first');

    await dialog.getByRole('textbox', { name: 'Straße des Verantwortlichen' }).fill('Am Anger 3');
    await dialog.getByRole('textbox', { name: 'PLZ des Verantwortlichen' }).fill('04109');
    await dialog.getByRole('textbox', { name: 'Ort des Verantwortlichen' }).fill('Leipzig');
    await dialog.getByRole('textbox', { name: 'Telefon des Verantwortlichen' }).fill('+49 341 555000');
    await dialog.getByRole('textbox', { name: 'Datenschutzbeauftragter' }).fill('Dr. Jana Brandt');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      dialog.getByRole('button', { name: 'Speichern und fortfahren' }).click(),
    ]);
    await expect(dialog).toBeHidden();
    const { text } = await extractText(new Uint8Array(readFileSync(await download.path())), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    for (const part of ['Gärtnerei Morgentau GmbH', 'Am Anger 3', '04109 Leipzig', 'Dr. Jana Brandt'])
      check(flat, part).toContain(part);

    // Entered once: the Verzeichnis is made without asking, and the entry is logged as a settings change.
    await page.getByRole('link', { name: 'Verzeichnis' }).click();
    const [register] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Verzeichnis (JSON)' }).click(),
    ]);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const json = JSON.parse(readFileSync(await register.path(), 'utf8')) as { controller: { name: string } };
    check(json.controller.name).toBe('Gärtnerei Morgentau GmbH');
  });

  it('the Verzeichnis asks too, and cancelling makes nothing', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('link', { name: 'Verzeichnis' }).click();
    await page.getByRole('button', { name: 'Verzeichnis (PDF)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verantwortlichen angeben' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Heruntergeladen' })).toHaveCount(0);
  });
});
