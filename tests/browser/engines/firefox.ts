/**
 * Firefox: the system firefox-esr (Debian) through puppeteer-core over WebDriver BiDi, headless.
 * puppeteer-core never downloads a browser; it starts this binary with a fresh profile and ends it
 * in close(). Downloads go to a folder of our own; every other preference stays Firefox's default
 * — among them "open PDFs in Firefox", which opens a downloaded PDF in a new tab.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { AppPageState, Driver, Target } from './driver';
import { InPageDriver, locateInPage, toWire } from './inPage';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

class FirefoxDriver extends InPageDriver<ElementHandle> implements Driver {
  readonly engine = 'firefox';
  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    readonly version: string,
    protected readonly downloadDir: string,
    protected readonly uploadDir: string,
    private readonly scratch: string,
  ) {
    super();
  }

  protected call(fn: (...args: never[]) => unknown, ...args: unknown[]): Promise<unknown> {
    return this.page.evaluate(fn as (...a: unknown[]) => unknown, ...args);
  }

  protected async locateOnce(target: Target): Promise<ElementHandle | number | 'no-axe'> {
    const handle = await this.page.evaluateHandle(locateInPage, toWire(target));
    const element = handle.asElement() as ElementHandle | null;
    if (element) return element;
    const value = (await handle.jsonValue()) as number | 'no-axe';
    await handle.dispose();
    return value;
  }

  protected async clickElement(el: ElementHandle): Promise<void> {
    await el.click();
  }

  protected async uploadFile(el: ElementHandle, path: string): Promise<void> {
    await (el as ElementHandle<HTMLInputElement>).uploadFile(path);
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  run<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.page.evaluate(fn);
  }

  async appPage(): Promise<AppPageState> {
    const pages = await this.browser.pages();
    const visible = await this.page.evaluate(() => document.visibilityState === 'visible');
    return { url: this.page.url(), visible, otherTabs: pages.filter((p) => p !== this.page).map((p) => p.url()) };
  }

  async returnToApp(): Promise<void> {
    for (const p of await this.browser.pages()) if (p !== this.page) await p.close();
    await this.page.bringToFront();
  }

  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

export async function launchFirefox(): Promise<Driver> {
  const scratch = mkdtempSync(join(tmpdir(), 'consentbook-firefox-'));
  const downloads = join(scratch, 'downloads');
  const uploads = join(scratch, 'uploads');
  mkdirSync(downloads);
  mkdirSync(uploads);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
    },
  });
  try {
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    page.setDefaultTimeout(30_000);
    const version = (await browser.version()).replace('firefox/', 'Firefox ');
    return new FirefoxDriver(browser, page, version, downloads, uploads, scratch);
  } catch (error) {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}
