/**
 * Members of a team in the browser (issue 20, "Show"), three devices on the real sync server: a
 * member added on A (Einstellungen → Benutzer anlegen) signs in on a new device C, which joined by
 * invitation, and reads the book with an account of her own; removed on A ("Aus dem Team
 * entfernen"), C is refused by the server and the book's key epoch 2 reaches A and B, granted to
 * the remaining member only; a member who manages users but is no administrator is not offered
 * removing one, nor changing or deleting an administrator. The cases share one server and team,
 * in order.
 */
import type { Page } from 'playwright-core';
import { describe, expect as vitestExpect, inject, it } from 'vitest';
import { createPerson, createUser, expect, openSection, rawTable, screenshot, signIn } from './helpers';
import {
  invite,
  joinWithCode,
  syncStatus,
  useDevices,
  useSyncServer,
  MIA,
  SYNCED,
  type Device,
  adminBook,
  inviteMia,
} from './syncHelpers';

const server = useSyncServer();
const openDevice = useDevices();
const BOOK = 'book-members';
const SLOW = 240_000;
const VERW = { name: 'verw', passphrase: 'Verws eigene Passphrase' };

/** The device's key grants: for each epoch, the members it is granted to. */
async function grantsPerEpoch(page: Page): Promise<Record<number, string[]>> {
  const grants = await rawTable(page, 'keyGrants').rows<{ epoch: number; userId: string }>();
  const members: Record<number, string[]> = {};
  for (const g of grants) (members[g.epoch] ??= []).push(g.userId);
  for (const ids of Object.values(members)) ids.sort();
  return members;
}

const counted = async (page: Page) =>
  Object.fromEntries(Object.entries(await grantsPerEpoch(page)).map(([epoch, ids]) => [epoch, ids.length]));

/**
 * A connects a book with one person and B joins it; both are the administrator's devices. A
 * connects with the server administrator, who may make and delete members' own accounts (README,
 * "Server accounts"; the book's own team account may not delete them).
 */
async function setUpTeam(): Promise<Record<'a' | 'b', Device> & { code: string }> {
  const a = await openDevice();
  await adminBook(a.page, server(), BOOK, inject('baseURL'), { Vorname: 'Vera', Name: 'Vorher' });
  const code = await invite(a.page);
  const b = await openDevice();
  await joinWithCode(b.page, inject('baseURL'), code);
  await expect(b.page.getByRole('link', { name: /Vorher/ })).toBeVisible();
  return { a, b, code };
}

let team: Promise<Record<'a' | 'b' | 'c', Device>> | undefined;

/** Einstellungen on A: Mia is added as a user who may edit persons; C joins and she signs in there. */
async function withMember(): Promise<Record<'a' | 'b' | 'c', Device>> {
  const { a, b, code } = await setUpTeam();
  const next = await inviteMia(a.page, server(), BOOK, code);
  const c = await openDevice();
  await joinWithCode(c.page, inject('baseURL'), next, MIA);
  return { a, b, c };
}

/** The team with Mia signed in on C, set up by the first case (polling assertions run only inside a test). */
const devices = () => (team ??= withMember());

