/**
 * Issue 15, finding 5: after sign-out (and the idle lock, which signs out the same way) no
 * decrypted personal data stays reachable in the page. A heap snapshot (CDP
 * HeapProfiler.takeHeapSnapshot, which collects garbage first) is searched for the values of a
 * person opened and reported on (an Auskunft: jsPDF keeps its last table) before signing out.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, setUpAdministrator, useBrowser, seedController } from './helpers';

const browser = useBrowser();

const VALUES = ['Xaverine', 'Quellmalz', 'xq-quellmalz@example.org'];

async function heapSnapshot(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return chunks.join('');
}

describe('memory after sign-out', () => {
  it('holds none of the values of a person opened and reported on', async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await createPerson(page, { Vorname: 'Xaverine', Name: 'Quellmalz', Ort: 'Ulm', 'E-Mail': VALUES[2] });
    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Auskunft (PDF)', exact: true }).click(),
    ]);
    await pdf.path();
    // While signed in, the snapshot finds her (the search works).
    const before = await heapSnapshot(page);
    for (const value of VALUES) check(before, `${value} while signed in`).toContain(value);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    const after = await heapSnapshot(page);
    for (const value of VALUES) check(after.includes(value), `${value} after sign-out`).toBe(false);
  });
  it("signs out into a new page even when the tab's storage is full", async () => {
    const { page } = await browser.newPage();
    await setUpAdministrator(page, browser.baseURL());
    // Full as drafts held in the tab can leave it (keepUnsaved.tsx): not one more character fits.
    await page.evaluate(() => {
      let n = 0;
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        const chunk = 'x'.repeat(size);
        try {
          for (;;) sessionStorage.setItem(`fill-${n++}`, chunk);
        } catch {
          // This size no longer fits: the next, smaller one.
        }
      }
      (window as { beforeSignOut?: boolean }).beforeSignOut = true;
    });
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    // A new page: what the old one held (here a mark, in use the values opened) is gone.
    check(await page.evaluate(() => 'beforeSignOut' in window)).toBe(false);
  });
});
