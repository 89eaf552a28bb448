/**
 * Two tabs of the same origin editing the same person. persons.test.ts shows that a save over a
 * newer version is refused; this follows the whole story: B is told, sees A's newer data with its
 * own change carried over, saves again, and in the end both changes are stored — nothing lost,
 * nothing overwritten.
 * And a restore in one tab ends the session in the other, since the restored users apply. A backup
 * dialog waiting for another tab's backup says so and can be closed (Abbrechen, Escape): the wait
 * is given up, focus goes back to "Sicherung erstellen".
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, screenshot, setUpAdministrator, signIn, STEP_TIMEOUT, useBrowser } from './helpers';

const browser = useBrowser();

async function saveWithReason(page: Page, comment: string) {
  await page.getByRole('button', { name: 'Speichern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Änderung begründen' });
  await dialog.getByRole('textbox', { name: 'Kommentar' }).fill(comment);
  await dialog.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(dialog).toBeHidden();
}

describe('two tabs', () => {
  it('a stale save is refused with the newer data shown; re-applied, both changes are stored', async () => {
    const { context, page: a } = await browser.newPage();
    await setUpAdministrator(a, browser.baseURL());
    await createPerson(a, { Vorname: 'Chiara', Name: 'Rossi', Ort: 'Köln', 'E-Mail': 'chiara@example.org' });
    const personUrl = a.url();

    const b = await context.newPage();
    b.setDefaultTimeout(STEP_TIMEOUT);
    await b.goto(personUrl);
    await signIn(b);
    await expect(b.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Köln');

    // B starts editing the city; meanwhile A changes the e-mail and saves.
    await b.getByRole('textbox', { name: 'Ort', exact: true }).fill('Bonn');
    await a.getByRole('textbox', { name: 'E-Mail', exact: true }).fill('chiara.rossi@example.net');
    await saveWithReason(a, 'Neue Adresse mitgeteilt');
    await expect(a.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();

    // B's edit is not silently overwritten by the live update: B still sees its own draft.
    await expect(b.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Bonn');
    await saveWithReason(b, 'Umzug');
    await expect(b.getByRole('alert').filter({ hasText: 'inzwischen geändert' })).toBeVisible();
    await expect(b.getByRole('alert')).toContainText('auf die neuere Fassung übertragen');
    // B's own change stays, carried over onto A's newer version: nothing typed is lost.
    await expect(b.getByRole('textbox', { name: 'E-Mail', exact: true })).toHaveValue('chiara.rossi@example.net');
    await expect(b.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Bonn');
    await screenshot(b, 'two-tabs-refused-1024');

    // B checks and saves again, on top of the newer version: now it is stored.
    await saveWithReason(b, 'Umzug');
    await expect(b.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    await expect(b.getByRole('alert')).toHaveCount(0);

    // Both changes are stored: A (not editing) follows live, and a reload shows both too.
    await expect(a.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Bonn');
    await expect(a.getByRole('textbox', { name: 'E-Mail', exact: true })).toHaveValue('chiara.rossi@example.net');
    // A's confirmation of its own save gives way to what happened: the values shown came from elsewhere.
    await expect(a.getByRole('status').filter({ hasText: 'Soeben anderswo geändert' })).toBeVisible();
    await expect(a.getByRole('status').filter({ hasText: 'Gespeichert.' })).toHaveCount(0);
    await b.reload();
    await signIn(b);
    await expect(b.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Bonn');
    await expect(b.getByRole('textbox', { name: 'E-Mail', exact: true })).toHaveValue('chiara.rossi@example.net');

    // The log has each change once, with its own reason; the refused attempt left no entry.
    await b.getByRole('link', { name: 'Verlauf' }).click();
    const rows = b.getByRole('table', { name: 'Protokoll' }).getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText('Umzug');
    await expect(rows.nth(1)).toContainText('Ort');
    await expect(rows.nth(2)).toContainText('Neue Adresse mitgeteilt');
    await expect(rows.nth(2)).toContainText('E-Mail');
  });

  it('a restore in one tab signs the other tab out', async () => {
    const { context, page: a } = await browser.newPage();
    await setUpAdministrator(a, browser.baseURL());
    await createPerson(a, { Vorname: 'Sven', Name: 'Wagner', Ort: 'Kiel' });
    const b = await context.newPage();
    b.setDefaultTimeout(STEP_TIMEOUT);
    await b.goto(a.url());
    await signIn(b);

    await a.getByRole('link', { name: 'Einstellungen' }).click();
    await a.getByRole('button', { name: 'Sicherung erstellen' }).click();
    const create = a.getByRole('dialog', { name: 'Sicherung erstellen' });
    await create.getByLabel('Passphrase', { exact: true }).fill('zwei Tabs, eine Sicherung');
    await create.getByLabel('Wiederholung').fill('zwei Tabs, eine Sicherung');
    const [download] = await Promise.all([
      a.waitForEvent('download'),
      create.getByRole('button', { name: 'Erstellen und herunterladen' }).click(),
    ]);
    const file = `/tmp/twotabs-${Date.now()}.cbbackup`;
    await download.saveAs(file);

    await a.getByRole('button', { name: 'Sicherung wiederherstellen' }).click();
    const restore = a.getByRole('dialog', { name: 'Sicherung wiederherstellen' });
    await restore.getByLabel('Datei').setInputFiles(file);
    await restore.getByLabel('Passphrase').fill('zwei Tabs, eine Sicherung');
    await restore.getByRole('button', { name: 'Wiederherstellen' }).click();
    await expect(a.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    await expect(b.getByRole('button', { name: 'Anmelden' })).toBeVisible();
  });

  it('a backup dialog waiting for another tab can be closed; the wait is given up', async () => {
    const { context, page: a } = await browser.newPage();
    await setUpAdministrator(a, browser.baseURL());
    // A holds the backup lock, as a long backup there would, until the test lets it go.
    await a.evaluate(
      () =>
        new Promise<void>((held) => {
          void navigator.locks.request('consentbook-backup', () => {
            held();
            return new Promise<void>((release) => ((window as unknown as { release: () => void }).release = release));
          });
        }),
    );
    const b = await context.newPage();
    b.setDefaultTimeout(STEP_TIMEOUT);
    await b.goto(a.url());
    await signIn(b);
    await b.getByRole('link', { name: 'Einstellungen' }).click();
    const opener = b.getByRole('button', { name: 'Sicherung erstellen' });
    const create = b.getByRole('dialog', { name: 'Sicherung erstellen' });
    const pending = () => b.evaluate(async () => (await navigator.locks.query()).pending?.length ?? 0);

    for (const close of ['Abbrechen', 'Escape'] as const) {
      await opener.click();
      await create.getByLabel('Passphrase', { exact: true }).fill('wartet auf den anderen Tab');
      await create.getByLabel('Wiederholung').fill('wartet auf den anderen Tab');
      await create.getByRole('button', { name: 'Erstellen und herunterladen' }).click();
      await expect(create.getByRole('status')).toContainText('Ein anderer Tab erstellt gerade eine Sicherung');
      check(await pending()).toBe(1);
      // The disabled submit button's focus went to Abbrechen, so Escape reaches the dialog too.
      const cancel = create.getByRole('button', { name: 'Abbrechen' });
      await expect(cancel).toBeFocused();
      if (close === 'Abbrechen') await cancel.click();
      else {
        // Something was typed: Escape asks first.
        await b.keyboard.press('Escape');
        await create.getByRole('button', { name: 'Verwerfen' }).click();
      }
      await expect(create).toBeHidden();
      await expect(opener).toBeFocused();
      check(await pending()).toBe(0);
    }
    await a.evaluate(() => (window as unknown as { release: () => void }).release());
  });
});
