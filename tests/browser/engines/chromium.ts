/**
 * Chromium: the system Chromium through playwright-core (launched as the other browser tests do),
 * with Playwright's own role and label locators and download events.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, newTestPage } from '../helpers';
import { poll, type AppPageState, type DownloadedFile, type Driver, type Target } from './driver';

class ChromiumDriver implements Driver {
  readonly engine = 'chromium';
  constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly page: Page,
    readonly version: string,
  ) {}

  private locator(target: Target): Locator {
    const scope = target.within ? this.locator(target.within) : this.page;
    return 'label' in target
      ? scope.getByLabel(target.label, { exact: true })
      : scope.getByRole(target.role, { name: target.name, exact: true });
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  async click(target: Target): Promise<void> {
    await this.locator(target).click();
  }

  async fill(target: Target, value: string): Promise<void> {
    await this.locator(target).fill(value);
  }

  async select(target: Target, optionLabel: string): Promise<void> {
    await this.locator(target).selectOption({ label: optionLabel });
  }

  async setFile(target: Target, file: { name: string; mimeType: string; bytes: Buffer }): Promise<void> {
    await this.locator(target).setInputFiles({ name: file.name, mimeType: file.mimeType, buffer: file.bytes });
  }

  async waitFor(target: Target): Promise<void> {
    await this.locator(target).waitFor({ state: 'visible' });
  }

  async waitForGone(target: Target): Promise<void> {
    await this.locator(target).waitFor({ state: 'hidden' });
  }

  async waitForText(text: string, within?: Target): Promise<void> {
    const scope = within ? this.locator(within) : this.page.locator('body');
    await poll(`text "${text}"`, async () =>
      (await scope.innerText()).replace(/\s+/g, ' ').includes(text) ? true : undefined,
    );
  }

  value(target: Target): Promise<string> {
    return this.locator(target).inputValue();
  }

  run<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.page.evaluate<T>(fn);
  }

  async download(target: Target): Promise<DownloadedFile> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 30_000 }),
      this.locator(target).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }

  async appPage(): Promise<AppPageState> {
    const visible = await this.page.evaluate(() => document.visibilityState === 'visible');
    const otherTabs = this.context.pages().filter((p) => p !== this.page);
    return { url: this.page.url(), visible, otherTabs: otherTabs.map((p) => p.url()) };
  }

  async returnToApp(): Promise<void> {
    for (const p of this.context.pages()) if (p !== this.page) await p.close();
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export async function launchChromium(): Promise<Driver> {
  const browser = await launchBrowser();
  const { context, page } = await newTestPage(browser);
  return new ChromiumDriver(browser, context, page, `Chromium ${browser.version()}`);
}
