/**
 * The small driver interface the shared flows (flows.ts) are written against, so one flow runs in
 * Chromium (playwright-core), WebKit (selenium-webdriver + WebKitWebDriver) and Firefox
 * (puppeteer-core over WebDriver BiDi). Controls are found the way UI-CONTRACT.md says: by role
 * and accessible name, input fields by their label; a target must match exactly one element.
 */

export type Engine = 'chromium' | 'webkit' | 'firefox';

export type Role =
  | 'button'
  | 'link'
  | 'textbox'
  | 'combobox'
  | 'checkbox'
  | 'dialog'
  | 'heading'
  | 'table'
  | 'row'
  | 'cell'
  | 'status'
  | 'alert'
  | 'listitem'
  | 'region';

/**
 * A control: by role and accessible name (exact, or a pattern for names that hold more, like a
 * list row's), or (input fields) by exact label; inside `within` when given.
 */
export type Target = ({ role: Role; name: string | RegExp } | { label: string }) & { within?: Target };

export const byRole = (role: Role, name: string | RegExp, within?: Target): Target => ({ role, name, within });
export const byLabel = (label: string, within?: Target): Target => ({ label, within });

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

/** What the app's own page looks like to the user right now. */
export interface AppPageState {
  url: string;
  visible: boolean;
  /** Tabs besides the app's own that the browser opened (Firefox shows a downloaded PDF in one). */
  otherTabs: string[];
}

export interface Driver {
  readonly engine: Engine;
  /** Browser name and version as the browser reports it. */
  readonly version: string;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  click(target: Target): Promise<void>;
  /** Replaces the field's value, as a user typing it would (input and change events). */
  fill(target: Target, value: string): Promise<void>;
  /** Chooses the option with this visible label. */
  select(target: Target, optionLabel: string): Promise<void>;
  setFile(target: Target, file: { name: string; mimeType: string; bytes: Buffer }): Promise<void>;
  /** Waits until the target exists and is shown (exactly one match). */
  waitFor(target: Target): Promise<void>;
  waitForGone(target: Target): Promise<void>;
  /** Waits until the page (or the target) shows this text. */
  waitForText(text: string, within?: Target): Promise<void>;
  value(target: Target): Promise<string>;
  /** Runs a function in the page (no arguments; it may return a promise of JSON-able data). */
  run<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Clicks the target and returns the file the browser saved. */
  download(target: Target): Promise<DownloadedFile>;
  appPage(): Promise<AppPageState>;
  /** Closes tabs the browser opened on its own and brings the app's tab to the front. */
  returnToApp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How long a step waits, in every engine (helpers.ts re-exports it as STEP_TIMEOUT): a guard, not a
 * speed check. Generous because a 2-core CI machine running two browser files, the unit tests and
 * lint at once can stall a page for seconds — a third sync device's join screen once took over 15 s
 * to appear there, 2 s alone.
 */
export const TIMEOUT_MS = 30_000;

/** Retries `probe` until it returns a value other than undefined, or fails naming what it waited for. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeout = TIMEOUT_MS): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end)
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what}${last ? `: ${last instanceof Error ? String(last) : JSON.stringify(last)}` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function describeTarget(target: Target): string {
  const self = 'label' in target ? `field "${target.label}"` : `${target.role} "${String(target.name)}"`;
  return target.within ? `${self} in ${describeTarget(target.within)}` : self;
}
