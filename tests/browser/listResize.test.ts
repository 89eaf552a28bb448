/** The person list after a rotation or resize: rows are placed by their new height, never overlapping. */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { expect, seedPersonsRaw, setUpAdministrator, signIn, useBrowser, resize } from './helpers';

const browser = useBrowser();

/** Pairs of neighbouring rows whose boxes overlap, and the rows' heights. */
async function rowBoxes(page: Page): Promise<{ overlaps: string[]; heights: number[] }> {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.list-body .row')]
      .map((el) => el.getBoundingClientRect())
      .sort((a, b) => a.top - b.top);
    const overlaps: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      if (rows[i].top < rows[i - 1].bottom - 0.5)
        overlaps.push(`row ${i} at ${rows[i].top}, previous ends ${rows[i - 1].bottom}`);
    }
    return { overlaps, heights: [...new Set(rows.map((r) => Math.round(r.height)))] };
  });
}

describe('the person list after a viewport change', () => {
  it('measures again: rows never overlap after turning a tablet or narrowing the window', async () => {
    const { page } = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await setUpAdministrator(page, browser.baseURL());
    await seedPersonsRaw(page, 40);
    await page.reload();
    await signIn(page);
    await page.getByRole('link', { name: 'Personen', exact: true }).click();
    await expect(page.getByText('40 Personen', { exact: true })).toBeVisible();
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 768, height: 1024 },
      { width: 390, height: 844 },
      { width: 1024, height: 768 },
    ]) {
      await resize(page, viewport);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const { overlaps, heights } = await rowBoxes(page);
      check(heights.length, `one row height @ ${viewport.width}`).toBe(1);
      check(overlaps, `@ ${viewport.width}`).toEqual([]);
    }
  });
});
