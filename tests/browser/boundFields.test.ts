/**
 * Issue 15, finding 3 in the browser: a plain field changed beside a sealed record, straight in
 * IndexedDB (no key needed), makes the record fail to open — and the screen says so, naming table
 * and key, instead of showing the changed value or an empty page. So does a record put there
 * wholly in plain. A purpose, kept in plain, changed there is found at the next sign-in and logged.
 */
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  createUser,
  expect,
  rawTable,
  screenshot,
  setUpAdministrator,
  signIn,
  useBrowser,
} from './helpers';

const KIM = { name: 'kim', staffNumber: 'P-002', passphrase: 'kims lange passphrase' };

const browser = useBrowser();

describe('plain fields bound to their sealed record', () => {
  it('a person whose purpose was changed in IndexedDB is refused by name', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Lea', Name: 'Schulte', Ort: 'Ulm' });
    const id = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!);
    const backToPerson = async () => {
      await page.getByRole('link', { name: 'Protokoll' }).click();
      await expect(page.getByRole('heading', { name: 'Protokoll', level: 1 })).toBeVisible();
      // Within the app (a reload would sign out).
      await page.evaluate((personId) => (location.hash = `#/personen/${encodeURIComponent(personId)}`), id);
    };
    const alert = page.getByRole('alert');

    // A consent put in wholly in plain, "given", is refused as well, not shown as the person's.
    await rawTable(page, 'consents').put({
      id: 'planted-consent',
      personId: id,
      purposeIds: ['purpose-advertising'],
      status: 'given',
      givenAt: '2026-01-02',
      channel: 'written',
      text: 'nie gegeben',
    });
    await backToPerson();
    await expect(alert).toContainText('Der Datensatz planted-consent (Tabelle consents) lässt sich nicht öffnen');
    await rawTable(page, 'consents').delete('planted-consent');

    await rawTable(page, 'persons').update(id, { purposeId: 'purpose-advertising' });
    await backToPerson();
    await expect(alert).toContainText('lässt sich nicht öffnen');
    await expect(alert).toContainText(`Der Datensatz ${id} (Tabelle persons)`);
    await screenshot(page, 'sealed-record-refused-1024');
  });

  it('a purpose’s legal basis changed in IndexedDB is found at the next sign-in and logged by name', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // Kept in plain (no seal binds a purpose), tagged with a key of the book.
    await rawTable(page, 'purposes').update('purpose-advertising', { lawfulBasis: 'f', requiresConsent: false });
    await page.reload();
    await signIn(page);
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'Außerhalb der Anwendung geändert vorgefunden' });
    await expect(row).toContainText('Verwendungszweck „Werbung“');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'book-tags-found-1024');
  });
});

describe('the worklist flags, plain rows of their own', () => {
  it('a flag deleted in IndexedDB is found by the Prüfliste’s check, rewritten and logged', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // Held for Werbung (needs consent) without one: on "Einwilligung fehlt".
    await createPerson(page, { Vorname: 'Jonas', Name: 'Brandt' }, { purpose: 'Werbung', comment: 'Messe' });
    const id = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!);
    await rawTable(page, 'personStatus').delete(id);
    await page.reload();
    await signIn(page);
    await page.getByRole('link', { name: 'Prüfliste DSGVO' }).click();
    await page.getByRole('tab', { name: /Einwilligung fehlt/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'betroffene Personen: 1' })).toBeVisible();
    await expect(page.getByRole('tabpanel')).toContainText('Brandt');
    await screenshot(page, 'worklist-flags-repaired-1024');
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await expect(
      page.getByRole('row').filter({ hasText: 'abweichende Markierungen neu berechnet – Personen: 1' }),
    ).toBeVisible();
  });
});

describe('rights changed outside the app', () => {
  it('a member made administrator in IndexedDB keeps only what the app gave her until an administrator saves her', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await createUser(page, KIM, ['Personen bearbeiten']);
    const kim = (await rawTable(page, 'users').rows<{ id: string; name: string }>()).find((u) => u.name === 'kim')!;
    await rawTable(page, 'users').update(kim.id, { isAdmin: true, permissions: [] });
    await page.reload();
    await signIn(page, KIM);
    const withheld = page
      .getByRole('status')
      .filter({ hasText: 'Ihre Rechte wurden außerhalb der Anwendung geändert' });
    await expect(withheld).toBeVisible();
    await screenshot(page, 'rights-withheld-1024');
    // Not an administrator: no user is made here.
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('heading', { name: 'Benutzer und Gruppen' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Benutzer anlegen' })).toHaveCount(0);
    // What the app last gave her she keeps (her permission to edit persons, taken on disk too).
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Neue Person' })).toBeVisible();

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await signIn(page);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    const entry = page.getByRole('listitem', { name: 'kim' });
    await expect(entry).toContainText('Rechte außerhalb der Anwendung geändert');
    await entry.scrollIntoViewIfNeeded();
    await screenshot(page, 'rights-withheld-users-1024');
    await page.getByRole('button', { name: 'Benutzer „kim“ bearbeiten' }).click();
    const edit = page.getByRole('dialog', { name: 'Benutzer „kim“ bearbeiten' });
    await expect(edit).toContainText('Speichern gewährt sie so, wie sie hier stehen.');
    // As found, then as the app last saved them — kept with their tags, filled in by one button.
    const admin = edit.getByRole('checkbox', { name: 'Administrator' });
    const editing = edit.getByRole('checkbox', { name: 'Personen bearbeiten' });
    check(await admin.isChecked()).toBe(true);
    check(await editing.isChecked()).toBe(false);
    await screenshot(page, 'rights-withheld-dialog-1024');
    await edit.getByRole('button', { name: 'Zuletzt in der App gespeicherte Rechte einsetzen' }).click();
    await expect(edit.getByRole('status')).toHaveText(
      'Die zuletzt in der App gespeicherten Rechte sind eingesetzt. Speichern gewährt sie.',
    );
    check(await editing.isChecked()).toBe(true);
    check(await admin.isChecked()).toBe(false);
    await screenshot(page, 'rights-withheld-dialog-kept-1024');
    await edit.getByRole('button', { name: 'Speichern' }).click();
    await expect(edit).toBeHidden();
    await expect(entry.getByText('Rechte außerhalb der Anwendung geändert')).toHaveCount(0);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await signIn(page, KIM);
    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('heading', { name: 'Benutzer und Gruppen' })).toBeVisible();
    await expect(withheld).toHaveCount(0);
    // Her right to edit persons is hers again.
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Neue Person' })).toBeVisible();
  });
});
