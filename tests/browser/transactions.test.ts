/**
 * A business transaction entered wrongly, corrected and deleted from the person page (Art. 16):
 * each with a comment the log keeps; the retention duty follows the corrected date.
 */
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, resize, screenshot, seriousViolations, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

describe('business transactions', () => {
  it('are corrected and deleted with a comment, logged; a refusal names the missing comment', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
    const added = page.getByRole('dialog', { name: 'Neuer Vorgang' });
    await added.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Auftrag' });
    await added.getByLabel('Datum').fill('2026-03-10');
    await added.getByRole('textbox', { name: 'Titel' }).fill('Auftrag 4711');
    await added.getByRole('button', { name: 'Vorgang speichern' }).click();
    await expect(added).toBeHidden();
    const table = page.getByRole('table', { name: 'Geschäftsvorfälle' });
    await expect(table.getByRole('row').nth(1)).toContainText('10.03.2026');

    // The order's date was mistyped: corrected, but not without saying why.
    await table.getByRole('button', { name: 'Vorgang „Auftrag 4711“ korrigieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Vorgang korrigieren' });
    await expect(dialog.getByRole('combobox', { name: 'Art' })).toHaveValue('order');
    await expect(dialog.getByLabel('Datum')).toHaveValue('2026-03-10');
    await dialog.getByLabel('Datum').fill('2016-03-10');
    await dialog.getByRole('button', { name: 'Korrektur speichern' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Bitte begründen Sie');
    await dialog.getByRole('textbox', { name: 'Kommentar' }).fill('Datum vertippt, Rechnung vom 10.03.2016');
    await screenshot(page, 'transaction-correct-1024');
    check(await seriousViolations(page), 'correction dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Korrektur speichern' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Vorgang korrigiert.' })).toBeVisible();
    await expect(table.getByRole('row').nth(1)).toContainText('10.03.2016');

    // Entered twice: deleted, on a phone.
    await resize(page, { width: 390, height: 844 });
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'transactions-390');
    await table.getByRole('button', { name: 'Vorgang „Auftrag 4711“ korrigieren' }).click();
    await dialog.getByRole('checkbox', { name: 'Ganzen Vorgang löschen (irrtümlich erfasst)' }).check();
    await expect(dialog.getByRole('textbox', { name: 'Titel' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Kommentar' }).fill('Doppelt erfasst');
    await screenshot(page, 'transaction-delete-390');
    check(await seriousViolations(page), 'deletion in the correction dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Vorgang löschen' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Vorgang gelöscht.' })).toBeVisible();
    await expect(page.getByText('Noch kein Geschäftsvorfall.')).toBeVisible();

    // The log keeps both, with their reasons.
    await resize(page, { width: 1024, height: 768 });
    await page.getByRole('navigation').getByRole('link', { name: 'Protokoll', exact: true }).click();
    const log = page.getByRole('table', { name: 'Protokoll' });
    await expect(log.getByRole('row').filter({ hasText: 'Datum vertippt, Rechnung vom 10.03.2016' })).toHaveCount(1);
    await expect(log.getByRole('row').filter({ hasText: 'Doppelt erfasst' })).toHaveCount(1);
  });
});
