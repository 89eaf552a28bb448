/**
 * The person form on a phone: sections that fold (Anschrift, Kommunikation, Bankverbindung,
 * Zweck & Notiz), Anrede as a choice that keeps another value from an import, and no focused
 * field hidden under the sticky buttons.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, screenshot, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser({ width: 390, height: 844 });

/** Whether the focused field lies wholly on screen above the sticky buttons. */
const focusedAboveButtons = (page: Page) =>
  page.evaluate(() => {
    const field = document.activeElement as HTMLElement;
    const bar = document.querySelector('.person-form .form-actions')!.getBoundingClientRect();
    const box = field.getBoundingClientRect();
    return { label: field.id, ok: box.top >= 0 && box.bottom <= bar.top };
  });

describe('the person form on a phone', () => {
  it('folds its sections, offers the usual salutations beside Anrede, and keeps the focused field above the buttons', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('button', { name: 'Neue Person' }).click();

    // Anrede is typed (a textbox, as the UI contract says); the usual ones can be chosen beside it.
    const salutation = page.getByRole('textbox', { name: 'Anrede', exact: true });
    const choice = page.getByRole('combobox', { name: 'Anrede wählen' });
    await expect(salutation).toBeVisible(); // the form is a chunk of its own, loaded on first use
    check(await choice.locator('option').allTextContents()).toEqual(['Herr', 'Frau', 'divers', 'keine Angabe']);
    await expect(salutation).toHaveValue('');
    await choice.selectOption({ label: 'divers' });
    await expect(salutation).toHaveValue('divers');
    await choice.selectOption({ label: 'keine Angabe' });
    await expect(salutation).toHaveValue('');

    // A new person: every section open; each folds and opens again.
    const city = page.getByRole('textbox', { name: 'Ort', exact: true });
    await expect(city).toBeVisible();
    const address = page.locator('summary', { hasText: 'Anschrift' });
    await address.click();
    await expect(city).toBeHidden();
    await address.click();
    await expect(city).toBeVisible();
    await screenshot(page, 'person-form-sections-390');

    // Tab through the whole form: no focused field is under the sticky buttons.
    await page.getByRole('textbox', { name: 'Vorname' }).focus();
    await page.evaluate(() => window.scrollTo(0, 0));
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      const focused = await focusedAboveButtons(page);
      check(focused.ok, `focused ${focused.label} above the buttons`).toBe(true);
    }

    // The screen gets shorter (the on-screen keyboard opens) while a field low on it has the focus:
    // the field is brought up above the buttons that moved over it.
    const email = page.getByRole('textbox', { name: 'E-Mail' });
    await email.focus();
    check((await focusedAboveButtons(page)).ok, 'E-Mail above the buttons before').toBe(true);
    // Shorter by so much that the buttons, moving up with the screen's foot, would cover it.
    const top = await email.evaluate((el) => el.getBoundingClientRect().top);
    await page.setViewportSize({ width: 390, height: Math.max(360, Math.round(top) + 30) });
    await check.poll(async () => (await focusedAboveButtons(page)).ok, { timeout: 5_000 }).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });

    // A stored person without address or phone: those sections start folded; a problem opens its section.
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await createPerson(page, { Anrede: 'Frau', Vorname: 'Anna', Name: 'Adler' });
    await expect(page.getByRole('textbox', { name: 'Anrede', exact: true })).toHaveValue('Frau');
    await expect(page.getByRole('combobox', { name: 'Anrede wählen' })).toHaveValue('Frau');
    await expect(city).toBeHidden();
    await expect(page.getByRole('textbox', { name: 'E-Mail' })).toBeHidden();
    await screenshot(page, 'person-form-folded-390');
    await page.locator('summary', { hasText: 'Kommunikation' }).click();
    await page.getByRole('textbox', { name: 'E-Mail' }).fill('kein-at-zeichen');
    await page.locator('summary', { hasText: 'Kommunikation' }).click();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('textbox', { name: 'E-Mail' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'E-Mail' })).toHaveAttribute('aria-invalid', 'true');
    // Pressed in the bottom bar, the refusal is brought into view where the form says it.
    await expect(page.locator('.person-form > .error[role=alert]')).toBeInViewport();
  });

  it('confirms a business transaction beside the button it was made with, in view', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler' });
    const button = page.getByRole('button', { name: 'Neuer Vorgang' });
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Neuer Vorgang' });
    await dialog.getByRole('textbox', { name: 'Titel' }).fill('Telefonat');
    await dialog.getByRole('button', { name: 'Vorgang speichern' }).click();
    await expect(dialog).toBeHidden();
    // Not in the form's bar far above (out of view down here: the save looked like nothing happened).
    const saved = page.locator('.record-actions [role=status]');
    await expect(saved).toHaveText('Vorgang gespeichert.');
    await expect(saved).toBeInViewport();
    await screenshot(page, 'transaction-saved-390');
  });

  it('keeps a salutation from an import that is none of the offered ones', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('button', { name: 'Importieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importieren' });
    await dialog.getByLabel('Datei').setInputFiles({
      name: 'liste.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Anrede,Vorname,Nachname\r\nMx,Kim,Quast\r\n'),
    });
    await dialog.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: 'Vertraglicher Zweck' });
    await dialog.getByRole('textbox', { name: 'Kommentar' }).fill('Liste übernommen');
    await dialog.getByRole('button', { name: 'Importieren (1 Person)' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('link', { name: /Quast, Kim/ }).click();
    await expect(page.getByRole('textbox', { name: 'Anrede', exact: true })).toHaveValue('Mx');
    const choice = page.getByRole('combobox', { name: 'Anrede wählen' });
    await expect(choice).toHaveValue('Mx');
    check(await choice.locator('option').allTextContents()).toEqual(['Mx', 'Herr', 'Frau', 'divers', 'keine Angabe']);
  });
});
