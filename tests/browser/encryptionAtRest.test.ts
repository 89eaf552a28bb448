/**
 * Encryption at rest in the real browser: what Chromium's IndexedDB holds after a person was
 * entered through the form holds none of their values; after signing out and in again the list
 * (the directory, decrypted after sign-in) finds them again.
 */
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, screenshot, setUpAdministrator, signIn, useBrowser } from './helpers';

const browser = useBrowser();

const PERSON = {
  Vorname: 'Xaverine',
  Name: 'Quastenbrück',
  Straße: 'Zypressenpfad 97',
  PLZ: '99817',
  Ort: 'Wunsiedelbach',
  Telefon: '+49 171 9988776',
  'E-Mail': 'xaverine.q@quastenbrueck.example',
};

describe('encryption at rest', () => {
  it('IndexedDB holds no value typed into the form; the list finds the person after signing in again', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, PERSON, { purpose: 'Vertraglicher Zweck', comment: 'Anruf von Frau Quastenbrück' });

    const dump = await page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('consentbook');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error!);
      });
      const stores = [...db.objectStoreNames];
      const tx = db.transaction(stores, 'readonly');
      const parts = await Promise.all(
        stores.map(
          (name) =>
            new Promise<string>((resolve, reject) => {
              const req = tx.objectStore(name).getAll();
              // Bytes as Latin-1 text, so plain text inside them would show.
              req.onsuccess = () =>
                resolve(
                  `${name}: ${JSON.stringify(req.result, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : v))}`,
                );
              req.onerror = () => reject(req.error!);
            }),
        ),
      );
      db.close();
      return parts.join('\n');
    });
    check(dump).toContain('persons: [{');
    const utf8AsLatin1 = (s: string) => new TextDecoder('latin1').decode(new TextEncoder().encode(s));
    for (const value of [...Object.values(PERSON), 'quastenbr', 'xaverine', '9988776']) {
      check(dump, value).not.toContain(value);
      check(dump, value).not.toContain(utf8AsLatin1(value));
    }

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.reload();
    await signIn(page);
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('quasten wunsiedel');
    await expect(page.getByRole('link', { name: /Quastenbrück, Xaverine/ })).toBeVisible();
    await screenshot(page, 'encrypted-list-search');
  });
});
