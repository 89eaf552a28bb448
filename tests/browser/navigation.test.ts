/**
 * Every section reachable at phone and tablet sizes: each link of the main navigation is on screen
 * (not scrolled away, not cut), opens its section, and no screen scrolls sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { expect, screenshot, setUpAdministrator, useBrowser } from './helpers';

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

/** Whether the element lies wholly inside the viewport (not cut, not scrolled away). */
async function whollyOnScreen(page: Page, name: string): Promise<boolean> {
  const link = page.getByRole('navigation').getByRole('link', { name, exact: true });
  const box = await link.boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

describe('navigation', () => {
  it('reaches all eight sections at 390, 768 and 1024 px, and no screen scrolls sideways', async () => {
    const { page } = await browser.newPage({ viewport: VIEWPORTS[0] });
    await setUpAdministrator(page, browser.baseURL());
    for (const vp of VIEWPORTS) {
      await page.setViewportSize(vp);
      for (const [link, heading] of SECTIONS) {
        check(await whollyOnScreen(page, link), `${link} on screen @ ${vp.name}`).toBe(true);
        await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
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
      await page.getByRole('navigation').getByRole('link', { name: 'Personen', exact: true }).click();
      await page.getByRole('button', { name: 'Neue Person' }).click();
      await expect(page.getByRole('textbox', { name: 'Vorname' })).toBeVisible();
      check(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await screenshot(page, `nav-${vp.name}-person-form`);
    }
  });
});
