/** Import through the UI: vCard and CSV with a preview, bad files refused, axe on the preview. */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import {
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

/** A Gmail multi-contact export, one of the real address-book files kept with the tests. */
const GMAIL_LIST = fileURLToPath(new URL('../fixtures/vcard-clients/gmail-list.vcf', import.meta.url));
/** vCard 2.1 as Outlook writes it: placeholders (BusinessPhone, EmailAddress) in empty fields. */
const PLACEHOLDERS = fileURLToPath(new URL('../fixtures/import/outlook-placeholders.vcf', import.meta.url));

async function openImport(page: Page) {
  await page.getByRole('link', { name: 'Personen', exact: true }).click();
  await page.getByRole('button', { name: 'Importieren' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importieren' });
  await expect(dialog.getByLabel('Datei')).toBeVisible();
  return dialog;
}

async function confirmImport(dialog: ReturnType<Page['getByRole']>, count: number, comment = 'Adressbuch übernommen') {
  await dialog.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: 'Vertraglicher Zweck' });
  await dialog.getByRole('textbox', { name: 'Kommentar' }).fill(comment);
  await dialog
    .getByRole('button', {
      name: `Importieren (${count.toLocaleString('de-DE')} ${count === 1 ? 'Person' : 'Personen'})`,
    })
    .click();
}

/**
 * The audit entries straight from IndexedDB, as stored (comment and context sealed): single ones
 * and those in the import's segments (domain/auditSegment.ts).
 */
async function auditEntries(page: Page): Promise<Array<{ action: string; context?: string; comment?: string }>> {
  type Entry = { seq: number; action: string; context?: string; comment?: string };
  const single = await rawTable(page, 'auditLog').rows<Entry>();
  const segments = await rawTable(page, 'auditSegments').rows<{ entries: Entry[] }>();
  const all = [...single, ...segments.flatMap((s) => s.entries)].sort((a, b) => a.seq - b.seq);
  return all.map(({ action, context, comment }) => ({
    action,
    ...(context === undefined ? {} : { context }),
    ...(comment === undefined ? {} : { comment }),
  }));
}

describe('import', () => {
  it('a Gmail vCard list: preview, purpose and comment, the people in the list and the Protokoll', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    let dialog = await openImport(page);
    await dialog.getByLabel('Datei').setInputFiles(GMAIL_LIST);

    await expect(dialog.getByText('„gmail-list.vcf“: 3 Personen zum Import (vCard, UTF-8).')).toBeVisible();
    await expect(dialog.getByText('Felder: Vorname, Name, E-Mail')).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Art' })).toHaveValue('contact');
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Beatle, Chris' })).toBeVisible();
    check(await seriousViolations(page), 'import preview').toEqual([]);
    await screenshot(page, 'import-vcard-1024');

    // Purpose and comment are required.
    await dialog.getByRole('button', { name: 'Importieren (3 Personen)' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Verwendungszweck');
    await confirmImport(dialog, 3);
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: '3 Personen importiert.' })).toBeVisible();
    await expect(page.getByText('3 Personen', { exact: true })).toBeVisible();

    await page.getByRole('searchbox', { name: 'Suchen' }).fill('beatle');
    await expect(page.getByRole('link', { name: /Beatle, Chris/ })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('dwhite@gmail.com');
    await expect(page.getByRole('link', { name: /White, Doug/ })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('');

    // The Protokoll: one "Importiert" per person, with the batch's purpose and comment.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    const rows = page.getByRole('table', { name: 'Protokoll' }).getByRole('row').filter({ hasText: 'Importiert' });
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toContainText('Vertraglicher Zweck');
    await expect(rows.first()).toContainText('Adressbuch übernommen');
    // The file each came from (stored sealed, with the comment: a file name can name a person).
    await expect(rows.filter({ hasText: 'Datei: gmail-list.vcf' })).toHaveCount(3);
    const imports = (await auditEntries(page)).filter((e) => e.action === 'import');
    check(imports).toHaveLength(3);
    for (const e of imports) check(e).not.toHaveProperty('context');

    // The same file again: all three are likely duplicates, skipped unless the user decides.
    dialog = await openImport(page);
    await dialog.getByLabel('Datei').setInputFiles(GMAIL_LIST);
    await expect(dialog.getByRole('heading', { name: 'Mögliche Dubletten (3)' })).toBeVisible();
    await dialog.getByRole('heading', { name: 'Mögliche Dubletten (3)' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'import-duplicates-1024');
    await expect(dialog.getByRole('button', { name: 'Importieren (0 Personen)' })).toBeDisabled();
    const choice = dialog.getByRole('combobox', { name: 'Vorgehen für Zeile 7' });
    await expect(choice).toHaveValue('skip');
    await choice.selectOption({ label: 'Trotzdem importieren' });
    await expect(dialog.getByRole('button', { name: 'Importieren (1 Person)' })).toBeEnabled();
    await choice.selectOption({ label: 'Zusammenführen mit Beatle, Chris' });
    await expect(dialog.getByRole('button', { name: 'Importieren (1 Person)' })).toBeEnabled();
    await dialog.getByRole('combobox', { name: 'Für alle Dubletten' }).selectOption({ label: 'Trotzdem importieren' });
    await expect(dialog.getByRole('button', { name: 'Importieren (3 Personen)' })).toBeEnabled();
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog).toBeHidden();
    check(await rawTable(page, 'persons').count()).toBe(3);
  });

  it('bad files: a PNG named .vcf, an empty file, a 100,000-character field — a clear message, nothing written', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    const dialog = await openImport(page);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
      Buffer.alloc(200, 0),
    ]);
    await dialog.getByLabel('Datei').setInputFiles({ name: 'kontakte.vcf', mimeType: 'text/vcard', buffer: png });
    await expect(dialog.getByRole('alert')).toContainText('Binärdaten');
    await expect(dialog.getByRole('button', { name: /Importieren \(/ })).toHaveCount(0);

    await dialog.getByLabel('Datei').setInputFiles({ name: 'leer.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect(dialog.getByRole('alert')).toContainText('leer');

    // A header and nothing below it: said so (it said "Keine Felder erkannt" beside a full mapping).
    await dialog.getByLabel('Datei').setInputFiles({
      name: 'kopf.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Vorname;Nachname;E-Mail-Adresse\r\n'),
    });
    await expect(dialog.getByRole('alert')).toContainText('Die Datei enthält keine Einträge');
    await expect(dialog.getByText('Keine Felder erkannt.')).toHaveCount(0);

    await dialog.getByLabel('Datei').setInputFiles({
      name: 'notizen.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Einkaufsliste\nMilch und Brot und noch etwas mehr Text ohne jede Struktur\n'),
    });
    await expect(dialog.getByRole('alert')).toContainText('weder eine vCard- noch eine CSV-Datei');

    const long = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Lang;Lena;;;',
      'FN:Lena Lang',
      `NOTE:${'x'.repeat(100_000)}`,
      'END:VCARD',
      '',
    ].join('\r\n');
    await dialog
      .getByLabel('Datei')
      .setInputFiles({ name: 'lang.vcf', mimeType: 'text/vcard', buffer: Buffer.from(long) });
    // The card comes without the over-long note, which the preview names.
    await expect(dialog.getByText('Zeile 1: Lang, Lena – Notiz: nicht übernommen')).toBeVisible();
    await expect(dialog.getByText(/Zu lang/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Importieren (1 Person)' })).toBeEnabled();
    await screenshot(page, 'import-problems-1024');

    // Escape in a dialog with files chosen asks first; staying keeps everything, discarding closes it.
    await page.keyboard.press('Escape');
    await expect(dialog.getByRole('alert').filter({ hasText: 'Änderungen verwerfen?' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
    await screenshot(page, 'import-discard-question-1024');
    await page.keyboard.press('Escape');
    await expect(dialog.getByRole('alert').filter({ hasText: 'Änderungen verwerfen?' })).toBeHidden();
    await expect(dialog.getByText(/Zu lang/)).toBeVisible();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Importieren' })).toBeFocused();
    check(await rawTable(page, 'persons').count()).toBe(0);
    check((await auditEntries(page)).filter((e) => e.action === 'import')).toHaveLength(0);
  });

  it('an Outlook vCard 2.1 with placeholder phones: the cards come without them, each named; a card with nothing left is refused', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    const dialog = await openImport(page);
    await expect(dialog.getByText('vCard- (2.1, 3.0, 4.0)')).toBeVisible();
    await dialog.getByLabel('Datei').setInputFiles(PLACEHOLDERS);

    await expect(dialog.getByText(/2 Personen zum Import/)).toBeVisible();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('1 Eintrag wird nicht importiert');
    await expect(alert).toContainText('Weder Name noch E-Mail-Adresse noch Telefonnummer');
    for (const text of [
      'Becker, Jonas – Telefon: nicht übernommen („BusinessPhone“)',
      'Adler, Anna – Telefon: nicht übernommen („BusinessPhone“)',
      '„HomePhone“',
      'Fax: nicht übernommen („BusinessFax“)',
    ])
      await expect(dialog.getByText(text, { exact: false })).toBeVisible();
    await screenshot(page, 'import-placeholders-1024');
    await confirmImport(dialog, 2);
    await expect(dialog).toBeHidden();
    check(await rawTable(page, 'persons').count()).toBe(2);

    // Jonas keeps his mobile number and e-mail; no placeholder was stored.
    await page.getByRole('link', { name: /Becker, Jonas/ }).click();
    await expect(page.getByRole('textbox', { name: 'E-Mail' })).toHaveValue('jonas.becker@example.org');
    const values = await page
      .getByRole('textbox')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).join(' '));
    check(values).toContain('0171 2345678');
    check(values).not.toContain('BusinessPhone');
  });

  it('several files at once: one preview each, duplicates across them; a shared phone number alone is imported, the same e-mail skipped', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    const vcf = (...cards: string[][]) =>
      Buffer.from(cards.map((c) => ['BEGIN:VCARD', 'VERSION:3.0', ...c, 'END:VCARD'].join('\r\n')).join('\r\n'));
    let dialog = await openImport(page);
    await dialog.getByLabel('Datei').setInputFiles({
      name: 'stamm.vcf',
      mimeType: 'text/vcard',
      buffer: vcf(['N:Adler;Anna;;;', 'TEL:030 1234567', 'EMAIL:anna@example.org']),
    });
    await confirmImport(dialog, 1);
    await expect(dialog).toBeHidden();

    dialog = await openImport(page);
    await dialog.getByLabel('Datei').setInputFiles([
      {
        name: 'messe.vcf',
        mimeType: 'text/vcard',
        buffer: vcf(['N:Conrad;Clara;;;', 'TEL:+49 30 1234567'], ['N:Anders;Anna;;;', 'EMAIL:ANNA@example.org']),
      },
      {
        name: 'liste.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Vorname,Nachname,E-Mail\r\nDora,Dietz,dora@example.org\r\n'),
      },
    ]);
    await expect(dialog.getByText('2 Dateien: 3 Personen zum Import.')).toBeVisible();
    await expect(dialog.getByText('„messe.vcf“: 2 Personen zum Import (vCard, UTF-8).')).toBeVisible();
    await expect(dialog.getByText('„liste.csv“: 1 Person zum Import (CSV, UTF-8).')).toBeVisible();
    await expect(dialog.getByRole('heading', { name: 'Mögliche Dubletten (2)' })).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Vorgehen für Zeile 1 von „messe.vcf“' })).toHaveValue('import');
    await expect(dialog.getByRole('combobox', { name: 'Vorgehen für Zeile 6 von „messe.vcf“' })).toHaveValue('skip');
    await expect(dialog.getByRole('combobox', { name: 'Für alle Dubletten' })).toHaveValue('');
    await screenshot(page, 'import-several-1024');
    await confirmImport(dialog, 2);
    await expect(dialog).toBeHidden();
    check(await rawTable(page, 'persons').count()).toBe(3);
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('conrad');
    await expect(page.getByRole('link', { name: /Conrad, Clara/ })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('dietz');
    await expect(page.getByRole('link', { name: /Dietz, Dora/ })).toBeVisible();
  });

  it('a German Outlook CSV: the mapping is guessed, changing it and the Art update the preview, the import works', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    const csv = [
      'Anrede;Vorname;Nachname;Firma;Straße geschäftlich;Ort geschäftlich;Postleitzahl geschäftlich;Telefon geschäftlich;E-Mail-Adresse;Kategorien;IBAN;Hobby',
      'Frau;Jürgen;Müller-Lüdenscheidt;Müller KG;Königsallee 12;Düsseldorf;40212;0211 123456;j.mueller@example.de;Messe 2024;;',
      'Herr;Ayşe;Yılmaz;;Hauptstraße 5;Köln;50667;;ayse@example.org;Newsletter;DE89 3704 0044 0532 0130 00;',
    ].join('\r\n');
    const dialog = await openImport(page);
    await dialog
      .getByLabel('Datei')
      .setInputFiles({ name: 'outlook-kontakte.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });

    // The guess: Outlook's German headers mapped; unknown columns not imported; empty ones hidden.
    await expect(dialog.getByRole('combobox', { name: 'Feld für Spalte „Vorname“' })).toHaveValue('firstName');
    await expect(dialog.getByRole('combobox', { name: 'Feld für Spalte „Postleitzahl geschäftlich“' })).toHaveValue(
      'postalCode',
    );
    await expect(dialog.getByRole('combobox', { name: 'Feld für Spalte „E-Mail-Adresse“' })).toHaveValue('email');
    await expect(dialog.getByRole('combobox', { name: 'Feld für Spalte „Kategorien“' })).toHaveValue('');
    await expect(dialog.getByRole('combobox', { name: 'Feld für Spalte „Hobby“' })).toHaveCount(0);
    await expect(dialog.getByText('Leere Spalten ausgeblendet: 1.', { exact: false })).toBeVisible();

    // Bank data only for customers: as Ansprechpartner Ayşe comes without it (named); as Kunde with it.
    await expect(
      dialog.getByText('Zeile 3: Yılmaz, Ayşe – Bankverbindung: nicht übernommen', { exact: false }),
    ).toBeVisible();
    // Left out whole, it has no value to quote (it said „“).
    await expect(dialog.getByText('Bankverbindung: nicht übernommen („“)', { exact: false })).toHaveCount(0);
    await expect(dialog.getByText('„outlook-kontakte.csv“: 2 Personen zum Import (CSV, UTF-8).')).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Kunde' });
    await expect(dialog.getByText('„outlook-kontakte.csv“: 2 Personen zum Import (CSV, UTF-8).')).toBeVisible();
    await expect(dialog.getByText('Bankverbindung: nicht übernommen', { exact: false })).toHaveCount(0);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog.getByRole('checkbox', { name: 'Privat' })).toBeVisible();
    check(await dialog.getByRole('checkbox', { name: 'Privat' }).isChecked()).toBe(true);
    await expect(
      dialog.getByText('Felder: Anrede, Vorname, Name, Straße, PLZ, Ort, Telefon, E-Mail, IBAN, Firma'),
    ).toBeVisible();

    // Changing the mapping recalculates the preview.
    await dialog.getByRole('combobox', { name: 'Feld für Spalte „Kategorien“' }).selectOption({ label: 'Notiz' });
    await expect(
      dialog.getByText('Felder: Anrede, Vorname, Name, Straße, PLZ, Ort, Telefon, E-Mail, IBAN, Firma, Notiz'),
    ).toBeVisible();
    check(await seriousViolations(page), 'CSV preview').toEqual([]);
    await screenshot(page, 'import-csv-390');
    await dialog.getByRole('combobox', { name: 'Verwendungszweck' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'import-csv-390-bottom');

    await confirmImport(dialog, 2, 'Outlook-Adressbuch übernommen');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: '2 Personen importiert.' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('düsseldorf');
    await page.getByRole('link', { name: /Müller-Lüdenscheidt, Jürgen/ }).click();
    await expect(page.getByRole('textbox', { name: 'PLZ' })).toHaveValue('40212');
    await expect(page.getByRole('textbox', { name: 'Notiz' })).toHaveValue('Messe 2024');
    await expect(page.getByRole('combobox', { name: 'Art' })).toHaveValue('customer');
    check(await page.getByRole('checkbox', { name: 'Privat' }).isChecked()).toBe(true);
    await screenshot(page, 'import-csv-person-390');
  });

  it('our own CSV export of a mixed book: each row keeps its Art and Privat, a company is listed as company', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    const at = '2024-01-01T00:00:00.000Z';
    const tail = `Manuell erfasst,${at},${at}`;
    // As exportPersonsCsv wrote it in German before its dates' headers named their format (still
    // read); the last row's Art was typed over in a spreadsheet.
    const csv = [
      'Art,Privat,Anrede,Titel,Vorname,Name,Straße,PLZ,Ort,Land,Telefon,Telefax,E-Mail,Weitere Telefonnummern,IBAN,BIC,Kontoinhaber,Firma,Position,Notiz,Herkunft,Erfasst am,Geändert am',
      `Kunde,Nein,,,,,,,,,,,info@mueller.example,,,,,Müller KG,,,${tail}`,
      `Geschäftspartner,Ja,,,Petra,Paul,,,,,,,,,,,,,,,${tail}`,
      `Ansprechpartner,Nein,,,Anna,Alt,,,,,,,anna@example.org,,,,,,,,${tail}`,
      `Firma,Nein,,,,,,,,,,,info@schulz.example,,,,,Schulz GmbH,,,${tail}`,
    ].join('\r\n');
    const dialog = await openImport(page);
    await dialog
      .getByLabel('Datei')
      .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });

    await expect(dialog.getByText('„export.csv“: 3 Personen zum Import (CSV, UTF-8).')).toBeVisible();
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Müller KG' })).toContainText('Kunde');
    await expect(dialog.getByRole('alert')).toContainText('Zeile 5: Schulz GmbH – Art: „Firma“ ist keine bekannte Art');
    // The batch's Art only for rows without one: none here, and no batch "Privat" to ask.
    await expect(
      dialog.getByText('Art und Privat aus der Datei, wo eine Zeile sie angibt (3 von 3 Einträgen)', { exact: false }),
    ).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'Privat' })).toHaveCount(0);
    await dialog.getByRole('combobox', { name: 'Art', exact: true }).selectOption({ label: 'Bedarfer' });
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Müller KG' })).toContainText('Kunde');

    await confirmImport(dialog, 3, 'Eigener Export übernommen');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('link', { name: /Müller KG.*Kunde/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Paul, Petra.*Geschäftspartner/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Alt, Anna.*Ansprechpartner/ })).toBeVisible();
    await page.getByRole('link', { name: /Müller KG/ }).click();
    await expect(page.getByRole('combobox', { name: 'Art' })).toHaveValue('customer');
    check(await page.getByRole('checkbox', { name: 'Privat' }).isChecked()).toBe(false);
  });

  it('cancel during the write stores nothing', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    const lines = ['Vorname;Nachname;E-Mail-Adresse'];
    for (let i = 0; i < 6000; i++) lines.push(`Vorname${i};Nachname${i};person${i}@example.org`);
    const dialog = await openImport(page);
    await dialog
      .getByLabel('Datei')
      .setInputFiles({ name: 'viele.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await expect(dialog.getByText('„viele.csv“: 6.000 Personen zum Import (CSV, UTF-8).')).toBeVisible();
    await confirmImport(dialog, 6000, 'Massenimport');
    const bar = dialog.getByRole('progressbar', { name: 'Fortschritt des Imports' });
    await expect(bar).toBeVisible();
    check(await bar.getAttribute('aria-valuemax')).toBe('6000');
    // The text above the bar says the same as its value, for sighted users and screen readers alike.
    check(await bar.getAttribute('aria-valuetext')).toMatch(/^[\d.]+ von 6\.000 /);
    await expect(dialog.getByText(/^[\d.]+ von 6\.000 /)).toBeVisible();
    await screenshot(page, 'import-progress-1024');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog.getByRole('alert')).toContainText('abgebrochen; nichts wurde gespeichert');
    check(await rawTable(page, 'persons').count()).toBe(0);
    check((await auditEntries(page)).filter((e) => e.action === 'import')).toHaveLength(0);
  });

  it('a log longer than a run of the check (2,100 cards imported) is checked in its worker: unchanged, then a changed entry named', async () => {
    const { page } = await browser.newPage();
    let auditWorkers = 0;
    page.on('worker', (worker) => {
      if (worker.url().includes('auditWorker')) auditWorkers++;
    });
    await setUpAdministrator(page, browser.baseURL());
    const cards = Array.from({ length: 2100 }, (_, i) =>
      ['BEGIN:VCARD', 'VERSION:3.0', `N:Nachname${i};Vorname${i};;;`, `FN:Vorname${i} Nachname${i}`, 'END:VCARD'].join(
        '\r\n',
      ),
    );
    const dialog = await openImport(page);
    await dialog
      .getByLabel('Datei')
      .setInputFiles({ name: 'viele.vcf', mimeType: 'text/vcard', buffer: Buffer.from(cards.join('\r\n')) });
    await confirmImport(dialog, 2100);
    await expect(page.getByRole('status').filter({ hasText: '2.100 Personen importiert.' })).toBeVisible();

    // A new tab's state (nothing verified yet): the Übersicht's check reads the whole chain.
    const overviewCheck = async () => {
      await page.reload();
      await signIn(page);
      await openSection(page, 'Übersicht');
      return page.getByRole('region', { name: 'Protokoll' });
    };
    let card = await overviewCheck();
    await expect(card.getByText('Protokoll unverändert', { exact: true })).toBeVisible();
    check(auditWorkers).toBe(1);

    // An imported entry changed below the app, in its segment.
    const seq = 777;
    type Segment = { seq: number; entries: { seq: number; fieldKeys?: string[] }[] };
    const segments = rawTable(page, 'auditSegments');
    const segment = (await segments.rows<Segment>()).find((s) => s.entries.some((e) => e.seq === seq))!;
    await segments.put({
      ...segment,
      entries: segment.entries.map((e) => (e.seq === seq ? { ...e, fieldKeys: ['nachträglich'] } : e)),
    });
    card = await overviewCheck();
    await expect(card.getByRole('alert')).toContainText(`Eintrag ${seq} wurde nachträglich geändert`);
    check(auditWorkers).toBe(2);
    // The explicit check, whole log in its worker, names the same entry.
    await openSection(page, 'Protokoll');
    await page.getByRole('button', { name: 'Protokoll prüfen' }).click();
    await expect(page.getByRole('alert')).toContainText(`Eintrag ${seq} wurde nachträglich geändert`);
    check(auditWorkers).toBe(3);
  });
});
