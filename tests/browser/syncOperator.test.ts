/**
 * The sync server's operator is a processor (Art. 28): once the book is connected (to the real
 * sync server, started here), the Übersicht names "Sync-Server-Betreiber ohne
 * Auftragsverarbeitungsvertrag"; its link leads to the choice in Einstellungen → Synchronisation.
 * The administrator enters the operator as a processor with its contract date, names it there,
 * and the finding goes; the Verzeichnis names the operator with its contract.
 */
import { describe, expect as check, it } from 'vitest';
import {
  expect,
  openSection,
  screenshot,
  seedController,
  seriousViolations,
  setUpAdministrator,
  useBrowser,
} from './helpers';
import { connectBook, createBook, useSyncServer } from './syncHelpers';

const browser = useBrowser();
const server = useSyncServer();

describe("the sync server's operator", { timeout: 120_000 }, () => {
  it('is asked for while no contract is on record, and named with it once entered', async () => {
    const account = await createBook(server(), 'operator-book');
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await connectBook(page, server(), 'operator-book', account);

    await openSection(page, 'Übersicht');
    const card = page.getByRole('region', { name: /^Zu prüfen: Verantwortlicher, Empfänger/ });
    const finding = card.getByRole('link', {
      name: /^http:\/\/127\.0\.0\.1:\d+: Sync-Server-Betreiber ohne Auftragsverarbeitungsvertrag \(Art\. 28 Abs\. 3 DSGVO\)$/,
    });
    await expect(finding).toBeVisible();
    await expect(card.getByRole('link')).toHaveCount(1);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-operator-finding');

    // The link leads to the choice; no processor is entered yet.
    await finding.click();
    const panel = page.getByRole('region', { name: 'Betreiber des Sync-Servers (Art. 28 DSGVO)' });
    const choice = panel.getByRole('combobox', { name: 'Betreiber des Sync-Servers' });
    await expect(choice).toBeFocused();
    await expect(panel).toContainText('Noch kein Auftragsverarbeiter erfasst');
    await expect(panel.getByRole('button', { name: 'Betreiber speichern' })).toBeDisabled();
    check(await seriousViolations(page, '.sync'), 'sync section').toEqual([]);

    // The operator entered once, as a processor with its country and contract date.
    const recipients = page.getByRole('region', { name: 'Empfänger und Auftragsverarbeiter (Art. 28 DSGVO)' });
    await recipients.getByRole('textbox', { name: 'Name des Empfängers' }).fill('Hostinghaus GmbH');
    await recipients.getByRole('textbox', { name: 'Land des Empfängers' }).fill('Deutschland');
    await recipients.getByLabel('Vertrag vom').fill('2025-03-01');
    await recipients.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(recipients.getByRole('listitem')).toHaveCount(1);

    await choice.selectOption({ label: 'Hostinghaus GmbH · Vertrag vom 01.03.2025' });
    await panel.getByRole('button', { name: 'Betreiber speichern' }).click();
    await expect(panel.getByRole('status')).toHaveText('Betreiber gespeichert.');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-operator-chosen');

    await openSection(page, 'Übersicht');
    await expect(card).toContainText('Verantwortlicher, Empfänger und Auftragsverarbeiter sind vollständig erfasst.');
    await expect(card.getByRole('link')).toHaveCount(0);

    await openSection(page, 'Verzeichnis');
    const table = page.getByRole('table', { name: /Empfänger und Auftragsverarbeiter/ });
    const row = table.getByRole('row', { name: /^Hostinghaus GmbH, Betreiber des Sync-Servers http/ });
    await expect(row).toContainText('vom 01.03.2025');
    await expect(table.getByRole('row')).toHaveCount(2);
  });
});
