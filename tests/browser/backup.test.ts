/**
 * Backup and restore end to end: a real download, refusals that change nothing (wrong passphrase,
 * truncated file), a restore that brings the old data back after signing in again, and the
 * audit log check. axe on the backup section and the restore dialog.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  expect,
  openSection,
  rawTable,
  screenshot,
  seriousViolations,
  setUpAdministrator,
  signIn,
  useBrowser,
} from './helpers';

const browser = useBrowser();

const BACKUP_PASSPHRASE = 'Sicherung 2024 Köln';

async function openRestore(page: Page) {
  await page.getByRole('button', { name: 'Sicherung wiederherstellen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sicherung wiederherstellen' });
  await expect(dialog).toBeVisible();
  return dialog;
}

describe('backup and restore', () => {
  it('shows the backup reminder with the first screen after sign-in, so the screen does not move down when it appears', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Lena', Name: 'Brandt', Ort: 'Bonn' });
    // Where the screen's heading is when it first enters the page, and whether the reminder is there then.
    await page.addInitScript(() => {
      const w = window as unknown as { firstHeading?: { reminder: boolean; top: number } };
      new MutationObserver(() => {
        // The signed-in shell's screen (the sign-in screen has a heading of its own).
        const heading = document.querySelector('.shell main h1');
        if (w.firstHeading || !heading) return;
        w.firstHeading = {
          reminder: !!document.querySelector('.shell main .backup-reminder'),
          top: heading.getBoundingClientRect().top,
        };
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await signIn(page);
    await expect(page.getByText('Es gibt noch keine Sicherung der Daten.')).toBeVisible();
    // The screen the reload kept: the person just saved.
    const heading = page.getByRole('heading', { name: 'Brandt, Lena', level: 1 });
    await expect(heading).toBeVisible();
    const first = await page.evaluate(() => (window as unknown as { firstHeading?: object }).firstHeading);
    const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
    check(first).toEqual({ reminder: true, top });
    await screenshot(page, 'backup-reminder-first-screen-1024');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByText('Es gibt noch keine Sicherung der Daten.')).toBeVisible();
    await screenshot(page, 'backup-reminder-persons-390');
    // Its link is a target a finger hits (as high as a button), not the line's height.
    const link = await page.getByRole('link', { name: 'Jetzt sichern' }).boundingBox();
    check(link?.height).toBeGreaterThanOrEqual(44);
  });

  it('creates a downloadable backup, refuses bad files without a change, restores the old data', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Jonas', Name: 'Becker', Ort: 'Köln', 'E-Mail': 'jonas.becker@example.org' });
    const personUrl = page.url();

    // No backup yet while a person exists: the reminder shows, with a way to the settings.
    await expect(page.getByText('Es gibt noch keine Sicherung der Daten.')).toBeVisible();
    await screenshot(page, 'backup-reminder-1024');
    await page.getByRole('link', { name: 'Jetzt sichern' }).click();
    await expect(page.getByRole('heading', { name: 'Einstellungen', level: 1 })).toBeVisible();
    await expect(page.getByText('Es wurde noch keine Sicherung erstellt.')).toBeVisible();
    await page.getByRole('heading', { name: 'Sicherung', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'backup-section-1024');
    check(await seriousViolations(page, 'section.backup'), 'backup section').toEqual([]);

    // Sicherung erstellen: two entries that differ are refused; a good passphrase downloads the file.
    await page.getByRole('button', { name: 'Sicherung erstellen' }).click();
    const create = page.getByRole('dialog', { name: 'Sicherung erstellen' });
    await create.getByLabel('Passphrase', { exact: true }).fill('kurz');
    await create.getByLabel('Wiederholung').fill('kurz');
    await create.getByRole('button', { name: 'Erstellen und herunterladen' }).click();
    await expect(create.getByRole('alert')).toContainText('mindestens 8 Zeichen');
    await create.getByLabel('Passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
    await create.getByLabel('Wiederholung').fill(`${BACKUP_PASSPHRASE}!`);
    await create.getByRole('button', { name: 'Erstellen und herunterladen' }).click();
    await expect(create.getByRole('alert')).toContainText('stimmen nicht überein');
    await create.getByLabel('Wiederholung').fill(BACKUP_PASSPHRASE);
    await screenshot(page, 'backup-create-dialog-1024');
    check(await seriousViolations(page, '.dialog'), 'create dialog').toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      create.getByRole('button', { name: 'Erstellen und herunterladen' }).click(),
    ]);
    check(download.suggestedFilename()).toMatch(/^consentbook-sicherung-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.cbbackup$/);
    const file = `/tmp/backup-test-${Date.now()}.cbbackup`;
    await download.saveAs(file);
    const bytes = readFileSync(file);
    check(bytes.subarray(0, 20).toString('latin1')).toBe('CONSENTBOOK-BACKUP 1');
    // The file is encrypted: the person's data does not appear in it.
    check(bytes.includes(Buffer.from('jonas.becker'))).toBe(false);
    await expect(create).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Sicherung erstellt' })).toContainText(
      download.suggestedFilename(),
    );
    await expect(page.getByText(/Letzte Sicherung: .* von admin\./)).toBeVisible();

    // Change the person after the backup.
    await page.goto(personUrl);
    await page.getByRole('textbox', { name: 'Ort', exact: true }).fill('Bonn');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const reason = page.getByRole('dialog', { name: 'Änderung begründen' });
    await reason.getByRole('textbox', { name: 'Kommentar' }).fill('Umzug');
    await reason.getByRole('button', { name: 'Bestätigen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    // A fresh backup exists: no reminder.
    await expect(page.getByText('Es gibt noch keine Sicherung der Daten.')).toHaveCount(0);

    // No file chosen: refused by name; choosing one takes the refusal away.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    let dialog = await openRestore(page);
    await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Bitte eine Sicherungsdatei auswählen.');
    await dialog.getByLabel('Datei').setInputFiles(file);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    // What the file is, said as it is chosen: this book's backup, with its date.
    await expect(dialog.getByText(/^Eine Sicherung dieses Datenbestands vom \d{2}\.\d{2}\.\d{4}/)).toBeVisible();
    // Wrong passphrase: refused in role=alert, nothing replaced.
    await dialog.getByLabel('Passphrase').fill('nicht die richtige');
    await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Falsche Passphrase');
    await screenshot(page, 'backup-restore-dialog-1024');
    check(await seriousViolations(page, '.dialog'), 'restore dialog').toEqual([]);

    // A truncated copy: refused as incomplete.
    await dialog.getByLabel('Datei').setInputFiles({
      name: 'abgeschnitten.cbbackup',
      mimeType: 'application/octet-stream',
      buffer: bytes.subarray(0, bytes.length - 200),
    });
    await dialog.getByLabel('Passphrase').fill(BACKUP_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect(dialog.getByRole('alert')).toContainText('unvollständig');
    // Not a backup at all.
    await dialog
      .getByLabel('Datei')
      .setInputFiles({ name: 'notiz.cbbackup', mimeType: 'text/plain', buffer: Buffer.from('Hallo') });
    await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect(dialog.getByRole('alert')).toContainText('keine Consentbook-Sicherung');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog).toBeHidden();
    await page.goto(personUrl);
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Bonn');

    // The right passphrase: the database is replaced, the session ends, the old data is back.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    dialog = await openRestore(page);
    await dialog.getByLabel('Datei').setInputFiles(file);
    await dialog.getByLabel('Passphrase').fill(BACKUP_PASSPHRASE);
    await dialog.getByRole('textbox', { name: 'Grund der Wiederherstellung' }).fill('Ort versehentlich geändert');
    await dialog.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Eine Sicherung wurde wiederhergestellt' })).toBeVisible();
    await signIn(page);
    await page.goto(personUrl);
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Köln');
    await expect(page.getByRole('textbox', { name: 'E-Mail', exact: true })).toHaveValue('jonas.becker@example.org');

    // The restored log verifies, also against the checkpoint the backup carried; the restore's
    // own entry says why.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(
      page.getByRole('table', { name: 'Protokoll' }).getByRole('row').filter({ hasText: 'Ort versehentlich geändert' }),
    ).toHaveCount(1);
    await page.getByRole('button', { name: 'Protokoll prüfen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Protokoll unverändert' })).toBeVisible();
    await screenshot(page, 'audit-integrity-1024');

    // "Protokoll gegen Nachweis prüfen": the backup file as evidence from outside — the log extends it.
    const against = page.getByRole('form', { name: 'Protokoll gegen Nachweis prüfen' });
    await against.getByLabel('Oder Sicherungsdatei').setInputFiles(file);
    await against.getByRole('button', { name: 'Protokoll gegen Nachweis prüfen' }).click();
    await expect(against.getByRole('status').filter({ hasText: 'führt den Nachweis fort' })).toBeVisible();
    // A code typed too short is named, not guessed at.
    await against.getByLabel('Prüfcode').fill('3:9f2c-4e0b');
    await against.getByRole('button', { name: 'Protokoll gegen Nachweis prüfen' }).click();
    await expect(against.getByRole('alert')).toContainText('zu kurz');
    // A code of an entry that stands there no more: named as missing.
    await against.getByLabel('Prüfcode').fill('9999:9f2c-4e0b-7d1a-5c3e-8f6b-2d4a');
    await against.getByRole('button', { name: 'Protokoll gegen Nachweis prüfen' }).click();
    await expect(against.getByRole('alert')).toContainText('Eintrag 9999 fehlt');
    await screenshot(page, 'audit-against-evidence-1024');
    check(await seriousViolations(page, '.checkpoint-check'), 'checkpoint check').toEqual([]);
  });

  it('a changed audit entry is named by "Protokoll prüfen" (phone-sized screen)', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Lea', Name: 'Schulte', Ort: 'Ulm' });
    await openSection(page, 'Protokoll');
    await page.getByRole('button', { name: 'Protokoll prüfen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Protokoll unverändert' })).toBeVisible();
    await screenshot(page, 'audit-integrity-390');

    // Tamper below the app: rewrite what the first entry says was changed, straight in IndexedDB.
    await rawTable(page, 'auditLog').update(1, { fieldKeys: ['nachträglich geändert'] });
    await page.getByRole('button', { name: 'Protokoll prüfen' }).click();
    await expect(page.getByRole('alert')).toContainText('Eintrag 1 wurde nachträglich geändert');
    await screenshot(page, 'audit-integrity-broken-390');

    await openSection(page, 'Einstellungen');
    await page.getByRole('heading', { name: 'Sicherung', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'backup-section-390');
    await page.getByRole('button', { name: 'Sicherung wiederherstellen' }).click();
    await expect(page.getByRole('dialog', { name: 'Sicherung wiederherstellen' })).toBeVisible();
    await screenshot(page, 'backup-restore-dialog-390');
  });
});
