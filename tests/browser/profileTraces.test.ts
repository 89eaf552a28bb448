/**
 * No personal data left in the browser profile (issue 15, finding 1). Chromium runs with a
 * persistent profile directory, as a real installation does; a person is typed into every
 * personal field, saved with a reason comment, searched for, opened again, given an Auskunft
 * (a real download, whose name Chromium keeps in its History) and erased. After the
 * browser is closed, EVERY file of the profile — autofill (`Web Data`), session restore
 * (`Sessions/`, `Current Session`), `History`, `Preferences`, caches, Local Storage, IndexedDB
 * (sealed) — is scanned as UTF-8 and UTF-16LE for each value: none may be found.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect as check, inject, it, vi } from 'vitest';
import { BROWSER_ARGS, CHROMIUM, expect, seedController, setUpAdministrator, STEP_TIMEOUT } from './helpers';

const PERSON: [label: string, value: string][] = [
  ['Titel', 'Dr. Zwirbelquast'],
  ['Vorname', 'Xylofinja'],
  ['Name', 'Quabbelmoor'],
  ['Straße', 'Brombeerzwinger 47'],
  ['PLZ', '98713'],
  ['Ort', 'Wurzelhausen'],
  ['Land', 'Quokkanien'],
  ['Telefon', '+49 171 9283746'],
  ['Telefax', '+49 30 8172635'],
  ['E-Mail', 'xylofinja@quabbelmoor.example'],
  ['Weitere Nummer 1', '+49 151 5647382'],
  ['IBAN', 'DE02 1203 0000 0000 2020 51'],
  ['Kontoinhaber', 'Kontohalterin Xylofinja'],
  ['Firma', 'Zwirnerei Pfauenauge'],
  ['Position', 'Oberzwirnmeisterin'],
  ['Notiz', 'Mag Schnabeltassen mit Lavendel'],
];
const COMMENT = 'Anruf wegen Pfirsichmarmelade';
const ERASE_COMMENT = 'Loeschwunsch Zitronenfalter';
const SEARCH = 'Quabbelm';

/** Every value, and the forms a program might keep it in (lowercased, without spaces). */
function needles(): string[] {
  const values = [...PERSON.map(([, v]) => v), COMMENT, ERASE_COMMENT, SEARCH];
  const forms = values.flatMap((v) => [v, v.toLowerCase(), v.replace(/\s+/g, '')]);
  // Short digit runs (the postal code) would match unrelated numbers in binary files.
  return [...new Set(forms)].filter((v) => v.length >= 8);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return e.isFile() ? [path] : [];
  });
}

const profile = mkdtempSync(join(tmpdir(), 'consentbook-profile-'));
const downloads = mkdtempSync(join(tmpdir(), 'consentbook-downloads-'));
afterAll(() => {
  rmSync(profile, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

describe('the browser profile after a person was entered and erased', () => {
  it('holds none of their values in any file', async () => {
    let downloadName = '';
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: BROWSER_ARGS,
      viewport: { width: 1024, height: 768 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(STEP_TIMEOUT);
      await setUpAdministrator(page, inject('baseURL'));
      // Documents need a controller first (issue 16): entered beforehand, so the Auskunft downloads.
      await seedController(page);

      await page.getByRole('button', { name: 'Neue Person' }).click();
      // Until the route change renders the form, "Art" is the list filter's (as in layout.test.ts:
      // setting that left the new person's route, and "Privat" was waited for in vain under load).
      await expect(page.getByRole('heading', { name: 'Neue Person', level: 1 })).toBeVisible();
      await page.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Kunde' });
      await page.getByRole('checkbox', { name: 'Privat' }).check();
      await page.getByRole('button', { name: 'Weitere Telefonnummer hinzufügen' }).click();
      for (const [label, value] of PERSON) await page.getByRole('textbox', { name: label, exact: true }).fill(value);
      await page.getByRole('button', { name: 'Speichern' }).click();
      const reason = page.getByRole('dialog', { name: 'Änderung begründen' });
      await reason.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: 'Vertraglicher Zweck' });
      await reason.getByRole('textbox', { name: 'Kommentar' }).fill(COMMENT);
      await reason.getByRole('button', { name: 'Bestätigen' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();

      // Found through the list's search, opened again.
      await page.getByRole('link', { name: 'Personen', exact: true }).click();
      await page.getByRole('searchbox', { name: 'Suchen' }).fill(SEARCH);
      await page.getByRole('link', { name: /Quabbelmoor, Xylofinja/ }).click();
      await expect(page.getByRole('textbox', { name: 'Ort', exact: true })).toHaveValue('Wurzelhausen');

      // An Auskunft, downloaded as Chromium itself downloads (not Playwright's interception, which
      // saves under a random name): the file goes to a folder outside the profile, its name into
      // the History — so the name carries the date and a neutral reference only.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
      await page.getByRole('button', { name: 'Auskunft (PDF)', exact: true }).click();
      downloadName = await vi.waitFor(
        () => {
          const done = readdirSync(downloads).find((n) => n.endsWith('.pdf'));
          if (!done) throw new Error('no finished download yet');
          return done;
        },
        { timeout: 30_000, interval: 200 },
      );
      check(downloadName).toMatch(/^auskunft-\d{4}-\d{2}-\d{2}-[a-z0-9]{8}\.pdf$/);
      check(readFileSync(join(downloads, downloadName)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // Erased (the deletion flow asks for a reason: a natural person).
      await page.getByRole('button', { name: 'Löschen', exact: true }).click();
      const erase = page.getByRole('dialog', { name: 'Person löschen' });
      await erase.getByRole('textbox', { name: 'Kommentar' }).fill(ERASE_COMMENT);
      await erase.getByRole('button', { name: 'Löschen', exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Die Person wurde gelöscht.' })).toBeVisible();
      await page.getByRole('link', { name: 'Personen', exact: true }).click();
    } finally {
      await context.close();
    }

    const files = filesUnder(profile);
    check(files.some((f) => f.endsWith('Web Data'))).toBe(true);
    const hits: string[] = [];
    for (const file of files) {
      if (statSync(file).size === 0) continue;
      const bytes = readFileSync(file);
      for (const needle of needles())
        for (const encoding of ['utf8', 'utf16le'] as const)
          if (bytes.includes(Buffer.from(needle, encoding)))
            hits.push(`${file.slice(profile.length + 1)}: "${needle}" (${encoding})`);
    }
    check(hits).toEqual([]);
    // The download's name is kept by Chromium (so a name in it would have been found above).
    const keeping = files.filter((f) => readFileSync(f).includes(Buffer.from(downloadName, 'utf8')));
    check(keeping.map((f) => f.slice(profile.length + 1))).toContain('Default/History');
  });
});
