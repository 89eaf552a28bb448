/**
 * No lost work in any form (issue 17, item 1): every form dialog and settings form that holds
 * typed input asks "Änderungen verwerfen?" before it is left (staying the default), and when the
 * idle lock strikes mid-edit its draft is kept sealed and offered back after signing in — the
 * form opens again with what was typed. One table, one case per kind of form.
 *
 * The cases share one page and book, each going on where the one before left it (vitest runs them in
 * order) and leaving its form discarded: a fresh context and its first start cost about as much CPU
 * as a case's own steps.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect as check, inject, it } from 'vitest';
import {
  createPerson,
  expect,
  openSection,
  rawTable,
  setUpAdministrator,
  submitSignIn,
  useBrowser,
  useKeptPages,
} from './helpers';

const browser = useBrowser();

interface Case {
  /** The form, as the offer after signing in names it. */
  label: string;
  /** Opens the form (after the administrator is set up) and returns the field typed into. */
  open: (page: Page) => Promise<Locator>;
  /** Other values the restored form must hold. */
  also?: (page: Page) => Promise<void>;
}

const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });

/** Whether the request of requestDetails was made (by an earlier case on the shared page). */
let requestMade = false;

/** A person with an open request about them (made once, for the cases that need one), its details shown. */
async function requestDetails(page: Page): Promise<void> {
  if (!requestMade) {
    await createPerson(page, { Vorname: 'Berta', Name: 'Bittner', Ort: 'Köln' });
    await openSection(page, 'Anfragen');
    await page.getByRole('button', { name: 'Neue Anfrage' }).click();
    const create = dialog(page, 'Neue Anfrage');
    await create.getByRole('searchbox', { name: 'Person suchen' }).fill('Bittner');
    await create.getByRole('radio', { name: /Bittner, Berta/ }).check();
    await create.getByRole('button', { name: 'Anfrage erfassen' }).click();
    await expect(create).toBeHidden();
    requestMade = true;
  } else await openSection(page, 'Anfragen');
  await page
    .getByRole('row', { name: /Bittner, Berta/ })
    .getByRole('button', { name: /Details/ })
    .click();
}

const CASES: Case[] = [
  {
    label: 'Neue Anfrage',
    open: async (page) => {
      await openSection(page, 'Anfragen');
      await page.getByRole('button', { name: 'Neue Anfrage' }).click();
      return dialog(page, 'Neue Anfrage').getByRole('textbox', { name: 'Notiz' });
    },
  },
  {
    label: 'Frist verlängern',
    open: async (page) => {
      await requestDetails(page);
      await page.getByRole('button', { name: 'Frist verlängern' }).click();
      await dialog(page, 'Frist verlängern').getByRole('radio', { name: 'um zwei Monate' }).check();
      return dialog(page, 'Frist verlängern').getByRole('textbox', { name: 'Begründung' });
    },
    also: async (page) => {
      check(await dialog(page, 'Frist verlängern').getByRole('radio', { name: 'um zwei Monate' }).isChecked()).toBe(
        true,
      );
    },
  },
  {
    label: 'Anfrage ablehnen',
    open: async (page) => {
      await requestDetails(page);
      await page.getByRole('button', { name: 'Abgelehnt' }).click();
      return dialog(page, 'Anfrage ablehnen').getByRole('textbox', { name: 'Begründung für die Person' });
    },
  },
  {
    label: 'Neue Datenpanne',
    open: async (page) => {
      await openSection(page, 'Datenpannen');
      await page.getByRole('button', { name: 'Neue Datenpanne' }).click();
      return dialog(page, 'Neue Datenpanne').getByRole('textbox', { name: 'Beschreibung' });
    },
  },
  {
    label: 'Neuer Vorgang: Adler, Anna',
    open: async (page) => {
      await createPerson(page, { Vorname: 'Anna', Name: 'Adler' });
      await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
      return dialog(page, 'Neuer Vorgang').getByRole('textbox', { name: 'Titel' });
    },
  },
  {
    label: 'Vorgang korrigieren: Telefonat',
    open: async (page) => {
      await createPerson(page, { Vorname: 'Anna', Name: 'Adler' });
      await page.getByRole('button', { name: 'Neuer Vorgang' }).click();
      await dialog(page, 'Neuer Vorgang').getByRole('textbox', { name: 'Titel' }).fill('Telefonat');
      await dialog(page, 'Neuer Vorgang').getByRole('button', { name: 'Vorgang speichern' }).click();
      await page.getByRole('button', { name: 'Vorgang „Telefonat“ korrigieren' }).click();
      await dialog(page, 'Vorgang korrigieren').getByLabel('Datum').fill('2026-01-05');
      return dialog(page, 'Vorgang korrigieren').getByRole('textbox', { name: 'Kommentar' });
    },
    also: async (page) => {
      await expect(dialog(page, 'Vorgang korrigieren').getByLabel('Datum')).toHaveValue('2026-01-05');
    },
  },
  {
    // The reason asked before saving: the person's change and the reason come back together.
    label: 'Änderung begründen',
    open: async (page) => {
      await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
      await page.getByRole('textbox', { name: 'Ort', exact: true }).fill('Zwickau');
      await page.getByRole('button', { name: 'Speichern' }).click();
      return dialog(page, 'Änderung begründen').getByRole('textbox', { name: 'Kommentar' });
    },
    also: async (page) => {
      await dialog(page, 'Änderung begründen').getByRole('button', { name: 'Abbrechen' }).click();
      await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Zwickau');
    },
  },
  {
    label: 'Person sperren',
    open: async (page) => {
      await createPerson(page, { Vorname: 'Anna', Name: 'Adler' });
      await page.getByRole('button', { name: 'Sperren' }).click();
      return dialog(page, 'Person sperren').getByRole('textbox', { name: 'Grund der Sperre' });
    },
  },
  {
    // A settings form on the screen itself, not in a dialog.
    label: 'Verantwortlicher',
    open: async (page) => {
      await openSection(page, 'Einstellungen');
      return page.getByRole('textbox', { name: 'Name des Verantwortlichen' });
    },
  },
];

