/**
 * "Aktion erstellen" in Chromium never asks again who withdrew the consent asked for (Art. 21(2),(3)
 * DSGVO; a consent request is advertising itself, § 7 UWG): the dialog says how many are left out
 * and why, names them on request, and the campaign holds the others only. Plus axe and a screenshot.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  expect,
  screenshot,
  seedController,
  seriousViolations,
  setUpAdministrator,
  useBrowser,
} from './helpers';

const browser = useBrowser();

/** A minimal PDF as evidence: the data layer checks files by content, not by name. */
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** On the person's form: a written consent to Werbung with its evidence, then its withdrawal. */
async function consentAndWithdraw(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
  await dialog.getByRole('checkbox', { name: 'Werbung' }).check();
  await dialog.getByLabel('Datum der Einwilligung').fill('2025-03-05');
  await dialog.getByRole('combobox', { name: 'Form der Einwilligung' }).selectOption({ label: 'Schriftlich' });
  await dialog.getByRole('textbox', { name: 'Text oder Version der Einwilligung' }).fill('Newsletter v1');
  await dialog
    .getByLabel('Nachweis', { exact: true })
    .setInputFiles({ name: 'einwilligung.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF });
  await dialog.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' }).check();
  await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
  await expect(dialog).toBeHidden();
  const item = page.getByRole('listitem').filter({ hasText: 'Newsletter v1' });
  await item.getByRole('button', { name: 'Widerrufen' }).click();
  const withdraw = page.getByRole('dialog', { name: 'Einwilligung widerrufen' });
  await withdraw.getByLabel('Datum des Widerrufs').fill('2025-04-01');
  await withdraw.getByRole('textbox', { name: 'Notiz zum Widerruf' }).fill('Anruf: keine Werbung mehr');
  await withdraw.getByRole('button', { name: 'Widerruf speichern' }).click();
  await expect(withdraw).toBeHidden();
  await expect(item).toContainText('Widerrufen am 01.04.2025');
}

describe('a campaign leaves out who withdrew', () => {
  it('says how many and why before it is made, names them on request, and does not take them in', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    const werbung = { purpose: 'Werbung', comment: 'Messekontakt' };
    await createPerson(page, { Anrede: 'Frau', Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' }, werbung);
    await consentAndWithdraw(page);
    await createPerson(page, { Anrede: 'Herr', Vorname: 'Bernd', Name: 'Berg', Ort: 'Ulm' }, werbung);

    // Both are held for Werbung without a consent in force: the worklist lists both.
    await page.getByRole('link', { name: 'Prüfliste DSGVO' }).click();
    await page.getByRole('tab', { name: /Einwilligung fehlt/ }).click();
    const rows = page.getByRole('list', { name: 'Einwilligung fehlt' }).getByRole('listitem');
    await expect(rows).toHaveCount(2);

    await page.getByRole('button', { name: 'Aktion erstellen' }).click();
    const create = page.getByRole('dialog', { name: 'Aktion erstellen' });
    // Until a purpose is ticked, which purposes a withdrawal concerns is not known: both count.
    await expect(create).toContainText('Personen in der Aktion: 2');
    await create.getByRole('textbox', { name: 'Name der Aktion' }).fill('Newsletter 2026');
    await create.getByRole('checkbox', { name: 'Werbung' }).check();
    await expect(create).toContainText('Personen in der Aktion: 1');
    await expect(create).toContainText(
      'Einwilligung zu einem erbetenen Zweck widerrufen und deshalb nicht aufgenommen: 1.',
    );
    await create.getByText('Namen anzeigen').click();
    await expect(create.getByRole('listitem')).toHaveText(['Zimmermann, Anna – Einwilligung widerrufen']);
    check(await seriousViolations(page), 'campaign dialog with people left out').toEqual([]);
    await screenshot(page, 'campaign-left-out-1024');
    // Asked for Adresshandel alone, she would be asked: her withdrawal concerns Werbung.
    await create.getByRole('checkbox', { name: 'Werbung' }).uncheck();
    await create.getByRole('checkbox', { name: 'Adresshandel' }).check();
    await expect(create).toContainText('Personen in der Aktion: 2');
    await create.getByRole('checkbox', { name: 'Adresshandel' }).uncheck();
    await create.getByRole('checkbox', { name: 'Werbung' }).check();

    await create.getByRole('button', { name: 'Aktion anlegen' }).click();
    await expect(create).toBeHidden();
    await expect(
      page.getByRole('status').filter({ hasText: 'Einwilligung widerrufen und nicht aufgenommen: 1.' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: /Berg, Bernd/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Zimmermann, Anna/ })).toHaveCount(0);
  });
});
