/**
 * The served app's hardening: the Content-Security-Policy in the built index.html and the headers
 * `vite preview` (npm start) sends, and the main flow — service worker, person form, reason
 * dialog, Auskunft PDF (jsPDF and its lazily fetched fonts), CSV export, backup download,
 * Übersicht, Verzeichnis PDF, Protokoll — without a single CSP violation.
 */
import type { Page } from 'playwright-core';
import { describe, expect as check, it } from 'vitest';
import { createPerson, expect, seedController, setUpAdministrator, useBrowser } from './helpers';

const browser = useBrowser();

async function download(page: Page, button: string): Promise<string> {
  const [d] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return d.suggestedFilename();
}

describe('served app hardening', () => {
  it('serves the security headers and a meta policy without inline script', async () => {
    const html = await fetch(browser.baseURL());
    const assetPath = /<script[^>]+src="([^"]+)"/.exec(await html.clone().text())![1];
    const js = await fetch(new URL(assetPath, browser.baseURL()));
    for (const res of [html, js]) {
      check(res.headers.get('x-content-type-options')).toBe('nosniff');
      check(res.headers.get('x-frame-options')).toBe('DENY');
      check(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    const text = await html.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text)?.[1]?.replace(/&#39;/g, "'");
    check(meta).toBeDefined();
    for (const directive of [
      "script-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ])
      check(meta).toContain(directive);
    check(meta).not.toContain('unsafe');
    // Every script is a file: no inline script the policy would have to allow.
    for (const tag of text.match(/<script[^>]*>/g) ?? []) check(tag).toMatch(/\ssrc="/);
  });

  it('refuses to be framed by another origin', async () => {
    const { page } = await browser.newPage();
    const framed = page.waitForEvent('console', (m) => /frame-ancestors|Refused to frame/i.test(m.text()));
    await page.setContent(`<iframe src="${browser.baseURL()}" title="app"></iframe>`);
    await framed;
    check(await page.frames()[1].locator('#root').count()).toBe(0);
  });

  it('the main flow runs without a CSP violation', async () => {
    const { context, page } = await browser.newPage({ serviceWorker: true });
    const violations: string[] = [];
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `CSP violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        ),
      );
    });
    page.on('console', (m) => {
      if (/CSP violation|Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await setUpAdministrator(page, browser.baseURL());
    await seedController(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await createPerson(page, { Vorname: 'Anna', Name: 'Zimmermann', Ort: 'Köln', 'E-Mail': 'anna@example.org' });
    check(await download(page, 'Auskunft (PDF)')).toMatch(/\.pdf$/);
    check(await download(page, 'Export (CSV)')).toMatch(/\.csv$/);
    await page.getByRole('link', { name: 'Verlauf' }).click();
    await expect(page.getByRole('table', { name: 'Protokoll' })).toBeVisible();

    await page.getByRole('link', { name: 'Übersicht' }).click();
    await expect(page.getByRole('heading', { name: 'Übersicht', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Verzeichnis' }).click();
    check(await download(page, 'Verzeichnis (PDF)')).toMatch(/\.pdf$/);

    await page.getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('button', { name: 'Sicherung erstellen' }).click();
    const create = page.getByRole('dialog', { name: 'Sicherung erstellen' });
    await create.getByLabel('Passphrase', { exact: true }).fill('Sicherung 2024 Köln');
    await create.getByLabel('Wiederholung').fill('Sicherung 2024 Köln');
    check(await download(page, 'Erstellen und herunterladen')).toMatch(/\.cbbackup$/);

    // Reloaded from the service worker's cache, the policy still holds and nothing is refused.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
    check(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    check(violations).toEqual([]);
  });
});