describe('members of a team on three devices', () => {
  it(
    'a member added on A signs in on C, which joined by invitation, and sees the book’s persons',
    async () => {
      const { a, b, c } = await devices();
      await expect(c.page.getByRole('link', { name: /Vorher/ })).toBeVisible();
      // C syncs with Mia's own server account: the invitation's is forgotten.
      await openSection(c.page, 'Einstellungen');
      await expect(c.page.getByText(/^Verbunden: /)).toContainText(`Datenbank ${BOOK}, Konto member-`);
      await expect(syncStatus(c.page)).toContainText('synchronisiert');
      // Every device holds epoch 1, granted to the administrator and Mia.
      for (const { page } of [a, b, c]) await vitestExpect.poll(() => counted(page), SYNCED).toEqual({ 1: 2 });
    },
    SLOW,
  );

  it(
    'the member removed on A can no longer sync on C, and the book’s key epoch advanced on A and B',
    async () => {
      const { a, b, c } = await devices();
      await openSection(a.page, 'Einstellungen');
      // Taking rights says beforehand what it sends again in the administrator's name.
      await a.page.getByRole('button', { name: 'Benutzer „mia“ bearbeiten' }).click();
      const edit = a.page.getByRole('dialog', { name: 'Benutzer „mia“ bearbeiten' });
      await expect(
        edit.getByText(/geht, was das Mitglied bis dahin damit geschrieben hat, in Ihrem Namen/),
      ).toBeVisible();
      await edit.getByRole('button', { name: 'Abbrechen' }).click();
      await a.page.getByRole('button', { name: 'mia aus dem Team entfernen' }).click();
      const dialog = a.page.getByRole('alertdialog', { name: 'Aus dem Team entfernen' });
      await dialog.getByRole('button', { name: 'Aus dem Team entfernen' }).click();
      // The removal talks to the server (the account ends) before the new epoch is written.
      const removed = a.page
        .getByRole('status')
        .filter({ hasText: 'Serverzugang beendet, Schlüssel-Epoche 2 begonnen.' });
      await vitestExpect.poll(() => removed.count(), SYNCED).toBe(1);
      // The Protokoll says what happened, not the record's fields; Mia's first sign-in on C tagged
      // that device's purposes and settings — a step of that device, said so, not a settings change.
      await openSection(a.page, 'Protokoll');
      const log = a.page.getByRole('table', { name: 'Protokoll' });
      const removal = log.getByText('Benutzer „mia“ aus dem Team entfernt (Serverzugang beendet, Schlüssel entzogen', {
        exact: false,
      });
      await expect(removal).toBeVisible();
      // Her creation stays "angelegt": one removal in the log.
      await expect(log.getByText('aus dem Team entfernt', { exact: false })).toHaveCount(1);
      await expect(
        log.getByRole('row').filter({ hasText: 'mia' }).filter({ hasText: 'Prüfwerte angelegt' }),
      ).toHaveCount(1);
      await removal.scrollIntoViewIfNeeded();
      await screenshot(a.page, 'sync-members-removal-logged');
      await openSection(a.page, 'Einstellungen');
      const onA = await grantsPerEpoch(a.page);
      vitestExpect(onA[2]).toHaveLength(1);
      const miaId = onA[1].find((id) => !onA[2].includes(id));
      vitestExpect(miaId).toBeTruthy();

      // B receives epoch 2, granted to the administrator alone; Mia is no longer active there.
      await vitestExpect.poll(() => grantsPerEpoch(b.page), SYNCED).toEqual(onA);
      await openSection(b.page, 'Einstellungen');
      const miaOnB = b.page.getByRole('listitem', { name: 'mia', exact: true });
      await vitestExpect.poll(() => miaOnB.innerText(), SYNCED).toMatch(/Aktiv\s+nein/);

      // C: the server refused Mia's account, and C says so in words: her access ended, what she
      // changes here no longer reaches the team, and a new invitation is what she needs.
      // Still "Fehler" first, as the UI contract names the header's states, then what it is.
      await vitestExpect.poll(() => syncStatus(c.page).innerText(), SYNCED).toContain('Fehler: Zugang beendet');
      const syncOnC = c.page.getByRole('region', { name: 'Synchronisation' });
      await expect(syncOnC).toContainText('Der Zugang dieses Geräts zum Server ist beendet');
      await expect(syncOnC).toContainText('aus dem Team entfernt, oder sein Passwort wurde geändert');
      const alert = syncOnC.getByRole('alert');
      await expect(alert).toContainText('Was Sie auf diesem Gerät ändern, erreicht das Team nicht mehr.');
      await expect(alert).toContainText('um eine neue Einladung');
      await alert.scrollIntoViewIfNeeded();
      await screenshot(c.page, 'sync-access-ended-1024');
      const onC = await grantsPerEpoch(c.page);
      vitestExpect(2 in onC ? onC[2] : []).not.toContain(miaId);

      // A person written on A after the removal reaches B but not C.
      await createPerson(a.page, { Vorname: 'Nora', Name: 'Nachher', Ort: 'Neustadt' });
      await b.page.getByRole('link', { name: 'Personen', exact: true }).click();
      await vitestExpect.poll(() => b.page.getByRole('link', { name: /Nachher/ }).count(), SYNCED).toBe(1);
      await c.page.getByRole('link', { name: 'Personen', exact: true }).click();
      await expect(c.page.getByRole('link', { name: /Vorher/ })).toBeVisible();
      await expect(c.page.getByRole('link', { name: /Nachher/ })).toHaveCount(0);
      await expect(syncStatus(c.page)).toContainText('Zugang beendet');
    },
    SLOW,
  );

  it(
    'a member who manages users but is no administrator is not offered removing one, nor changing an administrator, and is told why',
    async () => {
      const { b } = await devices();
      await openSection(b.page, 'Einstellungen');
      await createUser(b.page, { ...VERW, staffNumber: 'P-8' }, ['Benutzer verwalten']);
      await b.page.getByRole('button', { name: 'Abmelden' }).click();
      await signIn(b.page, VERW);
      await openSection(b.page, 'Einstellungen');
      // Removing sends every person again in the remover's name: administrators only.
      await expect(
        b.page.getByText(/Nur Administratoren entfernen Mitglieder aus einem synchronisierten Team/),
      ).toBeVisible();
      await expect(b.page.getByRole('button', { name: 'admin aus dem Team entfernen' })).toHaveCount(0);
      // Nor changing or deleting an administrator (rules/users.ts): the row says why instead.
      const admin = b.page.getByRole('listitem', { name: 'admin' });
      await expect(admin).toContainText('Nur ein Administrator kann Administratoren ernennen oder ändern.');
      await expect(admin.getByRole('button')).toHaveCount(0);
      // Their own record stays theirs to edit — without the administrator checkbox, which is not theirs to give.
      await b.page.getByRole('button', { name: 'Benutzer „verw“ bearbeiten' }).click();
      const own = b.page.getByRole('dialog', { name: 'Benutzer „verw“ bearbeiten' });
      await expect(own.getByRole('checkbox', { name: 'Benutzer verwalten' })).toBeVisible();
      await expect(own.getByRole('checkbox', { name: 'Administrator' })).toHaveCount(0);
      // Taking rights vouches for what was written, an administrator's device's work: said before anyone tries.
      await expect(
        own.getByText(/nehmen .* kann in einem synchronisierten Team nur eine Administratorin/),
      ).toBeVisible();
      await screenshot(b.page, 'sync-members-taking-rights-hint');
      await own.getByRole('button', { name: 'Abbrechen' }).click();
      await b.page.getByText(/Nur Administratoren entfernen Mitglieder/).scrollIntoViewIfNeeded();
      await screenshot(b.page, 'sync-members-remove-admins-only');
    },
    SLOW,
  );
});
