/**
 * Consents and business transactions on the person form, end to end in Chromium: record a consent
 * with a PDF as evidence, open the evidence again, withdraw it (it stays, marked), the log; a
 * disguised file is refused and nothing stored; a Kontakt transaction with an attachment.
 */
import { readFileSync } from 'node:fs';
import { describe, expect as check, it } from 'vitest';
import type { Locator } from 'playwright-core';
import {
  createPerson,
  expect,
  rawTable,
  screenshot,
  sealAtNextSignIn,
  seriousViolations,
  setUpAdministrator,
  signIn,
  useBrowser,
} from './helpers';

const browser = useBrowser();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const FAKE_PDF = Buffer.from('MZ\x90\x00 this is an executable, not a PDF');
/** Nine megabytes: checked long enough to be seen being checked. */
const LARGE_PDF = Buffer.concat([PDF, Buffer.alloc(9 * 1024 * 1024, 32), Buffer.from('\n%%EOF\n')]);

/** The texts a control's aria-describedby points to, as a screen reader reads them with it. */
function describedText(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('consents and business transactions', () => {
  it('records a consent with a PDF, opens the evidence again, withdraws it while locked; a disguised file is refused', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    // The consent section is headed by the consent attribute's name.
    await expect(page.getByRole('heading', { name: 'DSGVO-Einwilligung' })).toBeVisible();
    await expect(page.getByText('Noch keine Einwilligung erfasst.')).toBeVisible();

    await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    await expect(dialog).toBeVisible();
    // Nothing is pre-ticked; the date starts as today (the device's day, as for transactions).
    const boxes = dialog.getByRole('checkbox');
    check(await boxes.count()).toBeGreaterThanOrEqual(5);
    for (const box of await boxes.all()) check(await box.isChecked()).toBe(false);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await expect(dialog.getByLabel('Datum der Einwilligung')).toHaveValue(today);

    // While a chosen file is checked, "Datei wird geprüft …" takes the hint's place: nothing below
    // it moves under a finger or a click (WebKit's click on the confirmation once landed mid-move).
    // Sampled in the page every frame: whether the status shows, and where the box is.
    const confirm = dialog.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' });
    await confirm.scrollIntoViewIfNeeded();
    await confirm.evaluate((box) => {
      const samples: [boolean, number][] = [];
      (window as unknown as { samples: typeof samples }).samples = samples;
      const sample = () => {
        samples.push([document.body.innerText.includes('Datei wird geprüft'), box.getBoundingClientRect().top]);
        if (samples.length < 2000) requestAnimationFrame(sample);
      };
      sample();
    });
    // As the UI contract names it, without `exact`: no other control of the dialog has "Nachweis" in its label.
    await dialog
      .getByLabel('Nachweis')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: LARGE_PDF });
    // Until a frame showed the status and a later one no longer does: the file is checked.
    await page.waitForFunction(
      () => {
        const samples = (window as unknown as { samples: [boolean, number][] }).samples;
        const from = samples.findIndex(([reading]) => reading);
        return from >= 0 && samples.slice(from).some(([reading]) => !reading);
      },
      undefined,
      { timeout: 30_000 },
    );
    const samples = await page.evaluate(() =>
      (window as unknown as { samples: [boolean, number][] }).samples.splice(0),
    );
    check(samples.some(([reading]) => reading)).toBe(true);
    check(new Set(samples.map(([, top]) => top)).size).toBe(1);

    // Saving an empty form names every problem at once, each at its own field.
    await dialog.getByLabel('Datum der Einwilligung').fill('');
    await dialog.getByRole('combobox', { name: 'Form der Einwilligung' }).selectOption({ label: 'Mündlich' });
    await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await expect(dialog.getByRole('alert')).toHaveCount(4);
    for (const [control, message] of [
      [dialog.getByRole('group', { name: 'Verwendungszwecke' }), 'mindestens einen Verwendungszweck'],
      [dialog.getByLabel('Datum der Einwilligung'), 'Datum der Einwilligung angeben'],
      [dialog.getByRole('textbox', { name: 'Notiz zur Erteilung' }), 'braucht eine Notiz'],
      [dialog.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' }), 'ausdrücklich'],
    ] as const) {
      const described = await describedText(control);
      check(described).toContain(message);
    }
    check(await rawTable(page, 'consents').count()).toBe(0);
    await screenshot(page, 'consent-dialog-1024');
    check(await seriousViolations(page), 'consent dialog').toEqual([]);

    await dialog.getByRole('checkbox', { name: 'Werbung' }).check();
    // A purpose ticked takes its message away at once (it stayed until the next save).
    await expect(dialog.getByRole('alert').filter({ hasText: 'mindestens einen Verwendungszweck' })).toHaveCount(0);
    await expect(dialog.getByRole('alert')).toHaveCount(3);
    await dialog.getByLabel('Datum der Einwilligung').fill('2025-03-05');
    await dialog.getByRole('combobox', { name: 'Form der Einwilligung' }).selectOption({ label: 'Schriftlich' });
    await dialog
      .getByRole('textbox', { name: 'Text oder Version der Einwilligung' })
      .fill('Werbeeinwilligung Fassung 2');

    // A written consent without its document is not recorded (Art. 7(1)): the message is read with
    // the file input and the Kontakt choice, the two ways to give it.
    await dialog.getByLabel('Nachweis', { exact: true }).setInputFiles([]);
    await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Bitte belegen Sie die Einwilligung' })).toBeVisible();
    await dialog.getByRole('combobox', { name: 'Oder: durch einen Kontakt belegt' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'consent-no-evidence-1024');
    for (const control of [
      dialog.getByLabel('Nachweis', { exact: true }),
      dialog.getByRole('combobox', { name: 'Oder: durch einen Kontakt belegt' }),
    ]) {
      const described = await describedText(control);
      check(described).toContain('Bitte belegen Sie die Einwilligung');
    }
    check(await rawTable(page, 'consents').count()).toBe(0);

    // A non-PDF named .pdf is refused at once, and saving stores nothing.
    await dialog
      .getByLabel('Nachweis', { exact: true })
      .setInputFiles({ name: 'einwilligung.pdf', mimeType: 'application/pdf', buffer: FAKE_PDF });
    await expect(dialog.getByRole('alert').filter({ hasText: 'nur PDF' })).toBeVisible();
    await dialog.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' }).check();
    await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'nur PDF' })).toHaveCount(2);
    check(await rawTable(page, 'consents').count()).toBe(0);
    check(await rawTable(page, 'files').count()).toBe(0);

    // Without the user's confirmation nothing is recorded either.
    await dialog
      .getByLabel('Nachweis', { exact: true })
      .setInputFiles({ name: 'einwilligung.pdf', mimeType: 'application/pdf', buffer: PDF });
    // The field's message is gone, and the earlier save's message went with the first change.
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await dialog.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' }).uncheck();
    await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await expect(dialog.getByRole('alert')).toContainText('ausdrücklich bestätigt');
    check(await rawTable(page, 'consents').count()).toBe(0);

    await dialog.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' }).check();
    await dialog.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Einwilligung gespeichert.' })).toBeVisible();
    check(await rawTable(page, 'consents').count()).toBe(1);
    check(await rawTable(page, 'files').count()).toBe(1);

    const item = page.getByRole('listitem').filter({ hasText: 'Werbeeinwilligung Fassung 2' });
    await expect(item).toContainText('Werbung');
    await expect(item).toContainText('Wirksam');
    await expect(item).toContainText('05.03.2025');
    await expect(item).toContainText('Schriftlich');
    await expect(item).toContainText('einwilligung.pdf');

    // The evidence opens again: a download with the file's name and exactly its bytes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByRole('button', { name: 'Nachweis öffnen' }).click(),
    ]);
    check(download.suggestedFilename()).toMatch(/^nachweis-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.pdf$/);
    check(readFileSync(await download.path()).equals(PDF)).toBe(true);

    // Locked (Art. 18), nothing new can be recorded; a consent is still withdrawn at any time (Art. 7 Abs. 3).
    await page.getByRole('button', { name: 'Sperren' }).click();
    const lockDialog = page.getByRole('dialog', { name: 'Person sperren' });
    await lockDialog.getByRole('textbox', { name: 'Grund der Sperre' }).fill('Widerspruch nach Art. 21');
    await lockDialog.getByRole('button', { name: 'Sperren' }).click();
    await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Einwilligung erfassen' })).toBeDisabled();
    await expect(item.getByRole('button', { name: 'Widerrufen' })).toBeEnabled();

    // Withdraw: date and a note; the consent stays, marked.
    await item.getByRole('button', { name: 'Widerrufen' }).click();
    const withdraw = page.getByRole('dialog', { name: 'Einwilligung widerrufen' });
    await withdraw.getByRole('button', { name: 'Widerruf speichern' }).click();
    await expect(withdraw.getByRole('alert')).toContainText('Datum des Widerrufs');
    await withdraw.getByLabel('Datum des Widerrufs').fill('2025-04-01');
    // Without evidence attached, how it came in is noted (as a verbal consent's note).
    await withdraw.getByRole('button', { name: 'Widerruf speichern' }).click();
    await expect(withdraw.getByRole('alert')).toContainText('Bitte festhalten, wie der Widerruf kam');
    await withdraw.getByRole('textbox', { name: 'Notiz zum Widerruf' }).fill('Anruf der Betroffenen');
    // The refusal spoke of what was just mended: it goes with the change (the next save says what is still wrong).
    await expect(withdraw.getByRole('alert')).toHaveCount(0);
    await screenshot(page, 'withdraw-dialog-1024');
    check(await seriousViolations(page), 'withdraw dialog').toEqual([]);
    await withdraw.getByRole('button', { name: 'Widerruf speichern' }).click();
    await expect(withdraw).toBeHidden();
    await expect(item).toContainText('Widerrufen am 01.04.2025');
    await expect(item.getByRole('button', { name: 'Widerrufen' })).toHaveCount(0);
    await expect(item.getByRole('button', { name: 'Nachweis öffnen' })).toBeVisible();
    check(await rawTable(page, 'consents').count()).toBe(1);
    await screenshot(page, 'consent-history-1024');

    await page.getByRole('link', { name: 'Verlauf' }).click();
    const rows = page.getByRole('table', { name: 'Protokoll' }).getByRole('row');
    await expect(rows).toHaveCount(5);
    await expect(rows.nth(1)).toContainText('Einwilligung widerrufen');
    await expect(rows.nth(2)).toContainText('Gesperrt');
    await expect(rows.nth(3)).toContainText('Einwilligung erteilt');
    await expect(rows.nth(4)).toContainText('Angelegt');
  });

  it('a Kontakt transaction with an attachment is listed on every linked person and can hold a consent', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Jonas', Name: 'Becker', Ort: 'Bonn' });
    await createPerson(page, { Vorname: 'Lea', Name: 'Schulte', Ort: 'Ulm' });
    await expect(page.getByText('Noch kein Geschäftsvorfall.')).toBeVisible();

    await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neuer Vorgang' });
    await expect(dialog.getByRole('combobox', { name: 'Art' })).toHaveValue('contact');
    const kinds = await dialog.getByRole('combobox', { name: 'Art' }).locator('option').allInnerTexts();
    check(kinds).toEqual(['Kalkulation', 'Auftrag', 'Servicecall', 'Bestelleingang', 'Kontakt']);
    await expect(dialog.getByText('Schulte, Lea')).toBeVisible();
    await dialog.getByLabel('Datum').fill('2025-02-10');
    await dialog.getByRole('textbox', { name: 'Titel' }).fill('Telefonat Messe');
    // A second person, found by the small search.
    await dialog.getByRole('searchbox', { name: 'Weitere Person suchen' }).fill('beck');
    await dialog.getByRole('button', { name: 'Becker, Jonas hinzufügen' }).click();
    await expect(dialog.getByRole('button', { name: 'Becker, Jonas entfernen' })).toBeVisible();
    await dialog
      .getByLabel('Anhang')
      .setInputFiles({ name: 'gespraech.pdf', mimeType: 'application/pdf', buffer: PDF });
    await screenshot(page, 'transaction-dialog-1024');
    check(await seriousViolations(page), 'transaction dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Vorgang speichern' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Vorgang gespeichert.' })).toBeVisible();

    const table = page.getByRole('table', { name: 'Geschäftsvorfälle' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText('10.02.2025');
    await expect(table.getByRole('row').nth(1)).toContainText('Kontakt');
    await expect(table.getByRole('row').nth(1)).toContainText('Telefonat Messe');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Anhang öffnen' }).click(),
    ]);
    check(download.suggestedFilename()).toMatch(/^anhang-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.pdf$/);
    check(readFileSync(await download.path()).equals(PDF)).toBe(true);

    // The contact holds a verbal consent: a verbal consent needs a note.
    await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    const consent = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    await consent.getByRole('checkbox', { name: 'Adresshandel' }).check();
    await consent.getByLabel('Datum der Einwilligung').fill('2025-02-10');
    await consent.getByRole('combobox', { name: 'Form der Einwilligung' }).selectOption({ label: 'Mündlich' });
    await consent
      .getByRole('combobox', { name: 'Oder: durch einen Kontakt belegt' })
      .selectOption({ label: '10.02.2025 – Telefonat Messe' });
    await consent.getByRole('checkbox', { name: 'Ich bestätige, dass die Einwilligung erteilt wurde' }).check();
    await consent.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await expect(consent.getByRole('alert')).toContainText('mündliche Einwilligung braucht eine Notiz');
    await consent.getByRole('textbox', { name: 'Notiz zur Erteilung' }).fill('Am Messestand, Frau Schulte selbst');
    await consent.getByRole('button', { name: 'Einwilligung speichern' }).click();
    await expect(consent).toBeHidden();
    const item = page.getByRole('listitem').filter({ hasText: 'Adresshandel' });
    await expect(item).toContainText('Kontakt vom 10.02.2025: Telefonat Messe');
    await expect(item).toContainText('Mündlich');

    // The other linked person lists the transaction too.
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await page.getByRole('link', { name: /Becker, Jonas/ }).click();
    await expect(page.getByRole('table', { name: 'Geschäftsvorfälle' }).getByRole('row').nth(1)).toContainText(
      'Telefonat Messe',
    );

    // Linked to Becker by mistake: taken off him; it stays with Schulte, whose consent it proves.
    await page.getByRole('button', { name: 'Vorgang „Telefonat Messe“ korrigieren' }).click();
    const correct = page.getByRole('dialog', { name: 'Vorgang korrigieren' });
    await correct.getByRole('checkbox', { name: 'Becker, Jonas vom Vorgang lösen' }).check();
    await correct.getByRole('textbox', { name: 'Kommentar' }).fill('Herr Becker war nicht am Stand');
    await correct.getByRole('button', { name: 'Korrektur speichern' }).click();
    await expect(correct).toBeHidden();
    await expect(page.getByText('Noch kein Geschäftsvorfall.')).toBeVisible();
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await page.getByRole('link', { name: /Schulte, Lea/ }).click();
    await page.getByRole('button', { name: 'Vorgang „Telefonat Messe“ korrigieren' }).click();
    await correct.getByRole('checkbox', { name: 'Ganzen Vorgang löschen (irrtümlich erfasst)' }).check();
    await correct.getByRole('textbox', { name: 'Kommentar' }).fill('Doppelt');
    await correct.getByRole('button', { name: 'Vorgang löschen' }).click();
    await expect(correct.getByRole('alert')).toContainText('Nachweis einer Einwilligung');
    await correct.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(page.getByRole('table', { name: 'Geschäftsvorfälle' }).getByRole('row')).toHaveCount(2);
  });

  it('on a phone the dialogs fit and pass axe', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann' });
    await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    await expect(dialog).toBeVisible();
    await screenshot(page, 'consent-dialog-390');
    const width = await dialog.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    check(width.scroll).toBeLessThanOrEqual(width.client);
    check(await seriousViolations(page), 'consent dialog 390').toEqual([]);
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
    const tx = page.getByRole('dialog', { name: 'Neuer Vorgang' });
    await tx.getByRole('textbox', { name: 'Titel' }).fill('Angebot');
    await tx.getByRole('button', { name: 'Vorgang speichern' }).click();
    await expect(tx).toBeHidden();
    await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
    await screenshot(page, 'transaction-dialog-390');
    check(await seriousViolations(page), 'transaction dialog 390').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Geschäftsvorfälle' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'person-records-390');

    // A written consent recorded before evidence was required (a note in its place), as an older
    // version stored it: in force, and marked as shown by no document (Art. 7(1)).
    const personId = decodeURIComponent(new URL(page.url()).hash.split('/').pop() ?? '');
    await rawTable(page, 'consents').put({
      id: 'legacy-consent',
      personId,
      purposeIds: ['purpose-advertising'],
      status: 'given',
      givenAt: '2024-05-02',
      channel: 'written',
      text: 'Newsletter v1',
      channelNote: '',
      evidence: { type: 'none', note: 'Formular im Ordner 2024' },
      withdrawnAt: null,
      withdrawalEvidence: null,
      campaignId: '',
      createdAt: '2024-05-02T09:00:00.000Z',
    });
    await sealAtNextSignIn(page);
    await page.reload();
    await signIn(page);
    const legacy = page.getByRole('listitem', { name: /Werbung – Erteilt am 02\.05\.2024 – Ohne Nachweis/ });
    await expect(legacy).toBeVisible();
    await expect(legacy).toContainText('kein Dokument: Formular im Ordner 2024');
    await expect(legacy).toContainText('Art. 7 Abs. 1 DSGVO');
    await legacy.scrollIntoViewIfNeeded();
    await screenshot(page, 'consent-unproven-390');
    const fits = await legacy.evaluate((el) => el.scrollWidth <= el.clientWidth);
    check(fits).toBe(true);
  });
});
