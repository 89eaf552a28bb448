/**
 * Anfragen (Art. 12(3), 15–21) and Datenpannen (Art. 33) in the browser: an overdue request is
 * shown as such, extended and closed; a breach known 70 hours ago has about 2 hours left.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import {
  createPerson,
  expect,
  screenshot,
  seedPersonsRaw,
  seriousViolations,
  setUpAdministrator,
  signIn,
  useBrowser,
  resize,
} from './helpers';

const browser = useBrowser();

/** Dates in the page's time zone (Europe/Berlin), which need not be the test runner's. */
async function pageDate(page: Page, daysAgo: number): Promise<string> {
  return page.evaluate((d) => {
    const t = new Date(Date.now() - d * 86_400_000);
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
  }, daysAgo);
}
async function pageDateTime(page: Page, hoursAgo: number): Promise<string> {
  return page.evaluate((h) => {
    const t = new Date(Date.now() - h * 3_600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:${p(t.getMinutes())}`;
  }, hoursAgo);
}

describe('Anfragen and Datenpannen', () => {
  it('a request received 40 days ago is overdue; it is extended, then done', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, {
      Vorname: 'Anna',
      Name: 'Zimmermann',
      Ort: 'Köln',
      'E-Mail': 'anna.zimmermann@example.org',
    });
    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Anfragen', level: 1 })).toBeVisible();
    await expect(page.getByText('Art. 12 Abs. 3 DSGVO', { exact: false })).toBeVisible();
    check(await seriousViolations(page), 'Anfragen, empty').toEqual([]);

    await page.getByRole('button', { name: 'Neue Anfrage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neue Anfrage' });
    // Nothing chosen: refused in role=alert.
    await dialog.getByRole('button', { name: 'Anfrage erfassen' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Person');
    await dialog.getByRole('searchbox', { name: 'Person suchen' }).fill('Zimmer');
    await dialog.getByRole('radio', { name: /Zimmermann, Anna/ }).check();
    await dialog.getByRole('combobox', { name: 'Art' }).selectOption({ label: 'Auskunft' });
    await dialog.getByLabel('Eingangsdatum').fill(await pageDate(page, 40));
    await dialog.getByRole('textbox', { name: 'Notiz' }).fill('Schriftlich per Post');
    check(await seriousViolations(page), 'Neue Anfrage dialog').toEqual([]);
    await screenshot(page, 'requests-dialog-1024');
    await dialog.getByRole('button', { name: 'Anfrage erfassen' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row', { name: /Zimmermann, Anna/ });
    await expect(row).toContainText('Auskunft');
    await expect(row).toContainText('überfällig seit');
    await expect(page.getByText('davon 1 überfällig')).toBeVisible();
    check(await seriousViolations(page), 'Anfragen, overdue row').toEqual([]);
    await screenshot(page, 'requests-overdue-1024');
    await resize(page, { width: 390, height: 844 });
    await row.getByRole('button', { name: /Details/ }).click();
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'requests-overdue-390');
    check(await seriousViolations(page), 'Anfragen 390, details').toEqual([]);
    await row.getByRole('button', { name: /Details/ }).click();
    // A tablet upright: the row with its details open fits — no button cut off at the table's edge
    // (as a table, the opened details widened it past 768 px: "Deta…", "Details schlie…").
    await resize(page, { width: 768, height: 1024 });
    await row.getByRole('button', { name: /Details/ }).click();
    await expect(page.getByRole('button', { name: 'Frist verlängern' })).toBeVisible();
    const cut = await page.evaluate(() => {
      const table = document.querySelector('.requests-table')!;
      const region = (table.closest('.table-wrap') ?? table).getBoundingClientRect();
      return [...table.querySelectorAll('button, a')]
        .filter((el) => el.getBoundingClientRect().right > Math.min(region.right, window.innerWidth) + 0.5)
        .map((el) => el.textContent);
    });
    check(cut, 'controls cut off at 768 px').toEqual([]);
    await screenshot(page, 'requests-details-768');
    await row.getByRole('button', { name: /Details/ }).click();
    await resize(page, { width: 1024, height: 768 });

    // Extension by two months (from receipt): no longer overdue.
    await row.getByRole('button', { name: /Details/ }).click();
    await page.getByRole('button', { name: 'Frist verlängern' }).click();
    const extend = page.getByRole('dialog', { name: 'Frist verlängern' });
    await extend.getByRole('radio', { name: 'um zwei Monate' }).check();
    await extend.getByRole('button', { name: 'Verlängern' }).click();
    await expect(extend.getByRole('alert')).toContainText('Begründung');
    await extend.getByRole('textbox', { name: 'Begründung' }).fill('Umfangreiche Unterlagen aus dem Archiv');
    check(await seriousViolations(page), 'Frist verlängern dialog').toEqual([]);
    await extend.getByRole('button', { name: 'Verlängern' }).click();
    await expect(extend).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Frist verlängert bis' })).toBeVisible();
    await expect(row).toContainText('noch');
    await expect(row).toContainText('+2 Mon.');
    check(await row.innerText()).not.toContain('überfällig');
    await expect(page.getByText('Umfangreiche Unterlagen aus dem Archiv', { exact: false })).toBeVisible();

    // Done: closed, and gone from the open list after a filter change.
    await page.getByRole('button', { name: 'Erledigt', exact: true }).click();
    await expect(row).toContainText('erledigt');
    await expect(page.getByRole('button', { name: 'Wieder öffnen' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Anzeigen' }).selectOption('all');
    await expect(page.getByRole('row', { name: /Zimmermann, Anna/ })).toContainText('abgeschlossen am');
    await page.getByRole('combobox', { name: 'Anzeigen' }).selectOption('open');
    await expect(page.getByText('Keine offenen Anfragen.')).toBeVisible();

    // The link from the request leads to the person.
    await page.getByRole('combobox', { name: 'Anzeigen' }).selectOption('all');
    await page
      .getByRole('row', { name: /Zimmermann, Anna/ })
      .getByRole('link', { name: 'Zimmermann, Anna' })
      .click();
    await expect(page.getByRole('heading', { name: 'Zimmermann, Anna', level: 1 })).toBeVisible();
  });

  it('a request from someone not in the book is registered by name, with its deadline', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    await page.getByRole('button', { name: 'Neue Anfrage' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neue Anfrage' });
    await dialog.getByRole('searchbox', { name: 'Person suchen' }).fill('Muster');
    await expect(dialog.getByText('Keine Person gefunden.')).toBeVisible();
    await dialog.getByRole('radio', { name: /Nicht im Bestand/ }).check();
    // Without a name: refused at the field.
    await dialog.getByRole('button', { name: 'Anfrage erfassen' }).click();
    await expect(dialog.getByText('Bitte den Namen der anfragenden Person angeben.')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name der anfragenden Person' }).fill('Max Muster');
    await dialog.getByRole('textbox', { name: 'Anschrift oder E-Mail für die Antwort' }).fill('max.muster@example.org');
    await dialog.getByLabel('Eingangsdatum').fill(await pageDate(page, 3));
    check(await seriousViolations(page), 'Neue Anfrage, not in the book').toEqual([]);
    await screenshot(page, 'request-outside-1024');
    await dialog.getByRole('button', { name: 'Anfrage erfassen' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row', { name: /Max Muster/ });
    await expect(row).toContainText('nicht im Bestand');
    await expect(row).toContainText('Auskunft');
    await expect(row.getByRole('link')).toHaveCount(0);
    await row.getByRole('button', { name: /Details/ }).click();
    await expect(page.getByText('max.muster@example.org')).toBeVisible();
    // Answered: nothing is stored about him.
    await page.getByRole('button', { name: 'Erledigt', exact: true }).click();
    await expect(row).toContainText('erledigt');
  });

  it('a breach known 70 hours ago shows about 2 hours left; the notification is recorded', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // Datenpannen have their own place in the navigation (no longer a tab under Anfragen).
    await page.getByRole('navigation').getByRole('link', { name: 'Datenpannen', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Datenpannen', level: 1 })).toBeVisible();
    await expect(page.getByRole('tab')).toHaveCount(0);
    await expect(page.getByText('Art. 33 DSGVO', { exact: false })).toBeVisible();

    await page.getByRole('button', { name: 'Neue Datenpanne' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neue Datenpanne' });
    // Every problem at once, each at its own field.
    await dialog.getByLabel('Bekannt geworden am').fill(await pageDateTime(page, -5));
    await dialog.getByRole('button', { name: 'Datenpanne erfassen' }).click();
    await expect(dialog.getByRole('alert')).toHaveCount(2);
    await expect(dialog.getByLabel('Bekannt geworden am')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('textbox', { name: 'Beschreibung' })).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByText('Der Zeitpunkt darf nicht in der Zukunft liegen.')).toBeVisible();
    await expect(dialog.getByText('Bitte die Datenpanne beschreiben.')).toBeVisible();
    await dialog.getByLabel('Bekannt geworden am').fill(await pageDateTime(page, 70));
    await dialog.getByRole('textbox', { name: 'Beschreibung' }).fill('Laptop mit Kundendaten im Zug verloren');
    await dialog.getByRole('textbox', { name: 'Betroffene Datenkategorien' }).fill('Name, Anschrift, E-Mail');
    await dialog.getByRole('spinbutton', { name: 'Zahl der betroffenen Personen' }).fill('120');
    await dialog
      .getByRole('textbox', { name: 'Ergriffene Maßnahmen' })
      .fill('Fernlöschung ausgelöst, Passwörter geändert');
    check(await seriousViolations(page), 'Neue Datenpanne dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Datenpanne erfassen' }).click();
    await expect(dialog).toBeHidden();

    const card = page.getByRole('article', { name: /Datenpanne, bekannt seit/ }).filter({ hasText: 'Laptop' });
    // 72 − 70 hours: "noch 1 Std. 59 Min." or "noch 2 Std. 00 Min.".
    await expect(card).toContainText('Meldefrist: noch');
    const clock = (await card.innerText()).match(/noch (\d+) Std\. (\d+) Min\./);
    check(clock, await card.innerText()).not.toBeNull();
    const minutesLeft = Number(clock![1]) * 60 + Number(clock![2]);
    check(minutesLeft).toBeGreaterThanOrEqual(115);
    check(minutesLeft).toBeLessThanOrEqual(120);
    await expect(card).toContainText('120');
    check(await seriousViolations(page), 'Datenpannen').toEqual([]);
    await screenshot(page, 'breaches-1024');

    // A second one known 80 hours ago is overdue, in words.
    await page.getByRole('button', { name: 'Neue Datenpanne' }).click();
    await dialog.getByLabel('Bekannt geworden am').fill(await pageDateTime(page, 80));
    await dialog
      .getByRole('textbox', { name: 'Beschreibung' })
      .fill('Fehlversand einer Rundmail mit offenem Verteiler');
    await dialog.getByRole('button', { name: 'Datenpanne erfassen' }).click();
    await expect(dialog).toBeHidden();
    const late = page.getByRole('article').filter({ hasText: 'Fehlversand' });
    await expect(late).toContainText('überfällig seit');

    await card.getByRole('button', { name: 'Meldung an Aufsichtsbehörde erfassen' }).click();
    const notify = page.getByRole('dialog', { name: 'Meldung an Aufsichtsbehörde erfassen' });
    await notify.getByRole('button', { name: 'Erfassen' }).click();
    await expect(notify).toBeHidden();
    const notified = card;
    await expect(notified).toContainText('Meldung an Aufsichtsbehörde erfasst');
    check(await notified.innerText()).not.toContain('Meldefrist: noch');

    await resize(page, { width: 390, height: 844 });
    await screenshot(page, 'breaches-390');
    await page.getByRole('navigation').getByRole('link', { name: 'Anfragen', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Betroffenenanfragen' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Neue Anfrage' })).toBeVisible();
  });

  it('the whole database is exported as one JSON file with progress', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln' });
    // Two persons: the workers write every entry with its separator, the first one's cut in the file.
    await createPerson(page, { Vorname: 'Jonas', Name: 'Becker', Ort: 'Bonn' });
    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Alle Daten exportieren' })).toBeVisible();
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Gesamtexport starten (JSON)' }).click(),
    ]);
    check(d.suggestedFilename()).toMatch(/^datenexport-alle-\d{4}-\d{2}-\d{2}\.json$/);
    const { readFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync(await d.path(), 'utf8')) as {
      format: string;
      persons: { person: { lastName: string } }[];
    };
    check(doc.format).toBe('consentbook-export');
    check(doc.persons.map((p) => p.person.lastName).sort()).toEqual(['Becker', 'Zimmermann']);
    await expect(page.getByRole('status').filter({ hasText: '(Personen: 2)' })).toBeVisible();
    await page.getByRole('heading', { name: 'Alle Daten exportieren' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'requests-390');
    check(await seriousViolations(page), 'Anfragen 390').toEqual([]);
  });

  it('the whole-database export shows its progress and can be cancelled: no file, nothing logged', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // Enough persons that the export is still running when the cancel comes: the records are
    // read and opened in workers, which the CPU throttling below does not slow down — the page
    // hands out a page at a time, three ahead, so its own pace (a page a loop) is what is slowed.
    await seedPersonsRaw(page, 30_000);
    await page.reload();
    await signIn(page);
    // The sign-in sealed them; the directory is built from them after it: done before the page is
    // slowed down below (at 30 × a directory still building held the start button's click past 30 s).
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '30.000 Personen' })).toBeVisible();
    await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
    const start = page.getByRole('button', { name: 'Gesamtexport starten (JSON)' });
    await start.focus();
    let downloads = 0;
    page.on('download', () => downloads++);
    // The export is done in a blink: slow the page's CPU down so there is time to cancel it midway.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 30 });
    // By keyboard, as the cancel below: a click would wait for two stable frames of a slowed page.
    await page.keyboard.press('Enter');
    const cancel = page.getByRole('button', { name: 'Export abbrechen' });
    await expect(cancel).toBeFocused();
    await expect(page.getByText(/^[\d.]+ von 30\.000 Personen exportiert$/)).toBeVisible();
    await screenshot(page, 'export-progress-1024');
    // By keyboard (the cancel has the focus): a click waits for the button to be stable for two
    // frames, which a page this busy at 30 × may not draw for half a minute.
    await page.keyboard.press('Enter');
    // The cancel is given; the page may run at full speed again to show what came of it (at 30 ×
    // on a loaded machine the status took over 15 s to render).
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await expect(page.getByRole('status').filter({ hasText: 'Export abgebrochen' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Gesamtexport starten (JSON)' })).toBeFocused();
    check(downloads).toBe(0);
    await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Datenexport erstellt', exact: true })).toHaveCount(0);
  });
});
