/**
 * Keyboard alone: on every main screen (and the person form) the Tab order follows the screen —
 * the top bar, then the navigation, then the content; within the content from top to bottom (or
 * on to the next column to the right), never back up and to the left; every stop is visible. On a
 * phone the navigation is a bar at the bottom, and Tab reaches it after the content.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

const SCREENS = [
  'Übersicht',
  'Personen',
  'Prüfliste DSGVO',
  'Anfragen',
  'Datenpannen',
  'Protokoll',
  'Verzeichnis',
  'Einstellungen',
];

interface Stop {
  name: string;
  /** 0 before the top bar (the skip link), 1 the top bar, 2 the navigation, 3 the content. */
  region: number;
  top: number;
  left: number;
  right: number;
  visible: boolean;
}

/** The focused element, where it is in the page (not the viewport: the page scrolls while tabbing). */
const focusedStop = (page: Page): Promise<Stop | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const main = document.querySelector('main');
    const box = el.getBoundingClientRect();
    const scrolled = window.scrollY + (main?.contains(el) ? main.scrollTop : 0);
    const region = el.closest('main') ? 3 : el.closest('nav') ? 2 : el.closest('header') ? 1 : 0;
    const name = (el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 40);
    return {
      name: `${el.tagName.toLowerCase()} ${name}`,
      region,
      top: box.top + scrolled,
      left: box.left,
      right: box.right,
      visible: box.width > 0 && box.height > 0,
    };
  });

async function tabStops(page: Page, max = 45): Promise<Stop[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusedStop(page);
    // Back at the start: the whole page was passed.
    if (!stop || (stops.length > 0 && stop.region < stops[stops.length - 1].region)) break;
    stops.push(stop);
  }
  return stops;
}

function orderProblems(stops: Stop[]): string[] {
  const problems: string[] = [];
  stops.forEach((b, i) => {
    if (!b.visible) problems.push(`${b.name} is not visible`);
    if (i === 0) return;
    const a = stops[i - 1];
    if (a.region !== 3 || b.region !== 3) return;
    const below = b.top >= a.top - 2;
    const nextColumn = b.left >= a.right - 2;
    if (!below && !nextColumn) problems.push(`${a.name} → ${b.name} goes back up`);
  });
  return problems;
}

describe('Tab order', () => {
  it('follows the screen on every main screen and on the person form', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await createPerson(page, { Vorname: 'Anna', Name: 'Adler', Ort: 'Köln' });

    const found: Record<string, string[]> = {};
    found['person form'] = orderProblems(await tabStops(page, 60));
    for (const screen of SCREENS) {
      await page.getByRole('navigation').getByRole('link', { name: screen, exact: true }).click();
      // Arrived: the shell puts focus on the main region after a screen change (Shell.tsx). Waiting
      // for any heading let the tabbing start before that — on the screen left, whose heading was
      // still there — and the main region then took focus between two Tab presses.
      await expect(page.getByRole('main')).toBeFocused();
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const stops = await tabStops(page);
      check(stops.map((s) => s.region).includes(3), `${screen}: the content is reached`).toBe(true);
      found[screen] = orderProblems(stops);
    }
    for (const [screen, problems] of Object.entries(found)) check(problems, screen).toEqual([]);
  });

  it('on a phone reaches the content before the bottom navigation', async () => {
    const { page } = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await setUpAdministrator(page, browser.baseURL());
    // From the top of the page: the skip link is its first stop.
    await page.getByRole('link', { name: 'Zum Inhalt springen' }).focus();
    const regions: number[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const stop = await focusedStop(page);
      // Past the last stop focus leaves the page.
      if (!stop) break;
      check(stop.visible, stop.name).toBe(true);
      regions.push(stop.region);
    }
    const firstContent = regions.indexOf(3);
    const firstNav = regions.indexOf(2);
    check(firstContent, regions.join(',')).toBeGreaterThan(0);
    check(firstNav, regions.join(',')).toBeGreaterThan(firstContent);
    // The bar's five stops (four sections and Menü) close the round.
    check(regions.slice(firstNav), regions.join(',')).toEqual([2, 2, 2, 2, 2]);
  });
});
