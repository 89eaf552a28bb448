/**
 * WebKit: WebKitGTK's MiniBrowser (Debian `webkit2gtk-driver`) through WebKitWebDriver and
 * selenium-webdriver, on a virtual display. Both helper processes are started here on a free
 * display and port and ended by their process group in close(). A throwaway HOME gives the
 * browser a fresh profile and a download folder of its own (XDG_DOWNLOAD_DIR).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, WebElement, type WebDriver } from 'selenium-webdriver';
import type { AppPageState, Driver, Target } from './driver';
import { InPageDriver, locateInPage, toWire } from './inPage';
import { freePort, startProcess, startXvfb, waitForPort, type Started } from './processes';

const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

class WebKitDriver extends InPageDriver<WebElement> implements Driver {
  readonly engine = 'webkit';
  constructor(
    private readonly session: WebDriver,
    readonly version: string,
    protected readonly downloadDir: string,
    protected readonly uploadDir: string,
    private readonly cleanup: () => Promise<void>,
  ) {
    super();
  }

  protected call(fn: (...args: never[]) => unknown, ...args: unknown[]): Promise<unknown> {
    return this.session.executeScript(fn, ...args);
  }

  protected async locateOnce(target: Target): Promise<WebElement | number | 'no-axe'> {
    const found = await this.session.executeScript(locateInPage, toWire(target));
    return found instanceof WebElement ? found : (found as number | 'no-axe');
  }

  protected async clickElement(el: WebElement): Promise<void> {
    await el.click();
  }

  protected async uploadFile(el: WebElement, path: string): Promise<void> {
    await el.sendKeys(path);
  }

  async goto(url: string): Promise<void> {
    await this.session.get(url);
  }

  async reload(): Promise<void> {
    await this.session.navigate().refresh();
  }

  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    // WebDriver classic: an async script reports through the callback it is given last.
    const result = await this.session.executeAsyncScript<{ value?: T; error?: string }>(
      `const done = arguments[arguments.length - 1];
       Promise.resolve().then(${fn.toString()}).then((value) => done({ value }), (e) => done({ error: String(e) }));`,
    );
    if (result.error !== undefined) throw new Error(result.error);
    return result.value as T;
  }

  async appPage(): Promise<AppPageState> {
    const handles = await this.session.getAllWindowHandles();
    const visible = (await this.session.executeScript('return document.visibilityState')) === 'visible';
    return { url: await this.session.getCurrentUrl(), visible, otherTabs: handles.slice(1) };
  }

  async returnToApp(): Promise<void> {
    const [app, ...others] = await this.session.getAllWindowHandles();
    for (const handle of others) {
      await this.session.switchTo().window(handle);
      await this.session.close();
    }
    await this.session.switchTo().window(app);
  }

  async close(): Promise<void> {
    await this.cleanup();
  }
}

export async function launchWebKit(): Promise<Driver> {
  const home = mkdtempSync(join(tmpdir(), 'consentbook-webkit-'));
  const downloads = join(home, 'Downloads');
  mkdirSync(downloads);
  const uploads = join(home, 'uploads');
  mkdirSync(uploads);
  mkdirSync(join(home, '.config'));
  writeFileSync(join(home, '.config', 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  const started: Started[] = [];
  let session: WebDriver | undefined;
  const cleanup = async () => {
    await session?.quit().catch(() => undefined);
    for (const p of started.reverse()) await p.stop();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const xvfb = await startXvfb();
    started.push(xvfb);
    const port = await freePort();
    const env = { ...process.env, DISPLAY: xvfb.display, HOME: home, XDG_DOWNLOAD_DIR: downloads };
    started.push(startProcess('WebKitWebDriver', [`--port=${port}`], { env }).started);
    await waitForPort(port);
    // A remote end of our own: selenium-webdriver never runs Selenium Manager (no download).
    session = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
    await session.manage().window().setRect({ width: 1280, height: 900 });
    const caps = await session.getCapabilities();
    const version = `WebKitGTK ${String(caps.get('browserVersion'))} (MiniBrowser)`;
    return new WebKitDriver(session, version, downloads, uploads, cleanup);
  } catch (error) {
    await cleanup();
    throw error;
  }
}
