/**
 * A member told which of her own changes the team does not take over, in the browser, on the real
 * sync server: Mia's device (B) is offline when the administrator takes her right to edit persons
 * on A; she changes a person meanwhile. Back online, A holds her change back — and B, once the
 * rights change reached it, names it: the person, the field, why; counted in the header like the
 * changes held back. A, an administrator's device, writes its version over hers (sync/writeOver.ts):
 * B applies it, and the row says by whom — B too shows the team's value.
 */
import { describe, expect as vitestExpect, inject, it } from 'vitest';
import { expect, rawTable, screenshot } from './helpers';
import {
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
const BOOK = 'book-own-held-back';
const SLOW = 240_000;

describe('a member’s own change the team holds back', () => {
  it(
    'her device names the person whose change made offline after her right was taken is not taken over',
    async () => {
      // A: the administrator's book with one person, connected; Mia may edit persons, and joins on B.
      const a = await openDevice();
      await adminBook(a.page, server(), BOOK, inject('baseURL'), { Vorname: 'Vera', Name: 'Vorher' });
      const code = await inviteMia(a.page, server(), BOOK);
      const b = await openDevice();
      await joinWithCode(b.page, inject('baseURL'), code, MIA);

      // B opens the person (its form's lazy parts loaded), then its network goes.
      await b.page.getByRole('link', { name: /Vorher/ }).click();
      await expect(b.page.getByRole('heading', { name: 'Geschäftsvorfälle' })).toBeVisible();
      await b.setOffline(true);
      await expect(syncStatus(b.page)).toContainText('offline');

      // A takes her right; it reaches the server, not B.
      await a.page.getByRole('button', { name: 'Benutzer „mia“ bearbeiten' }).click();
      const edit = a.page.getByRole('dialog', { name: 'Benutzer „mia“ bearbeiten' });
      await edit.getByRole('checkbox', { name: 'Personen bearbeiten' }).uncheck();
      await edit.getByRole('button', { name: 'Speichern' }).click();
      await expect(edit).toBeHidden();
      await expect(syncStatus(a.page)).toContainText('synchronisiert');

      // Mia, offline and not yet knowing, changes the person; then B is online again.
      await saveOrt(b.page, 'Offlinedorf', 'Umzug, offline erfasst');
      await b.setOffline(false);

      // A holds her change back and keeps its own value.
      await vitestExpect
        .poll(
          async () =>
            (await rawTable(a.page, 'quarantine').rows<{ docId: string }>()).filter((q) =>
              q.docId.startsWith('persons:'),
            ).length,
          SYNCED,
        )
        .toBe(1);
      await a.page.getByRole('link', { name: 'Personen', exact: true }).click();
      await a.page.getByRole('link', { name: /Vorher/ }).click();
      await expect(a.page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Anfangsdorf');

      // B: counted in the header like the changes held back, and linked to their list.
      await vitestExpect.poll(() => syncStatus(b.page).innerText(), SYNCED).toContain('1 Änderung zurückgehalten');
      // The rights notice above every screen says where they are named.
      const told = b.page.getByRole('status').filter({ hasText: 'seit Ihrer Anmeldung Rechte entzogen' });
      await expect(told).toContainText('welche, nennt Einstellungen → Synchronisation');
      await syncStatus(b.page).click();
      const own = b.page.getByRole('region', { name: 'Ihre Änderungen, die das Team nicht übernimmt' });
      await expect(own).toContainText('Bis der hier ankommt, steht auf diesem Gerät noch Ihr Stand.');
      const row = own.getByRole('row').filter({ hasText: 'Vorher' });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('geändert: Ort');
      await expect(row).toContainText('im Team nicht übernommen: sein Autor mia darf Personen nicht ändern');
      // What she reads first: what kind of record, and whose — the person's name, linked; the raw
      // id (what the administrator's list shows too) only under it, in small type.
      const [, kind, doc] = await row.getByRole('cell').all();
      await expect(kind).toHaveText('Person');
      await expect(doc.getByRole('link', { name: 'Vorher, Vera' })).toBeVisible();
      vitestExpect(await doc.innerText()).toMatch(/^Vorher, Vera\s+persons:\S+$/);
      const fontSize = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
      const nameSize = await doc.getByRole('link').evaluate(fontSize);
      const idSize = await doc.getByText(/^persons:/).evaluate(fontSize);
      vitestExpect(idSize).toBeLessThan(nameSize);
      // The other devices' changes held back here are a list of their own, under their own heading:
      // its "Keine." is not read as part of hers.
      const others = b.page.getByRole('region', { name: 'Änderungen anderer Geräte' });
      await expect(others).toContainText('Keine.');
      await expect(others).not.toContainText('Vorher');
      await expect(own).not.toContainText('Keine.');
      // A's version, written over hers, arrives: the row says so.
      await vitestExpect
        .poll(() => row.innerText(), SYNCED)
        .toContain('von admin überschrieben – auch hier gilt jetzt der Stand des Teams');
      await own.scrollIntoViewIfNeeded();
      await screenshot(b.page, 'sync-own-held-back');
      // On a phone the list is one block of lines per change, nothing scrolls sideways.
      await b.page.setViewportSize({ width: 390, height: 844 });
      await own.scrollIntoViewIfNeeded();
      await screenshot(b.page, 'sync-own-held-back-390');
      await others.scrollIntoViewIfNeeded();
      await screenshot(b.page, 'sync-own-held-back-lists-390');
      vitestExpect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await b.page.setViewportSize({ width: 1024, height: 768 });

      // B too shows the team's value now.
      await b.page.getByRole('link', { name: 'Personen', exact: true }).click();
      await b.page.getByRole('link', { name: /Vorher/ }).click();
      await expect(b.page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Anfangsdorf');
    },
    SLOW,
  );
});
