/**
 * Requests follow what was done (issue 16, item 6): erasing a person with an open erasure request
 * offers to close it with that date; the register then shows it done and by what. An erasure a
 * retention duty blocks offers to refuse the request, with the reason drafted for the person. A bulk
 * erasure offers the same for every person it deleted.
 */
import { describe, expect as check, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createPerson, expect, screenshot, seriousViolations, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

async function recordRequest(page: Page, name: RegExp, kind: string): Promise<void> {
  await page.getByRole('link', { name: 'Anfrage erfassen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Neue Anfrage' });
  await expect(dialog.getByRole('radio', { name })).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Art' }).selectOption({ label: kind });
  await dialog.getByRole('button', { name: 'Anfrage erfassen' }).click();
  await expect(dialog).toBeHidden();
}

describe('requests follow what was done', () => {
  it('erasing a person with an open erasure request closes it as done on that date', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    await recordRequest(page, /Zimmermann, Anna/, 'Löschung');
    const row = page.getByRole('row', { name: /Zimmermann, Anna/ });
    await expect(row).toContainText('offen');

    await row.getByRole('link', { name: 'Zimmermann, Anna' }).click();
    await page.getByRole('button', { name: 'Löschen' }).click();
    const del = page.getByRole('dialog', { name: 'Person löschen' });
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Löschung verlangt');
    await del.getByRole('button', { name: 'Löschen' }).click();

    const followUp = page.getByRole('dialog', { name: 'Anfrage abschließen' });
    await expect(followUp).toContainText('Löschung, eingegangen am');
    const today = await page.evaluate(() =>
      new Date().toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' }),
    );
    await expect(followUp).toContainText(`Person gelöscht am ${today}`);
    check(await seriousViolations(page), 'follow-up dialog').toEqual([]);
    await screenshot(page, 'request-follow-up-1024');
    await followUp.getByRole('button', { name: 'Als erledigt schließen' }).click();
    await expect(followUp).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Anfrage als erledigt geschlossen' })).toBeVisible();

    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    await expect(page.getByText('Keine offenen Anfragen.')).toBeVisible();
    await page.getByRole('combobox', { name: 'Anzeigen' }).selectOption({ label: 'Alle Anfragen' });
    const closed = page.getByRole('row', { name: /Person gelöscht/ });
    await expect(closed).toContainText('erledigt');
    await expect(closed).toContainText(`Person gelöscht am ${today}`);
    await expect(closed).toContainText(`abgeschlossen am ${today}`);
    await screenshot(page, 'request-closed-1024');

    // The Protokoll names the closing and the request's kind.
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    const log = page.getByRole('table', { name: 'Protokoll' });
    await expect(log.getByRole('row', { name: /Anfrage abgeschlossen/ })).toContainText('Anfrage: Löschung');
  });

  it("a bulk erasure from the Prüfliste offers to close the deleted persons' erasure requests", async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // Both held for advertising without a consent (the list "Einwilligung fehlt"); Anna asked for erasure.
    const advertising = { purpose: 'Werbung', comment: 'Messe' };
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' }, advertising);
    await recordRequest(page, /Zimmermann, Anna/, 'Löschung');
    await createPerson(page, { Vorname: 'Bernd', Name: 'Vogel', Ort: 'Bonn' }, advertising);

    await page.getByRole('link', { name: 'Prüfliste DSGVO' }).click();
    await page.getByRole('tab', { name: /Einwilligung fehlt/ }).click();
    await expect(page.getByRole('list', { name: 'Einwilligung fehlt' }).getByRole('listitem')).toHaveCount(2);
    await page.getByRole('button', { name: 'Ansprechpartner löschen' }).click();
    const del = page.getByRole('dialog', { name: 'Ansprechpartner löschen' });
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Keine Einwilligung');
    await del.getByRole('button', { name: 'Endgültig löschen (2)' }).click();
    await expect(del.getByText('Gelöscht: 2.')).toBeVisible();
    await del.getByRole('button', { name: 'Schließen' }).click();

    const followUp = page.getByRole('dialog', { name: 'Anfrage abschließen' });
    await expect(followUp.getByRole('listitem')).toHaveCount(1);
    await expect(followUp).toContainText('Löschung, eingegangen am');
    check(await seriousViolations(page), 'follow-up after bulk erasure').toEqual([]);
    await followUp.getByRole('button', { name: 'Als erledigt schließen' }).click();
    await expect(followUp).toBeHidden();
    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    await expect(page.getByText('Keine offenen Anfragen.')).toBeVisible();
  });

  it('an erasure blocked by a retention duty offers to refuse the request with the reason for the person', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Jan', Name: 'Nowak', Ort: 'Bonn' });
    await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
    const tx = page.getByRole('dialog', { name: 'Neuer Vorgang' });
    await tx.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Auftrag' });
    await tx.getByRole('textbox', { name: 'Titel' }).fill('Auftrag 4711');
    await tx.getByRole('button', { name: 'Vorgang speichern' }).click();
    await expect(tx).toBeHidden();
    await recordRequest(page, /Nowak, Jan/, 'Löschung');
    await page
      .getByRole('row', { name: /Nowak, Jan/ })
      .getByRole('link', { name: 'Nowak, Jan' })
      .click();

    await page.getByRole('button', { name: 'Löschen' }).click();
    const refuse = page.getByRole('dialog', { name: 'Anfrage ablehnen' });
    const reason = refuse.getByRole('textbox', { name: 'Begründung für die Person' });
    await expect(reason).toBeVisible();
    check(await reason.inputValue()).toMatch(/Aufbewahrungspflicht.*frühestens ab dem \d{2}\.\d{2}\.\d{4}/);
    await screenshot(page, 'request-refusal-1024');
    await refuse.getByRole('button', { name: 'Als abgelehnt schließen' }).click();
    await expect(refuse).toBeHidden();
    // The person stays, with the lock offered instead.
    await expect(page.getByRole('button', { name: 'Stattdessen sperren' })).toBeVisible();

    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    await page.getByRole('combobox', { name: 'Anzeigen' }).selectOption({ label: 'Alle Anfragen' });
    const row = page.getByRole('row', { name: /Nowak, Jan/ });
    await expect(row).toContainText('abgelehnt');
    await row.getByRole('button', { name: /Details/ }).click();
    await expect(page.getByText('Begründung der Ablehnung (Art. 12 Abs. 4 DSGVO)')).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'Aufbewahrungspflicht' })).toBeVisible();
  });
});
