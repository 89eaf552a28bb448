/**
 * Every section reachable at phone and tablet sizes: each link of the main navigation is on screen
 * (not scrolled away, not cut) — on a phone the less-used ones once "Menü" is open — opens its
 * section, and no screen scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { expect, openSection, screenshot, setUpAdministrator, useBrowser, resize } from './helpers';

const browser = useBrowser();

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet-portrait', width: 768, height: 1024 },
  { name: 'tablet-landscape', width: 1024, height: 768 },
];

/** Section link → the heading its screen shows. */
const SECTIONS: [string, string][] = [
  ['Übersicht', 'Übersicht'],
  ['Personen', 'Personen'],
  ['Prüfliste DSGVO', 'Prüfliste DSGVO'],
  ['Anfragen', 'Anfragen'],
  ['Datenpannen', 'Datenpannen'],
  ['Protokoll', 'Protokoll'],
  ['Verzeichnis', 'Verzeichnis'],
  ['Einstellungen', 'Einstellungen'],
];

/** On a phone, behind "Menü". */
const IN_MENU = ['Datenpannen', 'Protokoll', 'Verzeichnis', 'Einstellungen'];

/** Whether the element lies wholly inside the viewport (not cut, not scrolled away). */
async function whollyOnScreen(page: Page, name: string): Promise<boolean> {
  const nav = page.getByRole('navigation');
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await nav.getByRole('button', { name: 'Menü' }).click();
  const box = await link.boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

describe('navigation', () => {
  it('reaches all eight sections at 390, 768 and 1024 px, and no screen scrolls sideways', async () => {
    const { page } = await browser.newPage({ viewport: VIEWPORTS[0] });
    await setUpAdministrator(page, browser.baseURL());
    for (const vp of VIEWPORTS) {
      await resize(page, vp);
      for (const [link, heading] of SECTIONS) {
        check(await whollyOnScreen(page, link), `${link} on screen @ ${vp.name}`).toBe(true);
        await openSection(page, link);
        await expect(page.getByRole('heading', { level: 1 }).filter({ hasText: heading })).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        const [scrollWidth, innerWidth] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          window.innerWidth,
        ]);
        check(scrollWidth, `${link} @ ${vp.name}`).toBeLessThanOrEqual(innerWidth);
        await screenshot(page, `nav-${vp.name}-${link}`);
      }
      // The person form, too.
      await openSection(page, 'Personen');
      await page.getByRole('button', { name: 'Neue Person' }).click();
      await expect(page.getByRole('textbox', { name: 'Vorname' })).toBeVisible();
      check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await screenshot(page, `nav-${vp.name}-person-form`);
    }
  });

  it('on a phone: one bar of the everyday sections and Menü for the rest, which Escape closes', async () => {
    const { page } = await browser.newPage({ viewport: VIEWPORTS[0] });
    await setUpAdministrator(page, browser.baseURL());
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    const menu = nav.getByRole('button', { name: 'Menü' });
    for (const name of IN_MENU) await expect(nav.getByRole('link', { name, exact: true })).toBeHidden();
    // One row: every bar entry at the same height, at least 44 px high, labels at a readable size.
    const boxes = await nav.locator(':scope > ul > li > *').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, height: r.height, font: parseFloat(getComputedStyle(el).fontSize) };
      }),
    );
    check(boxes).toHaveLength(5);
    for (const b of boxes) {
      check(b.top).toBe(boxes[0].top);
      check(b.height).toBeGreaterThanOrEqual(44);
      check(b.font).toBeGreaterThanOrEqual(13);
    }
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'Protokoll', exact: true })).toBeVisible();
    await screenshot(page, 'nav-phone-menu-open');
    await page.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: 'Protokoll', exact: true })).toBeHidden();
    await expect(menu).toBeFocused();
    // A section behind the menu: the menu closes, and its current link says so when opened again.
    await openSection(page, 'Verzeichnis');
    await expect(nav.getByRole('link', { name: 'Verzeichnis', exact: true })).toBeHidden();
    await menu.click();
    await expect(nav.getByRole('link', { name: 'Verzeichnis', exact: true })).toHaveAttribute('aria-current', 'page');
    // A tap elsewhere closes it.
    await page.getByRole('heading', { level: 1 }).click();
    await expect(nav.getByRole('link', { name: 'Verzeichnis', exact: true })).toBeHidden();
  });
});