describe('kept drafts of every form', () => {
  const keptPage = useKeptPages();
  let shared: Promise<Page> | undefined;
  /** The page the cases share, set up by the first (its steps' waits need a running test). */
  const sharedPage = (): Promise<Page> =>
    (shared ??= (async () => {
      const { page } = await keptPage();
      await page.clock.install();
      await setUpAdministrator(page, inject('baseURL'));
      return page;
    })());

  it.each(CASES)('$label: asks before leaving, and survives the idle lock', async ({ label, open, also }) => {
    const page = await sharedPage();
    const typed = `Entwurf ${label}`;
    const field = await open(page);
    await field.fill(typed);
    const address = page.url();

    // Leaving asks first; staying (the default, Enter) keeps the form and what was typed.
    const question = page.getByRole('alertdialog', { name: 'Änderungen verwerfen?' });
    await page.goBack();
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: 'Weiter bearbeiten' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(question).toBeHidden();
    await expect(field).toHaveValue(typed);
    check(page.url()).toBe(address);

    // Ten idle minutes: locked without a question, the draft kept sealed.
    await page.clock.fastForward('10:30');
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await expect(question).toHaveCount(0);
    const sealed = await storedDraftText(page);
    check(sealed).toContain('sealed');
    check(sealed).not.toContain(typed);

    // Signing in again offers it; taken back, the same form opens with it.
    // (Not the signIn helper: the offer makes the app behind it inert, its navigation unseen.)
    await submitSignIn(page);
    const offer = page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' });
    await expect(offer).toContainText(label);
    await offer.getByRole('button', { name: 'Änderungen wiederherstellen' }).click();
    await expect(field).toHaveValue(typed);
    await also?.(page);

    // Left for the next case, no draft kept: a dialog cancelled (its button discards), a form on the
    // screen left by the navigation, which asks first.
    const stillOpen = page.getByRole('dialog');
    if (await stillOpen.count()) {
      await stillOpen.getByRole('button', { name: 'Abbrechen' }).click();
      await expect(stillOpen).toHaveCount(0);
    } else {
      await page.getByRole('link', { name: 'Übersicht' }).click();
      await question.getByRole('button', { name: 'Verwerfen' }).click();
      await expect(question).toBeHidden();
    }
    check(await rawTable(page, 'drafts').count()).toBe(0);
  });
});

describe('kept drafts on a full disk', () => {
  // The drafts' write fails as on a full disk (IndexedDB refuses it); `tabFull`: the tab's
  // sessionStorage refuses the held drafts too.
  it.each([
    { held: 'in the tab', tabFull: false },
    { held: 'in the page alone', tabFull: true },
  ])('the idle lock holds them $held, says why, and offers them after signing in', async ({ tabFull }) => {
    const { page } = await browser.newPage();
    await page.clock.install();
    await page.addInitScript((tabFull) => {
      const store = IDBObjectStore.prototype;
      const put = Object.getOwnPropertyDescriptor(store, 'put')!.value as IDBObjectStore['put'];
      store.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'drafts') throw new DOMException('The disk is full', 'QuotaExceededError');
        return put.apply(this, args);
      };
      const storage = Storage.prototype;
      const setItem = Object.getOwnPropertyDescriptor(storage, 'setItem')!.value as Storage['setItem'];
      storage.setItem = function (this: Storage, key: string, value: string) {
        if (tabFull && key === 'consentbook.heldDrafts') throw new DOMException('full', 'QuotaExceededError');
        setItem.call(this, key, value);
      };
    }, tabFull);
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });
    const city = page.getByRole('textbox', { name: 'Ort', exact: true });
    await city.fill('Zwickau');

    await page.clock.fastForward('10:30');
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Der Speicher des Geräts ist voll' })).toContainText(
      'verschlüsselt in diesem Tab',
    );
    check(await storedDraftText(page)).toBe('[]');
    const tabText = await page.evaluate(() => JSON.stringify(sessionStorage));
    check(tabText).not.toContain('Zwickau');
    check(tabText.includes('consentbook.heldDrafts')).toBe(!tabFull);

    await submitSignIn(page);
    const offer = page.getByRole('dialog', { name: 'Nicht gespeicherte Änderungen' });
    await expect(offer).toContainText('Adler, Anna');
    await expect(offer).toContainText('Nur in diesem Tab aufbewahrt, nicht auf dem Gerät: Der Speicher');
    await offer.getByRole('button', { name: 'Änderungen wiederherstellen' }).click();
    await expect(city).toHaveValue('Zwickau');
    check(await page.evaluate(() => sessionStorage.getItem('consentbook.heldDrafts'))).toBeNull();
  });
});

/** The kept drafts as stored in IndexedDB (below the app), as text. */
async function storedDraftText(page: Page): Promise<string> {
  const all = await rawTable(page, 'drafts').rows();
  return JSON.stringify(all, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
}
