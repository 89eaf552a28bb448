/**
 * Prüfliste DSGVO end to end in Chromium: only the person held without any reason is listed;
 * "Aktion erstellen" makes consent-request letters (a real PDF download, read back; for 150 persons
 * with a count and a cancel that leaves no file and no log entry, put together in a worker while
 * the page stays free); a reply is
 * recorded as consent; "Ansprechpartner löschen" deletes with a logged reason; refusals are
 * offered for deletion; with GDPR support off the worklist is hidden. Plus axe and screenshots.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route, Worker } from 'playwright-core';
import { extractText } from 'unpdf';
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  expect,
  fillPerson,
  rawTable,
  screenshot,
  seriousViolations,
  setGdprSupportDisabled,
  setUpAdministrator,
  seedController,
  type PersonInput,
  useBrowser,
  resize,
  pdfAssemblies,
  type Span,
} from './helpers';

const browser = useBrowser();

const WITH_PURPOSE = { Anrede: 'Herr', Vorname: 'Paul', Name: 'Berg', Ort: 'Ulm', 'E-Mail': 'paul.berg@example.org' };
const WITH_CONSENT = { Vorname: 'Jan', Name: 'Novak', Ort: 'Bonn', 'E-Mail': 'jan.novak@example.org' };
const WITH_NEITHER = {
  Anrede: 'Frau',
  Vorname: 'Anna',
  Name: 'Zimmermann',
  Straße: 'Domstraße 1',
  PLZ: '50667',
  Ort: 'Köln',
  'E-Mail': 'anna.zimmermann@example.org',
};
const NO_REASON = 'kein Vorgang · kein Verwendungszweck · keine Einwilligung';
/** A minimal PDF as evidence: the data layer checks files by content, not by name. */
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** With GDPR support off, a person is saved without the change dialog (legacy data, as in the reference). */
async function createPersonWithoutPurpose(page: Page, fields: PersonInput): Promise<void> {
  await page.getByRole('link', { name: 'Personen', exact: true }).click();
  await page.getByRole('button', { name: 'Neue Person' }).click();
  await fillPerson(page, fields);
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function openWorklist(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Prüfliste DSGVO' }).click();
  await expect(page.getByRole('heading', { name: 'Prüfliste DSGVO', level: 1 })).toBeVisible();
}

function worklistRows(page: Page) {
  return page.getByRole('list', { name: 'Ohne Einwilligung / Verwendungszweck DSGVO' }).getByRole('listitem');
}

async function createCampaign(page: Page, name: string, purposes: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Aktion erstellen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Aktion erstellen' });
  // Nothing is pre-ticked.
  for (const label of ['Werbung', 'Adresshandel'])
    check(await dialog.getByRole('checkbox', { name: label }).isChecked()).toBe(false);
  await dialog.getByRole('textbox', { name: 'Name der Aktion' }).fill(name);
  for (const label of purposes) await dialog.getByRole('checkbox', { name: label }).check();
  await dialog.getByRole('button', { name: 'Aktion anlegen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: `Aktion „${name}“`, level: 1 })).toBeVisible();
}

/** Entries of the action "Sonstiges" in the log, as stored (the letters' issue is one). */
async function otherEntries(page: Page): Promise<number> {
  const entries = await rawTable(page, 'auditLog').rows<{ action: string }>();
  return entries.filter((e) => e.action === 'other').length;
}

/** `count` contacts held for Werbung without consent, each with a postal address, imported as a CSV through the UI. */
async function importForAdvertising(page: Page, count: number): Promise<void> {
  const rows = Array.from(
    { length: count },
    (_, i) => `Frau,Ida,Adler ${String(i + 1)},Hauptstraße ${String(i + 1)},Ulm,ida${String(i + 1)}@example.org`,
  );
  await page.getByRole('link', { name: 'Personen', exact: true }).click();
  await page.getByRole('button', { name: 'Importieren' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importieren' });
  await dialog.getByLabel('Datei').setInputFiles({
    name: 'messe.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(['Anrede,Vorname,Nachname,Straße,Ort,E-Mail', ...rows].join('\r\n')),
  });
  await dialog.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: 'Werbung' });
  await dialog.getByRole('textbox', { name: 'Kommentar' }).fill('Messekontakte');
  await dialog.getByRole('button', { name: `Importieren (${String(count)} Personen)` }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Makes the PDF worker as slow as a weak tablet's, `ms` more for each batch of letters: the CDP's
 * CPU throttling slows the page's thread only. The worker's fonts are held until it is slowed.
 * Returns what ends the slowing for the workers to come.
 */
async function slowPdfWorker(page: Page, ms: number): Promise<() => Promise<void>> {
  // The font's request waits until the worker is patched (its 'worker' event may come after it).
  let patched: () => void = () => undefined;
  const slowed = new Promise<void>((resolve) => (patched = resolve));
  const onWorker = (worker: Worker) => {
    if (!worker.url().includes('pdfWorker')) return;
    void worker
      .evaluate((wait) => {
        const post = self.postMessage.bind(self);
        self.postMessage = (message: { type: string }, options?: StructuredSerializeOptions) => {
          if (message.type === 'progress') for (const until = Date.now() + wait; Date.now() < until;);
          post(message, options);
        };
      }, ms)
      .then(patched, patched);
  };
  page.on('worker', onWorker);
  const hold = async (route: Route) => {
    await slowed;
    await route.continue();
  };
  await page.route('**/DejaVuSans*.ttf', hold);
  return async () => {
    page.off('worker', onWorker);
    await page.unroute('**/DejaVuSans*.ttf', hold);
  };
}

/** Collects the page's long tasks (over 50 ms) from now on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Span[] = [];
    (window as unknown as { longTasks: Span[] }).longTasks = seen;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.push({ start: e.startTime, end: e.startTime + e.duration });
    }).observe({ type: 'longtask' });
  });
}

describe('Prüfliste DSGVO', () => {
  it('a person held for Werbung without consent is a finding: listed with the reason, counted, shown on the person', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, WITH_NEITHER, { purpose: 'Werbung', comment: 'Messekontakt' });
    await expect(
      page.getByRole('note').filter({ hasText: 'Verwendungszweck „Werbung“ braucht eine Einwilligung' }),
    ).toContainText('keine erteilt');
    await createPerson(page, WITH_PURPOSE);

    await page.getByRole('link', { name: 'Übersicht' }).click();
    const figure = page.getByRole('link', { name: /Einwilligung fehlt für ihren Verwendungszweck/ });
    await expect(figure).toContainText('1');
    await figure.click();
    await expect(page.getByRole('tab', { name: /Einwilligung fehlt/ })).toHaveAttribute('aria-selected', 'true');
    const rows = page.getByRole('list', { name: 'Einwilligung fehlt' }).getByRole('listitem');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Zimmermann, Anna');
    await expect(rows.first()).toContainText('Verwendungszweck „Werbung“ braucht eine Einwilligung · keine erteilt');
    // The consent campaign is offered for the list.
    await expect(page.getByRole('button', { name: 'Aktion erstellen' })).toBeEnabled();
    check(await seriousViolations(page), 'consent missing').toEqual([]);
    await resize(page, { width: 1024, height: 768 });
    await screenshot(page, 'worklist-consent-missing-1024');
  });

  it('lists only the person without any reason; a campaign makes the letters; deletion is logged', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await createPerson(page, WITH_PURPOSE);

    // Legacy data: persons saved while GDPR support was off have no purpose. The worklist is hidden meanwhile.
    await setGdprSupportDisabled(page, true);
    await expect(page.getByRole('link', { name: 'Prüfliste DSGVO' })).toHaveCount(0);
    await page.goto(`${browser.baseURL()}#/pruefliste`);
    await expect(page.getByText('Die DSGVO-Programmunterstützung ist deaktiviert')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ansprechpartner löschen' })).toHaveCount(0);
    await createPersonWithoutPurpose(page, WITH_CONSENT);
    await createPersonWithoutPurpose(page, WITH_NEITHER);
    await setGdprSupportDisabled(page, false);

    await openWorklist(page);
    await expect(worklistRows(page)).toHaveCount(2);
    await expect(worklistRows(page).nth(0)).toContainText('Novak, Jan');
    await expect(worklistRows(page).nth(1)).toContainText('Zimmermann, Anna');
    await expect(worklistRows(page).nth(1)).toContainText(NO_REASON);
    await expect(page.getByRole('tab', { name: /Ohne Einwilligung/ })).toHaveAttribute('aria-selected', 'true');
    // Choosing another list moves no tab (a bolder selected one was wider: they moved under the finger).
    const widths = () => page.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().width));
    const before = await widths();
    await page.getByRole('tab').nth(1).click();
    await expect(page.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
    check(await widths()).toEqual(before);
    await page.getByRole('tab', { name: /Ohne Einwilligung/ }).click();
    await expect(worklistRows(page)).toHaveCount(2);

    // Novak gives consent: a campaign for the selected person only, the reply recorded with evidence.
    await page.getByRole('checkbox', { name: 'Novak, Jan auswählen' }).check();
    await expect(page.getByRole('status').filter({ hasText: 'Auswahl: 1 von 2' })).toBeVisible();
    await createCampaign(page, 'Einwilligung Novak', ['Werbung']);
    await page.getByRole('button', { name: /Antwort erfassen/ }).click();
    const reply = page.getByRole('dialog', { name: 'Antwort erfassen' });
    await reply.getByRole('radio', { name: 'Einwilligung erteilt' }).check();
    // The purposes the person ticked on the form are entered, none pre-ticked.
    const ticked = reply.getByRole('group', { name: 'Eingewilligt für' }).getByRole('checkbox');
    check(await ticked.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked))).not.toContain(true);
    for (const box of await ticked.all()) await box.check();
    // A written reply is its own evidence: not without it.
    await reply.getByRole('button', { name: 'Antwort speichern' }).click();
    await expect(reply.getByRole('alert')).toContainText('Bitte fügen Sie die Antwort als Nachweis bei');
    await screenshot(page, 'campaign-reply-no-evidence-1024');
    await reply
      .getByLabel('Nachweis')
      .setInputFiles({ name: 'antwort-novak.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF });
    // Not without the explicit confirmation.
    await reply.getByRole('button', { name: 'Antwort speichern' }).click();
    await expect(reply.getByRole('alert')).toContainText('ausdrücklich bestätigt');
    await reply.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' }).check();
    await reply.getByRole('button', { name: 'Antwort speichern' }).click();
    await expect(reply).toBeHidden();
    await expect(page.getByText(/Eingewilligt am/)).toBeVisible();

    // Now only the person with neither purpose nor consent is listed.
    await openWorklist(page);
    await expect(worklistRows(page)).toHaveCount(1);
    await expect(worklistRows(page).first()).toContainText('Zimmermann, Anna');
    await expect(page.getByRole('link', { name: /Berg, Paul/ })).toHaveCount(0);
    check(await seriousViolations(page), 'worklist').toEqual([]);
    // The other lists: a tab each (arrow keys move between them), the retention list with a warning period.
    await page.getByRole('tab', { name: /Ohne Einwilligung/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: /Einwilligung fehlt/ })).toBeFocused();
    await expect(page.getByText('Jeder Verwendungszweck, der eine Einwilligung braucht, hat sie')).toBeVisible();
    await page.getByRole('tab', { name: /Aufbewahrung abgelaufen/ }).click();
    await page.getByRole('combobox', { name: 'Vorwarnzeit' }).selectOption({ label: '12 Monate' });
    await expect(page.getByText('Bei keiner Person ist die Aufbewahrungspflicht')).toBeVisible();
    check(page.url()).toContain('liste=retentionDue&monate=12');
    await page.getByRole('tab', { name: /Ohne Einwilligung/ }).click();
    await expect(worklistRows(page)).toHaveCount(1);
    await resize(page, { width: 1024, height: 768 });
    await screenshot(page, 'worklist-1024');

    // Aktion erstellen for everyone listed: the letters are a real PDF naming her, with the salutation.
    await createCampaign(page, 'Einwilligung 2025', ['Werbung', 'Adresshandel']);
    await expect(page.getByRole('status').filter({ hasText: 'angelegt (Personen: 1)' })).toBeVisible();
    check(await seriousViolations(page), 'campaign').toEqual([]);
    await screenshot(page, 'campaign-1024');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Briefe (PDF)' }).click(),
    ]);
    check(download.suggestedFilename()).toMatch(/^einwilligungsanfrage-einwilligung-2025-\d{4}-\d{2}-\d{2}\.pdf$/);
    const { text } = await extractText(new Uint8Array(readFileSync(await download.path())), { mergePages: true });
    check(text).toContain('Zimmermann');
    check(text).toContain('Sehr geehrte Frau Zimmermann,');
    check(text).toContain('Werbung');
    check(text).toContain('Adresshandel');
    await expect(page.getByRole('status').filter({ hasText: 'Briefe erstellt (1)' })).toBeVisible();
    // The Zeichen her letter asks a reply to quote is the one her row shows.
    const row = await page.getByRole('link', { name: /Zimmermann, Anna/ }).innerText();
    const zeichen = /Zeichen ([0-9A-Z]{8}-[0-9A-Z]{8})/.exec(row)?.[1] ?? 'none';
    check(text).toContain(zeichen);

    await page.getByRole('button', { name: /Antwort erfassen/ }).click();
    await expect(page.getByRole('dialog', { name: 'Antwort erfassen' })).toBeVisible();
    check(await seriousViolations(page), 'reply dialog').toEqual([]);
    await page.keyboard.press('Escape');

    // Ansprechpartner löschen: count, purpose and comment asked; a summary; the log has the deletion.
    await page.getByRole('link', { name: 'Zur Prüfliste' }).click();
    await expect(page.getByRole('table', { name: 'Aktionen' }).getByRole('row')).toHaveCount(3);
    await page.getByRole('table', { name: 'Aktionen' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'campaigns-1024');
    await page.getByRole('button', { name: 'Ansprechpartner löschen' }).click();
    const del = page.getByRole('dialog', { name: 'Ansprechpartner löschen' });
    await expect(del).toContainText('Eine Person wird endgültig gelöscht');
    check(await seriousViolations(page), 'delete dialog').toEqual([]);
    // A comment is asked, no purpose (none justifies an erasure).
    await expect(del.getByRole('combobox', { name: 'Verwendungszweck' })).toHaveCount(0);
    await del.getByRole('button', { name: 'Endgültig löschen (1)' }).click();
    await expect(del.getByRole('alert')).toContainText('Kommentar');
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Kein Zweck und keine Einwilligung');
    await del.getByRole('button', { name: 'Endgültig löschen (1)' }).click();
    await expect(del.getByRole('status')).toContainText('Gelöscht: 1.');
    await screenshot(page, 'delete-summary-1024');
    await del.getByRole('button', { name: 'Schließen' }).click();
    await expect(del).toBeHidden();
    await expect(page.getByText('Keine Person ohne Rechtsgrundlage')).toBeVisible();

    await page.getByRole('link', { name: 'Protokoll' }).click();
    const first = page.getByRole('table', { name: 'Protokoll' }).getByRole('row').nth(1);
    await expect(first).toContainText('Gelöscht');
    await expect(first).toContainText('Kein Zweck und keine Einwilligung');
  });

  it('letters for many show how far they are and can be cancelled: no file, nothing logged; then made', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await importForAdvertising(page, 150);
    await page.getByRole('link', { name: 'Prüfliste DSGVO' }).click();
    await page.getByRole('tab', { name: /Einwilligung fehlt/ }).click();
    await createCampaign(page, 'Messe 2025', ['Werbung']);
    await expect(page.getByRole('status').filter({ hasText: 'angelegt (Personen: 150)' })).toBeVisible();
    let downloads = 0;
    page.on('download', () => downloads++);
    const logged = await otherEntries(page);

    // Slow the letters' worker down so there is time to cancel midway (150 letters can take just a second).
    const unslow = await slowPdfWorker(page, 150);
    const letters = page.getByRole('button', { name: 'Briefe (PDF)' });
    await letters.click();
    // The page stays responsive: the count goes on while the letters are made.
    const bar = page.getByRole('progressbar', { name: /^[1-9][\d.]* von 150 Briefen erstellt$/ });
    await expect(bar).toBeVisible();
    check(Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
    // Meanwhile the button looks disabled (styles.css), yet keeps the focus it had.
    await expect(letters).toHaveAttribute('aria-disabled', 'true');
    check(await letters.evaluate((b) => [getComputedStyle(b).cursor, getComputedStyle(b).backgroundColor])).toEqual([
      'progress',
      'rgb(236, 239, 241)',
    ]);
    await expect(letters).toBeFocused();
    await screenshot(page, 'campaign-letters-progress-1024');
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await unslow();
    await expect(page.getByRole('status').filter({ hasText: 'Briefe abgebrochen' })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(letters).toBeFocused();
    check(downloads).toBe(0);
    check(await otherEntries(page)).toBe(logged);

    // Again, to the end: the PDF holds every letter, and its issue is logged once.
    await watchLongTasks(page);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), letters.click()]);
    // The file was put together in the worker, and no task of the page took half that time.
    const assemblies = await pdfAssemblies(page);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: Span[] }).longTasks);
    check(assemblies.map((a) => a.kind)).toEqual(['consentLetters']);
    const [assembly] = assemblies;
    const overlap = (t: Span) => Math.min(t.end, assembly.end) - Math.max(t.start, assembly.start);
    check(longTasks.filter((t) => overlap(t) > (assembly.end - assembly.start) / 2)).toEqual([]);
    const { text } = await extractText(new Uint8Array(readFileSync(await download.path())), { mergePages: true });
    check(text).toContain('Sehr geehrte Frau Adler 1,');
    check(text).toContain('Sehr geehrte Frau Adler 150,');
    await expect(page.getByRole('status').filter({ hasText: 'Briefe erstellt (150)' })).toBeVisible();
    check(downloads).toBe(1);
    check(await otherEntries(page)).toBe(logged + 1);
  });

  it('on a phone: locked people are left out and named; refusals are deleted', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    await setGdprSupportDisabled(page, true);
    for (const [first, last, city] of [
      ['Lea', 'Schulte', 'Leipzig'],
      ['Sven', 'Wagner', 'Kiel'],
      ['Ilse', 'Krüger', 'Bonn'],
    ] as const) {
      await createPersonWithoutPurpose(page, {
        Vorname: first,
        Name: last,
        Ort: city,
        'E-Mail': `${first.toLowerCase()}@example.org`,
      });
    }
    await setGdprSupportDisabled(page, false);
    await openWorklist(page);
    await expect(worklistRows(page)).toHaveCount(3);

    // Lock one (Art. 18) from her row: the row leads to the person form.
    await page.getByRole('link', { name: /Krüger, Ilse/ }).click();
    await page.getByRole('button', { name: 'Sperren' }).click();
    const lock = page.getByRole('dialog', { name: 'Person sperren' });
    await lock.getByRole('textbox', { name: 'Grund der Sperre' }).fill('Rechtsstreit');
    await lock.getByRole('button', { name: 'Sperren' }).click();
    await expect(page.getByText('Rechtsstreit').first()).toBeVisible();
    await openWorklist(page);
    await expect(worklistRows(page).nth(0).getByRole('img', { name: 'Gesperrt' })).toBeVisible();

    await page.getByRole('checkbox', { name: 'Alle auswählen' }).check();
    await expect(page.getByRole('status').filter({ hasText: 'Auswahl: 3 von 3' })).toBeVisible();
    await screenshot(page, 'worklist-390');
    await worklistRows(page).last().scrollIntoViewIfNeeded();
    await screenshot(page, 'worklist-390-rows');
    check(await seriousViolations(page), 'worklist on a phone').toEqual([]);

    // The campaign leaves the locked person out, and says so before and after.
    await page.getByRole('button', { name: 'Aktion erstellen' }).click();
    const create = page.getByRole('dialog', { name: 'Aktion erstellen' });
    await expect(create).toContainText('Personen in der Aktion: 2');
    await expect(create).toContainText('Gesperrt und deshalb nicht aufgenommen: 1.');
    await page.keyboard.press('Escape');
    await createCampaign(page, 'Newsletter', ['Werbung']);
    await expect(page.getByRole('status').filter({ hasText: 'Gesperrt und nicht aufgenommen: 1.' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Krüger, Ilse/ })).toHaveCount(0);

    // A reply by e-mail quotes its Zeichen: typed in (lower case, a space for the hyphen), it finds Sven Wagner alone.
    const wagner = await page.getByRole('link', { name: /Wagner, Sven/ }).innerText();
    const zeichen = /Zeichen ([0-9A-Z]{8})-([0-9A-Z]{8})/.exec(wagner) ?? ['', 'none', 'none'];
    const search = page.getByRole('searchbox', { name: 'Person der Aktion suchen' });
    await search.fill(`${zeichen[1]} ${zeichen[2]}`.toLowerCase());
    await expect(page.getByRole('button', { name: /^Antwort erfassen:/ })).toHaveCount(1);
    await search.fill('keiner');
    await expect(page.getByText('Keine Person der Aktion passt zu „keiner“.')).toBeVisible();
    await search.fill('wagner');
    await page.getByRole('button', { name: 'Antwort erfassen: Wagner, Sven' }).click();
    const reply = page.getByRole('dialog', { name: 'Antwort erfassen' });
    await reply.getByRole('radio', { name: 'Abgelehnt' }).check();
    await reply.getByRole('button', { name: 'Antwort speichern' }).click();
    await expect(reply).toBeHidden();
    await expect(page.getByText('Abgelehnt am')).toBeVisible();
    await screenshot(page, 'campaign-390');

    await page.getByRole('button', { name: /Abgelehnte löschen/ }).click();
    let del = page.getByRole('dialog', { name: 'Abgelehnte löschen' });
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Einwilligung abgelehnt');
    await screenshot(page, 'delete-dialog-390');
    await del.getByRole('button', { name: 'Endgültig löschen (1)' }).click();
    await expect(del.getByRole('status')).toContainText('Gelöscht: 1.');
    await del.getByRole('button', { name: 'Schließen' }).click();
    await expect(page.getByText('Abgelehnt am')).toHaveCount(0);

    // Deleting everyone listed: the locked person is named before the question, once, and left out.
    await openWorklist(page);
    await expect(worklistRows(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Ansprechpartner löschen' }).click();
    del = page.getByRole('dialog', { name: 'Ansprechpartner löschen' });
    await expect(del.getByRole('status')).toContainText('Übersprungen, weil gesperrt (Art. 18 DSGVO): 1');
    await expect(del.getByRole('status')).toContainText('Krüger, Ilse');
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Keine Rechtsgrundlage');
    await del.getByRole('button', { name: 'Endgültig löschen (1)' }).click();
    const summary = del.getByRole('status');
    await expect(summary).toContainText('Gelöscht: 1.');
    check(await summary.innerText()).not.toContain('Krüger, Ilse');
    await screenshot(page, 'delete-summary-390');
    await del.getByRole('button', { name: 'Schließen' }).click();
    await expect(worklistRows(page)).toHaveCount(1);
  });
  it('a bulk deletion shows how far it is and can be stopped there: the persons not reached stay', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    await setGdprSupportDisabled(page, true);
    for (let i = 1; i <= 6; i++)
      await createPersonWithoutPurpose(page, {
        Vorname: `Person${i}`,
        Name: 'Ohnegrund',
        'E-Mail': `p${i}@example.org`,
      });
    await setGdprSupportDisabled(page, false);
    await openWorklist(page);
    await expect(worklistRows(page)).toHaveCount(6);
    await page.getByRole('button', { name: 'Ansprechpartner löschen' }).click();
    const del = page.getByRole('dialog', { name: 'Ansprechpartner löschen' });
    await del.getByRole('textbox', { name: 'Kommentar' }).fill('Keine Rechtsgrundlage');
    // A slowed page keeps the deletion (a transaction a person) under way long enough to see and stop.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 30 });
    await del.getByRole('button', { name: 'Endgültig löschen (6)' }).click();
    const bar = del.getByRole('progressbar', { name: /^\d von 6 bearbeitet/ });
    await expect(bar).toBeVisible();
    check(await bar.getAttribute('aria-valuemax')).toBe('6');
    // The value screen readers hear is the text shown above the bar — both read in one task of the
    // page: read one after the other, the deletion had moved on between them under load (CI's 2 cores).
    check(
      await bar.evaluate((el) => {
        const heard = el.getAttribute('aria-valuetext') ?? '-';
        const shown = [...(el.closest('[role=dialog]')?.querySelectorAll<HTMLElement>('*') ?? [])];
        return shown.some((node) => node !== el && node.childElementCount === 0 && node.innerText.trim() === heard);
      }),
    ).toBe(true);
    await del.getByRole('button', { name: 'Abbrechen' }).click();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const summary = del.getByRole('status');
    await expect(summary).toContainText('nicht bearbeitet');
    const untouched = Number(/Abgebrochen – (\d) nicht bearbeitet/.exec(await summary.innerText())![1]);
    check(untouched).toBeGreaterThan(0);
    await del.getByRole('button', { name: 'Schließen' }).click();
    await openWorklist(page);
    await expect(worklistRows(page)).toHaveCount(untouched);
  });
});
