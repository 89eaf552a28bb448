/**
 * Issue 16, item 10: recipients and processors entered once in Einstellungen (add, change, remove,
 * logged), listed in the Verzeichnis on screen and in its PDF.
 */
import { readFileSync } from 'node:fs';
import { extractText } from 'unpdf';
import { describe, expect as check, it } from 'vitest';
import { expect, screenshot, seedController, seriousViolations, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

describe('recipients and processors', () => {
  it('are entered in Einstellungen and listed in the Verzeichnis', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    const section = page.getByRole('region', { name: 'Empfänger und Auftragsverarbeiter (Art. 28 DSGVO)' });
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(section.getByRole('alert')).toContainText('Bitte den Namen');

    await section.getByRole('textbox', { name: 'Name des Empfängers' }).fill('Hostinghaus GmbH');
    await section.getByRole('textbox', { name: 'Land des Empfängers' }).fill('Deutschland');
    await section.getByLabel('Vertrag vom').fill('2025-03-01');
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(section.getByRole('listitem').filter({ hasText: 'Hostinghaus GmbH' })).toContainText(
      'Auftragsverarbeiter · Deutschland · Vertrag vom 01.03.2025',
    );
    await section.getByRole('textbox', { name: 'Name des Empfängers' }).fill('Steuerkanzlei Weber');
    await section.getByRole('combobox', { name: 'Rolle' }).selectOption({ label: 'Empfänger' });
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(section.getByRole('listitem')).toHaveCount(2);

    // Change one, remove the other.
    await section.getByRole('button', { name: 'Steuerkanzlei Weber bearbeiten' }).click();
    await section.getByRole('textbox', { name: 'Land des Empfängers' }).fill('Österreich');
    await section.getByRole('button', { name: 'Änderung speichern' }).click();
    await expect(section.getByRole('listitem').filter({ hasText: 'Steuerkanzlei Weber' })).toContainText('Österreich');
    await section.getByRole('button', { name: 'Hostinghaus GmbH entfernen' }).click();
    await expect(section.getByRole('listitem')).toHaveCount(1);
    await section.getByRole('textbox', { name: 'Name des Empfängers' }).fill('Lettershop Nord');
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(section.getByRole('listitem')).toHaveCount(2);
    check(await seriousViolations(page), 'recipients section').toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'recipients-settings');
    // The fields of one row line up (a stacked form's margin once set all but the first lower).
    const tops = await Promise.all(
      [
        section.getByRole('textbox', { name: 'Name des Empfängers' }),
        section.getByRole('combobox', { name: 'Rolle' }),
      ].map(async (f) => (await f.boundingBox())?.y),
    );
    check(tops[0]).toBe(tops[1]);

    await page.getByRole('link', { name: 'Verzeichnis' }).click();
    const card = page.getByRole('region', { name: /3\. Empfänger und Auftragsverarbeiter/ });
    await expect(card.getByRole('row')).toHaveCount(3);
    await expect(card).toContainText('Lettershop Nord');
    await expect(card).toContainText('kein Vertrag erfasst');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'recipients-register');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Verzeichnis (PDF)' }).click(),
    ]);
    const { text } = await extractText(new Uint8Array(readFileSync(await download.path())), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    for (const part of ['Empfänger und Auftragsverarbeiter', 'Lettershop Nord', 'Steuerkanzlei Weber', 'Österreich'])
      check(flat, part).toContain(part);
    check(flat).not.toContain('Hostinghaus');

    // Every change is in the log as a settings change.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    const settingsRows = page
      .getByRole('table', { name: 'Protokoll' })
      .getByRole('row')
      .filter({ hasText: 'Einstellungen geändert' });
    await expect(settingsRows).toHaveCount(5);
  });

  it('one narrowed to a purpose is named only under that purpose’s activity', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    const section = page.getByRole('region', { name: 'Empfänger und Auftragsverarbeiter (Art. 28 DSGVO)' });
    await section.getByRole('textbox', { name: 'Name des Empfängers' }).fill('Steuerkanzlei Weber');
    await section.getByRole('combobox', { name: 'Rolle' }).selectOption({ label: 'Empfänger' });
    const purposes = section.getByRole('group', { name: 'Verwendungszwecke' });
    await expect(purposes).toContainText('Keiner angekreuzt: alle Verwendungszwecke');
    await purposes.getByRole('checkbox', { name: 'Vertraglicher Zweck' }).check();
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(section.getByRole('listitem').filter({ hasText: 'Steuerkanzlei Weber' })).toContainText(
      'nur für: Vertraglicher Zweck',
    );
    // The form is empty again: the next entry is for every purpose unless ticked.
    check(await purposes.getByRole('checkbox', { name: 'Vertraglicher Zweck' }).isChecked()).toBe(false);
    await section.getByRole('textbox', { name: 'Name des Empfängers' }).fill('Hostinghaus GmbH');
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(section.getByRole('listitem')).toHaveCount(2);
    check(await seriousViolations(page), 'recipient purposes').toEqual([]);
    await purposes.scrollIntoViewIfNeeded();
    await screenshot(page, 'recipients-purposes');

    await page.getByRole('link', { name: 'Verzeichnis' }).click();
    const contract = page.getByRole('region', { name: /Vertraglicher Zweck/ });
    const advertising = page.getByRole('region', { name: /Werbung/ });
    await expect(contract).toContainText('Empfänger laut Abschnitt 3: Steuerkanzlei Weber');
    await expect(contract).toContainText('Hostinghaus GmbH');
    await expect(advertising).toContainText('Hostinghaus GmbH');
    check(await advertising.textContent()).not.toContain('Steuerkanzlei');
    const card = page.getByRole('region', { name: /3\. Empfänger und Auftragsverarbeiter/ });
    await expect(card.getByRole('row').filter({ hasText: 'Steuerkanzlei Weber' })).toContainText(
      'nur für: Vertraglicher Zweck',
    );
  });

  it('a processor in a third country needs the basis of the transfer, which the Verzeichnis then names', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    const section = page.getByRole('region', { name: 'Empfänger und Auftragsverarbeiter (Art. 28 DSGVO)' });
    const basis = section.getByRole('combobox', { name: 'Grundlage der Drittlandübermittlung' });
    await section.getByRole('textbox', { name: 'Name des Empfängers' }).fill('Mailer Inc.');
    await section.getByRole('textbox', { name: 'Land des Empfängers' }).fill('Deutschland');
    await expect(basis).toHaveCount(0);
    await section.getByRole('textbox', { name: 'Land des Empfängers' }).fill('USA');
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    // Refused at the field, until a basis is chosen.
    await expect(basis).toHaveAttribute('aria-invalid', 'true');
    await expect(section.getByRole('alert')).toContainText('außerhalb der EU und des EWR: Bitte angeben');
    check(await basis.getAttribute('aria-describedby')).toContain('recipient-transferBasis-error');
    await expect(section.getByRole('listitem')).toHaveCount(0);
    await basis.selectOption({ label: 'Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)' });
    await expect(section.getByRole('alert')).toHaveCount(0);
    await section.getByRole('textbox', { name: 'Näheres zur Grundlage' }).fill('Modul 2');
    check(await seriousViolations(page), 'transfer basis').toEqual([]);
    await section.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(section.getByRole('listitem').filter({ hasText: 'Mailer Inc.' })).toContainText(
      'Auftragsverarbeiter · USA · Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO), Modul 2',
    );
    await expect(basis).toHaveCount(0);

    await page.getByRole('link', { name: 'Verzeichnis' }).click();
    const card = page.getByRole('region', { name: /3\. Empfänger und Auftragsverarbeiter/ });
    await expect(card.getByRole('columnheader', { name: 'Grundlage der Drittlandübermittlung' })).toBeVisible();
    await expect(card.getByRole('row').filter({ hasText: 'Mailer Inc.' })).toContainText(
      'Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO), Modul 2',
    );
    // Each activity's transfers name it too.
    await expect(page.getByText(/Mailer Inc\. \(USA\) – Standardvertragsklauseln/).first()).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'recipients-transfer-register');
  });
});
