/**
 * No lost work: leaving a form with unsaved changes — the person form, a dialog (consent …), a
 * settings form; through the navigation, the back button, signing out, closing the tab — asks
 * "Änderungen verwerfen?" first, staying the default. The idle lock asks nothing: it keeps the
 * drafts of the changed forms (the person form, a dialog) sealed and offers them back to the same
 * user only, in the form they came from.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import {
  ADMIN,
  createPerson,
  createUser,
  expect,
  rawTable,
  setUpAdministrator,
  signIn,
  submitSignIn,
  useBrowser,
} from './helpers';

const browser = useBrowser();

describe('unsaved changes', () => {
  it('are not lost without asking; staying is the default', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    const city = page.getByRole('textbox', { name: 'Ort', exact: true });
    const question = page.getByRole('alertdialog', { name: 'Änderungen verwerfen?' });

    // Unchanged: leaving asks nothing.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();
    await page.goBack();
    await expect(city).toHaveValue('Köln');

    // Through the navigation: Enter keeps the focused "Weiter bearbeiten" — the form and its change stay.
    await city.fill('Bonn');
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(question).toBeHidden();
    await expect(city).toHaveValue('Bonn');
    check(page.url()).toContain('#/personen/');

    // The back button: Escape stays as well.
    await page.goBack();
    await expect(question).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(city).toHaveValue('Bonn');

    // Discarding goes where the user wanted.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await question.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();
    await page.goBack();
    await expect(city).toHaveValue('Köln');

    // Signing out asks too.
    await city.fill('Bonn');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Weiter bearbeiten' }).click();
    await expect(city).toHaveValue('Bonn');
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await question.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
  });

  it('closing the tab with unsaved changes asks the browser to confirm', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('button', { name: 'Neue Person' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).click();
    await page.keyboard.type('Adler');
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    const closed = new Promise((resolve) => page.once('close', resolve));
    await page.close({ runBeforeUnload: true });
    check(await asked).toBe('beforeunload');
    await closed;
  });

  it('a dialog with input and a settings form ask too; an untouched dialog does not', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler' });
    const question = page.getByRole('alertdialog', { name: 'Änderungen verwerfen?' });

    // The consent dialog, untouched: the back button leaves without a question.
    await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    const consent = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    await consent.getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    await consent.getByRole('textbox', { name: 'Notiz zur Erteilung' }).fill('am Telefon');
    await page.goBack();
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Weiter bearbeiten' }).click();
    await expect(consent.getByRole('textbox', { name: 'Notiz zur Erteilung' })).toHaveValue('am Telefon');
    check(page.url()).toContain('#/personen/');
    await consent.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(consent).toBeHidden();

    // Einstellungen, Verantwortlicher: a changed field asks before the navigation leaves.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('textbox', { name: 'Name des Verantwortlichen' }).fill('Muster GmbH');
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(question).toBeVisible();
    await question.getByRole('button', { name: 'Verwerfen' }).click();
    await expect(page.getByRole('heading', { name: 'Personen', level: 1 })).toBeVisible();
  });

  it('the idle lock keeps the draft sealed and offers it back to the same user, not to another', async () => {
    const { page } = await browser.newPage();
    await page.clock.install();
    await setUpAdministrator(page, browser.baseURL());
    await createOtherUser(page);
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    const city = page.getByRole('textbox', { name: 'Ort', exact: true });
    await city.fill('Zwickau');

    // Ten minutes without a key or a touch: locked, the form's change kept.
    await page.clock.fastForward('10:30');
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    const stored = await storedDrafts(page);
    check(stored.count).toBe(1);
    check(stored.json).toContain('sealed');
    check(stored.json).not.toContain('Zwickau');
    check(stored.json).not.toContain('Adler');
    check(
      await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])),
    ).not.toContain('Zwickau');

    // Another user signs in: nothing is offered, and the draft stays for its owner.
    await signIn(page, OTHER);
    await expect(page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    check((await storedDrafts(page)).count).toBe(1);

    // The same user: offered, taken back into the form, which counts it as unsaved.
    await submitSignIn(page);
    const offer = page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' });
    await expect(offer).toContainText('Adler, Anna');
    await offer.getByRole('button', { name: 'Änderungen wiederherstellen' }).click();
    await expect(city).toHaveValue('Zwickau');
    check((await storedDrafts(page)).count).toBe(0);
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Änderungen verwerfen?' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const reason = page.getByRole('dialog', { name: 'Änderung begründen' });
    await reason.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: 'Vertraglicher Zweck' });
    await reason.getByRole('textbox', { name: 'Kommentar' }).fill('Umzug');
    await reason.getByRole('button', { name: 'Bestätigen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    await expect(city).toHaveValue('Zwickau');
  });

  it('the idle lock keeps a dialog’s input too: the consent dialog opens again with its note', async () => {
    const { page } = await browser.newPage();
    await page.clock.install();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    await page.getByRole('button', { name: 'Einwilligung erfassen' }).click();
    let dialog = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    await dialog.getByRole('textbox', { name: 'Notiz zur Erteilung' }).fill('am Telefon, Rückruf Dienstag');
    await dialog.getByRole('textbox', { name: 'Text oder Version der Einwilligung' }).fill('Newsletter v3');

    await page.clock.fastForward('10:30');
    // Locked at once, no question asked.
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    const stored = await storedDrafts(page);
    check(stored.count).toBe(1);
    check(stored.json).not.toContain('Rückruf');

    await page.getByLabel('Passphrase').fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const offer = page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' });
    await expect(offer).toContainText('Einwilligung erfassen: Adler, Anna');
    await offer.getByRole('button', { name: 'Änderungen wiederherstellen' }).click();
    dialog = page.getByRole('dialog', { name: 'Einwilligung erfassen' });
    await expect(dialog.getByRole('textbox', { name: 'Notiz zur Erteilung' })).toHaveValue(
      'am Telefon, Rückruf Dienstag',
    );
    await expect(dialog.getByRole('textbox', { name: 'Text oder Version der Einwilligung' })).toHaveValue(
      'Newsletter v3',
    );
    check((await storedDrafts(page)).count).toBe(0);
  });
});

const OTHER = { name: 'kim', staffNumber: 'P-002', passphrase: 'another long passphrase' };

async function createOtherUser(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  await createUser(page, OTHER, ['Personen bearbeiten']);
}

/** The kept drafts as stored in IndexedDB (below the app). */
async function storedDrafts(page: Page): Promise<{ count: number; json: string }> {
  const all = await rawTable(page, 'drafts').rows();
  // The sealed bytes as numbers: a plain value would show as text.
  const text = JSON.stringify(all, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
  return { count: all.length, json: text };
}
