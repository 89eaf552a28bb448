/**
 * No lost work on a phone or tablet when the app is left without a word: the user switches to
 * another app (the page is hidden) and the system reloads or closes the tab to free memory, or the
 * page is reloaded (pull to refresh). Every changed form's draft is kept sealed when the page is
 * hidden or left — in the tab (it survives a reload) and on the device (it survives the app being
 * closed) — and offered after signing in again; coming back to the page as it was keeps nothing.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import {
  ADMIN,
  STEP_TIMEOUT,
  expect,
  rawTable,
  screenshot,
  setUpAdministrator,
  useBrowser,
  submitSignIn,
} from './helpers';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };

const browser = useBrowser(PHONE);

/** A fresh touch device of this size (phone or tablet), German, its first page. */
const device = (viewport: { width: number; height: number }) => browser.newPage({ viewport, touch: true });

/** The user switches to another app (or turns the screen off): the page is hidden, as the system says. */
const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

/** The user comes back to the page, still as it was. */
const show = (page: Page) =>
  page.evaluate(() => {
    Reflect.deleteProperty(document, 'visibilityState');
    Reflect.deleteProperty(document, 'hidden');
    document.dispatchEvent(new Event('visibilitychange'));
  });

const storedDrafts = (page: Page) => rawTable(page, 'drafts').count();
const tabDrafts = (page: Page) => page.evaluate(() => JSON.stringify(sessionStorage));

async function newPerson(page: Page) {
  await page.getByRole('button', { name: 'Neue Person' }).tap();
  await page.getByRole('textbox', { name: 'Vorname' }).fill('Anna');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Adler');
  await page.getByRole('textbox', { name: 'Ort', exact: true }).fill('Zwickau');
}

async function takeBack(page: Page, label: string) {
  const offer = page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' });
  await expect(offer).toContainText(label);
  await expect(offer).not.toContainText('Nur in diesem Tab');
  await offer.getByRole('button', { name: 'Änderungen wiederherstellen' }).tap();
  await expect(offer).toBeHidden();
}

