/**
 * Issue 16, item 7: bulk deletion from the Prüfliste names the persons under a retention duty once,
 * before any question, and offers "Stattdessen sperren" for them; the others are deleted.
 */
import { describe, it } from 'vitest';
import { createPerson, expect, screenshot, seriousViolations, setUpAdministrator, useBrowser } from './helpers';
import { expect as check } from 'vitest';

const browser = useBrowser();
const ADVERTISING = { purpose: 'Werbung', comment: 'Messe' };

describe('bulk deletion under a retention duty', () => {
  it('refuses the retained person before the question and locks her instead', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // Both held for advertising without a consent (the list "Einwilligung fehlt"); Anna has an order.
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' }, ADVERTISING);
    await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
    const tx = page.getByRole('dialog', { name: 'Neuer Vorgang' });
    await tx.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Auftrag' });
    await tx.getByRole('textbox', { name: 'Titel' }).fill('Auftrag 4711');
    await tx.getByRole('button', { name: 'Vorgang speichern' }).click();
    await expect(tx).toBeHidden();
    await createPerson(page, { Vorname: 'Bernd', Name: 'Vogel', Ort: 'Bonn' }, ADVERTISING);

    await page.getByRole('link', { name: 'Prüfliste DSGVO' }).click();
    await page.getByRole('tab', { name: /Einwilligung fehlt/ }).click();
    await expect(page.getByRole('list', { name: 'Einwilligung fehlt' }).getByRole('listitem')).toHaveCount(2);
    await page.getByRole('button', { name: 'Ansprechpartner löschen' }).click();
    const del = page.getByRole('dialog', { name: 'Ansprechpartner löschen' });
    const before = del.getByRole('status');
    await expect(before).toContainText('Übersprungen wegen gesetzlicher Aufbewahrungspflicht: 1');
    await expect(before).toContainText('Zimmermann, Anna');
    check(await before.innerText()).not.toContain('Vogel');
    await expect(del.getByRole('button', { name: 'Endgültig löschen (1)' })).toBeVisible();
    await screenshot(page, 'bulk-delete-retention');
    check(await seriousViolations(page), 'bulk delete with retention').toEqual([]);

    // Into the lock dialog and out again, then the deletion cancelled: focus is back on the button
    // that opened it, through the dialogs that replaced each other.
    const lock = page.getByRole('dialog', { name: 'Personen mit Aufbewahrungspflicht sperren (1)' });
    await del.getByRole('button', { name: 'Stattdessen sperren' }).click();
    await lock.getByRole('button', { name: 'Abbrechen' }).click();
    await del.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(del).toBeHidden();
    await expect(page.getByRole('button', { name: 'Ansprechpartner löschen' })).toBeFocused();
    await page.getByRole('button', { name: 'Ansprechpartner löschen' }).click();
    await expect(del.getByRole('button', { name: 'Stattdessen sperren' })).toBeVisible();

    await del.getByRole('button', { name: 'Stattdessen sperren' }).click();
    await lock.getByRole('textbox', { name: 'Grund der Sperre' }).fill('Löschung verlangt, Aufbewahrungspflicht');
    await lock.getByRole('button', { name: 'Sperren' }).click();

    // Back in the deletion: Anna now named as locked, once; the question still only for Bernd.
    await expect(del.getByText('Gesperrt statt gelöscht: 1.')).toBeVisible();
    await expect(del.getByText('Übersprungen, weil gesperrt (Art. 18 DSGVO): 1')).toBeVisible();
    await expect(del.getByText(/Aufbewahrungspflicht: 1/)).toHaveCount(0);
    await screenshot(page, 'bulk-delete-locked-instead');
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Keine Einwilligung');
    await del.getByRole('button', { name: 'Endgültig löschen (1)' }).click();
    await expect(del.getByText('Gelöscht: 1.')).toBeVisible();
    await del.getByRole('button', { name: 'Schließen' }).click();
    // Through the swaps to the lock dialog and back, focus returns to the page, not the body.
    await check.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');

    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByRole('link', { name: /Zimmermann, Anna/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Vogel, Bernd/ })).toHaveCount(0);
  });
});
