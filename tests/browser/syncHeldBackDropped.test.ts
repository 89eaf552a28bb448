/**
 * A member's change held back, then dropped by a conflict's resolution on another device — three
 * devices on the real sync server. Mia changes a person's Ort on her device C while offline; on A
 * the administrator meanwhile takes her right and changes the same Ort. Back online, her version
 * is refused on A and B (held back, warned of in the header) beside A's, in a conflict. A
 * resolves it; B, which did not, shows her change as "verworfen, als der Konflikt gelöst wurde"
 * and its header warns no more — as A's does.
 */
import type { Page } from 'playwright-core';
import { describe, expect as vitestExpect, inject, it } from 'vitest';
import { expect, openSection, screenshot } from './helpers';
import {
  invite,
  joinWithCode,
  saveOrt,
  syncStatus,
  useDevices,
  useSyncServer,
  MIA,
  SYNCED,
  adminBook,
  inviteMia,
} from './syncHelpers';

const server = useSyncServer();
const openDevice = useDevices();
const BOOK = 'book-held-back-dropped';
const SLOW = 300_000;

/** The person's form on `page`, its lazy parts loaded (before a network goes). */
async function openPerson(page: Page): Promise<void> {
  await openSection(page, 'Personen');
  await page.getByRole('link', { name: /Verworfen/ }).click();
  await expect(page.getByRole('heading', { name: 'Geschäftsvorfälle' })).toBeVisible();
}

const status = (page: Page) => syncStatus(page).innerText();

describe('a change held back in a conflict resolved on another device', () => {
  it(
    'is shown as dropped, and no longer warned of, on a device that did not resolve it',
    async () => {
      // A: the administrator's book with one person, connected with the server administrator (who
      // makes members' own accounts); B joins; Mia, who may edit persons, joins on C.
      const a = await openDevice();
      await adminBook(a.page, server(), BOOK, inject('baseURL'), { Vorname: 'Vera', Name: 'Verworfen' });
      const code = await invite(a.page);
      const b = await openDevice();
      await joinWithCode(b.page, inject('baseURL'), code);
      const next = await inviteMia(a.page, server(), BOOK, code);
      const c = await openDevice();
      await joinWithCode(c.page, inject('baseURL'), next, MIA);

      // Her change offline; meanwhile her right is taken on A, and A changes the same Ort.
      await openPerson(c.page);
      await c.setOffline(true);
      await saveOrt(c.page, 'Offlinedorf', 'Umzug, offline erfasst');
      await openSection(a.page, 'Einstellungen');
      await a.page.getByRole('button', { name: 'Benutzer „mia“ bearbeiten' }).click();
      const edit = a.page.getByRole('dialog', { name: 'Benutzer „mia“ bearbeiten' });
      await edit.getByRole('checkbox', { name: 'Personen bearbeiten' }).uncheck();
      await edit.getByRole('button', { name: 'Speichern' }).click();
      await expect(edit).toBeHidden();
      await openPerson(a.page);
      await saveOrt(a.page, 'Amtsstadt', 'Anschrift laut Amt');
      await openPerson(b.page);
      await expect(b.page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Amtsstadt');

      // C back online: on A and B her version is held back beside A's, in a conflict.
      await c.setOffline(false);
      for (const { page } of [a, b]) {
        await vitestExpect.poll(() => status(page), SYNCED).toContain('1 Änderung zurückgehalten');
        await vitestExpect.poll(() => status(page), SYNCED).toContain('Konflikt');
      }
      await expect(b.page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Amtsstadt');

      // A resolves: her version is named, not offered; A's is kept.
      await a.page.getByRole('button', { name: 'Konflikt lösen' }).click();
      const dialog = a.page.getByRole('dialog', { name: 'Konflikt lösen' });
      await expect(dialog.getByRole('note')).toContainText('mia');
      await dialog.getByRole('button', { name: 'Weiter' }).click();
      const reason = a.page.getByRole('dialog', { name: 'Änderung begründen' });
      await reason.getByRole('textbox', { name: 'Kommentar' }).fill('Konflikt gelöst, Amt maßgeblich');
      await reason.getByRole('button', { name: 'Bestätigen' }).click();
      await expect(reason).toBeHidden();

      // B, which did not resolve it, and A: no conflict, nothing warned of; the change listed as dropped.
      for (const { page } of [b, a]) {
        await vitestExpect.poll(() => status(page), SYNCED).not.toContain('Konflikt');
        await vitestExpect.poll(() => status(page), SYNCED).not.toContain('zurückgehalten');
        await expect(syncStatus(page)).toContainText('synchronisiert');
        await openSection(page, 'Einstellungen');
        const held = page.getByRole('region', { name: 'Zurückgehaltene Änderungen' });
        const row = held.getByRole('row').filter({ hasText: 'verworfen, als der Konflikt gelöst wurde' });
        await expect(row).toHaveCount(1);
        await expect(row).toContainText('Verworfen');
        await expect(held.getByRole('button', { name: 'Zur Kenntnis genommen' })).toHaveCount(0);
      }
      // The administrator's list names the person as the member's own list does: the kind of record,
      // their name linked, the document's id under it.
      const held = b.page.getByRole('region', { name: 'Änderungen anderer Geräte' });
      const [, kind, doc] = await held.getByRole('row').filter({ hasText: 'verworfen' }).getByRole('cell').all();
      await expect(kind).toHaveText('Person');
      vitestExpect(await doc.innerText()).toMatch(/^Verworfen, Vera\s+persons:\S+$/);
      await held.scrollIntoViewIfNeeded();
      await screenshot(b.page, 'sync-held-back-dropped-1024');
      await b.page.setViewportSize({ width: 390, height: 844 });
      await held.scrollIntoViewIfNeeded();
      await screenshot(b.page, 'sync-held-back-dropped-390');
      vitestExpect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    },
    SLOW,
  );
});