describe('a form left in the background', () => {
  it('on a phone: the system reloads the hidden tab; the half-filled person is offered after signing in', async () => {
    const { page } = await device(PHONE);
    await setUpAdministrator(page, browser.baseURL());
    await newPerson(page);
    await hide(page);
    // Kept sealed: never the typed values in plain, in the tab or on the device.
    await check.poll(() => storedDrafts(page), { timeout: STEP_TIMEOUT }).toBe(1);
    check(await tabDrafts(page)).not.toContain('Zwickau');

    await page.reload();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await screenshot(page, 'left-phone-signin');
    await submitSignIn(page);
    await takeBack(page, 'Adler, Anna');
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Zwickau');
    await expect(page.getByRole('textbox', { name: 'Vorname' })).toHaveValue('Anna');
    await screenshot(page, 'left-phone-restored');
    check(await storedDrafts(page)).toBe(0);
  });

  it('on a phone: pulled to refresh without going to the background, the draft is kept as the page is left', async () => {
    const { page } = await device(PHONE);
    await setUpAdministrator(page, browser.baseURL());
    await newPerson(page);
    await page.reload();
    await submitSignIn(page);
    await takeBack(page, 'Adler, Anna');
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Zwickau');
  });

  it('on a tablet: the app is closed in the background; a new request is offered in a new tab', async () => {
    const { context, page } = await device(TABLET);
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('link', { name: 'Anfragen', exact: true }).tap();
    await page.getByRole('button', { name: 'Neue Anfrage' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Neue Anfrage' });
    await dialog.getByRole('textbox', { name: 'Notiz' }).fill('Anruf am Morgen, Auskunft gewünscht');
    await hide(page);
    await check.poll(() => storedDrafts(page), { timeout: STEP_TIMEOUT }).toBe(1);
    await page.close();

    const again = await context.newPage();
    again.setDefaultTimeout(STEP_TIMEOUT);
    await again.goto(browser.baseURL());
    await submitSignIn(again);
    await takeBack(again, 'Neue Anfrage');
    await expect(
      again.getByRole('dialog', { name: 'Neue Anfrage' }).getByRole('textbox', { name: 'Notiz' }),
    ).toHaveValue('Anruf am Morgen, Auskunft gewünscht');
    await screenshot(again, 'left-tablet-request-restored');
  });

  it('on a phone: back after the device slept past the idle time, it locks at once; the form is offered after signing in', async () => {
    const { page } = await device(PHONE);
    await page.clock.install();
    await setUpAdministrator(page, browser.baseURL());
    await newPerson(page);
    await hide(page);
    // The device slept in a pocket for half an hour: the wall clock went on, the hidden page's timers
    // did not (a frozen page's timers count the device's awake time only).
    const now = await page.evaluate(() => Date.now());
    await page.clock.setSystemTime(now + 30 * 60_000);
    await show(page);
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Vorname' })).toHaveCount(0);
    await screenshot(page, 'left-phone-locked-after-sleep');
    await submitSignIn(page);
    await takeBack(page, 'Adler, Anna');
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Zwickau');
  });

  it('coming back to the page as it was keeps nothing: no draft offered at the next sign-in', async () => {
    const { page } = await device(PHONE);
    await setUpAdministrator(page, browser.baseURL());
    await newPerson(page);
    await hide(page);
    await check.poll(() => storedDrafts(page), { timeout: STEP_TIMEOUT }).toBe(1);
    await show(page);
    await check.poll(() => storedDrafts(page), { timeout: STEP_TIMEOUT }).toBe(0);
    check(await tabDrafts(page)).not.toContain('leftDrafts');
    await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Zwickau');

    // Given up on purpose, then signed out and in: nothing is offered.
    await page.getByRole('button', { name: 'Abbrechen' }).tap();
    await page.getByRole('button', { name: 'Abmelden' }).tap();
    await page.getByLabel('Benutzer').fill(ADMIN.name);
    await submitSignIn(page);
    await expect(page.getByRole('heading', { name: 'Personen', level: 1 })).toBeVisible();
    check(await page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' }).count()).toBe(0);
  });
});

/** Dialogs of more than one field asked in the middle of something else, each kept like the others. */
const DIALOGS: { label: string; open: (page: Page) => Promise<Locator>; fields: Record<string, string> }[] = [
  {
    // Asked before the first Auskunft: the controller's name, address and a way to reach them.
    label: 'Verantwortlichen angeben',
    open: async (page: Page) => {
      await page.getByRole('button', { name: 'Neue Person' }).tap();
      await page.getByRole('textbox', { name: 'Vorname' }).fill('Anna');
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Adler');
      await page.getByRole('button', { name: 'Speichern' }).tap();
      const reason = page.getByRole('dialog', { name: 'Änderung begründen' });
      await reason.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: 'Vertraglicher Zweck' });
      await reason.getByRole('textbox', { name: 'Kommentar' }).fill('Messe');
      await reason.getByRole('button', { name: 'Bestätigen' }).tap();
      await expect(reason).toBeHidden();
      await page.getByRole('button', { name: 'Auskunft (PDF)', exact: true }).tap();
      return page.getByRole('dialog', { name: 'Verantwortlichen angeben' });
    },
    fields: { 'Name des Verantwortlichen': 'Muster Haustechnik GmbH', 'Ort des Verantwortlichen': 'München' },
  },
  {
    label: 'Aufbewahrung und Empfänger: Werbung',
    open: async (page: Page) => {
      await page.getByRole('button', { name: 'Menü' }).tap();
      await page.getByRole('link', { name: 'Einstellungen', exact: true }).tap();
      await page.getByRole('button', { name: 'Aufbewahrung und Empfänger von „Werbung“' }).tap();
      return page.getByRole('dialog', { name: 'Aufbewahrung und Empfänger: Werbung' });
    },
    fields: { 'Grundlage der Aufbewahrung': '§ 147 AO', 'Empfänger für diesen Zweck': 'Lettershop Köln' },
  },
];

describe('dialogs of several fields left in the background on a phone', () => {
  it.each(DIALOGS)(
    '$label: kept, offered after the reload, opened again with what was typed',
    async ({ label, open, fields }) => {
      const { page } = await device(PHONE);
      await setUpAdministrator(page, browser.baseURL());
      const dialog = await open(page);
      for (const [name, value] of Object.entries(fields)) await dialog.getByRole('textbox', { name }).fill(value);
      await hide(page);
      await page.reload();
      await submitSignIn(page);
      await takeBack(page, label);
      for (const [name, value] of Object.entries(fields))
        await expect(page.getByRole('dialog', { name: label }).getByRole('textbox', { name })).toHaveValue(value);
      await screenshot(page, `left-phone-${label.split(':')[0].replaceAll(' ', '-')}`);
    },
  );
});
