/**
 * Keyboard alone (a tablet with a keyboard case, a screen reader): a person is created and the
 * reason dialog confirmed without a pointer; Escape cancels a dialog and focus returns to where it
 * was; the person list is moved through with the arrow keys.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { expect, seedPersonsRaw, setUpAdministrator, signIn, useBrowser } from './helpers';

const browser = useBrowser();

/** The accessible label of the focused control. */
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    const label = el.labels?.length ? el.labels[0].textContent : null;
    return (label ?? el.getAttribute('aria-label') ?? el.textContent).trim();
  });

async function tabTo(page: Page, label: string): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedLabel(page);
    passed.push(now);
    if (now === label) return passed;
  }
  throw new Error(`Tab never reached ${label}: ${passed.join(' → ')}`);
}

describe('keyboard alone', () => {
  it('creates a person and confirms the reason dialog without a pointer', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await page.getByRole('button', { name: 'Neue Person' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Neue Person', level: 1 })).toBeVisible();

    // Tab order follows the screen: Vorname, then Name.
    await tabTo(page, 'Vorname');
    await page.keyboard.type('Anna');
    await page.keyboard.press('Tab');
    check(await focusedLabel(page)).toBe('Name');
    await page.keyboard.type('Adler');
    // Where the focus is when the dialog is first in the page (a MutationObserver's callback runs
    // right after the commit that inserted it, before anything is painted or a key is handled).
    await page.evaluate(() => {
      const seen = window as unknown as { focusAtDraw?: string };
      new MutationObserver((_, observer) => {
        const drawn = document.querySelector('[role="dialog"]');
        if (!drawn) return;
        observer.disconnect();
        seen.focusAtDraw = drawn.contains(document.activeElement) ? 'in the dialog' : 'behind it';
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.keyboard.press('Enter');

    const dialog = page.getByRole('dialog', { name: 'Änderung begründen' });
    await expect(dialog).toBeVisible();
    // The focus moves in with the dialog's first drawing: a key pressed as soon as it shows is the
    // dialog's (under load, one pressed between its drawing and a later focus went to the form).
    check(await page.evaluate(() => (window as unknown as { focusAtDraw?: string }).focusAtDraw)).toBe('in the dialog');
    // Escape cancels; focus returns to the field Enter was pressed in.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    check(await focusedLabel(page)).toBe('Name');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    check(await focusedLabel(page)).toBe('Verwendungszweck');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    check(await focusedLabel(page)).toBe('Kommentar');
    await page.keyboard.type('Kunde am Telefon');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Adler, Anna', level: 1 })).toBeVisible();
  });

  it('moves through the person list with the arrow keys', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedPersonsRaw(page, 60);
    await page.reload();
    await signIn(page);
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByText('60 Personen', { exact: true })).toBeVisible();
    const position = () =>
      page.evaluate(() => document.activeElement?.closest('li.row')?.getAttribute('aria-posinset') ?? null);
    await page.locator('.list-body li.row a').first().focus();
    check(await position()).toBe('1');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
    await check.poll(position).toBe('21');
    await page.keyboard.press('ArrowUp');
    await check.poll(position).toBe('20');
    // A held-down key repeats faster than frames: 20 presses in one task, before the rows they
    // ask for are rendered, still move 20 rows.
    check(await page.locator('li.row[aria-posinset="40"]').count()).toBe(0);
    await page.evaluate(() => {
      for (let i = 0; i < 20; i++) {
        const init = { key: 'ArrowDown', bubbles: true, cancelable: true };
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', init));
      }
    });
    await check.poll(position).toBe('40');
    await page.keyboard.press('ArrowUp');
    await check.poll(position).toBe('39');
    // Presses whose rows are not rendered yet, then the user goes to the search field: the rows,
    // once rendered, do not take the focus back.
    await page.evaluate(() => {
      for (let i = 0; i < 15; i++) {
        const init = { key: 'ArrowDown', bubbles: true, cancelable: true };
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', init));
      }
      document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await check.poll(() => page.locator('li.row[aria-posinset="54"]').count()).toBe(1);
    check(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    await page.locator('li.row[aria-posinset="54"] a').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Speichern' })).toBeVisible();
  });
});
