/**
 * First start: the administrator's passphrase — which encrypts everything — is typed twice, its
 * strength shown, its loss explained; the sign-in remembers the last user name.
 */
import { describe, expect as check, it } from 'vitest';
import { ADMIN, expect, useBrowser } from './helpers';

const browser = useBrowser({ width: 390, height: 844 });

describe('first start and sign-in', () => {
  it('asks the passphrase twice, shows its strength, says a lost one cannot be recovered; sign-in remembers the user', async () => {
    const { page } = await browser.newPage();
    await page.goto(browser.baseURL());
    await page.getByLabel('Benutzer').fill(ADMIN.name);
    await page.getByLabel('Personalnummer').fill(ADMIN.staffNumber);
    await expect(page.getByText('kann niemand die Daten wiederherstellen')).toBeVisible();
    await expect(page.getByText('zweiten Administrator')).toBeVisible();

    const passphrase = page.getByLabel('Passphrase', { exact: true });
    await passphrase.fill('passwort1');
    await expect(page.getByText('Stärke: schwach')).toBeVisible();
    await passphrase.fill(ADMIN.passphrase);
    await expect(page.getByText('Stärke: stark')).toBeVisible();

    // A typo in the repeat is caught before anything is set up.
    await page.getByLabel('Passphrase wiederholen').fill('correct horse batery');
    await page.getByRole('button', { name: 'Einrichten' }).click();
    await expect(page.getByRole('alert')).toContainText('Die beiden Passphrasen stimmen nicht überein.');
    await expect(page.getByRole('button', { name: 'Einrichten' })).toBeVisible();

    await page.getByLabel('Passphrase wiederholen').fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Einrichten' }).click();
    await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();

    // Signing in again: the user name is there, only the passphrase is typed.
    await page.reload();
    await expect(page.getByLabel('Benutzer')).toHaveValue(ADMIN.name);
    await page.getByLabel('Passphrase').fill(ADMIN.passphrase);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('link', { name: 'Personen', exact: true })).toBeVisible();
  });

  it('shows the way to join a team only with the setup form, so it does not jump while the form loads', async () => {
    const { page } = await browser.newPage();
    // The setup form's code held back: what shows meanwhile is what a first tap could hit.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = false;
    await page.route(/\/SetupForm-[^/]*\.js$/, async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(browser.baseURL());
    await check.poll(() => asked).toBe(true);
    await expect(page.getByRole('status').filter({ hasText: 'Wird geladen' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Einem Team beitreten' })).toHaveCount(0);
    release();
    await expect(page.getByRole('button', { name: 'Einrichten' })).toBeVisible();
    await page.getByRole('button', { name: 'Einem Team beitreten' }).click();
    await expect(page.getByRole('textbox', { name: 'Einladung' })).toBeVisible();
  });
});
