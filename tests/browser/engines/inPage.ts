/**
 * Finding controls by role and accessible name inside the page, for the WebDriver-based engines
 * (WebKit, Firefox), which have no getByRole of their own: axe-core's ARIA role and accessible
 * name computation (the one the a11y tests rely on) is injected into the page once per document.
 * The actions the flows need are built on three primitives each engine's driver provides.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describeTarget, poll, type Driver, type DownloadedFile, type Target } from './driver';

export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

declare global {
  interface Window {
    axe?: {
      setup(node: Element): unknown;
      teardown(): void;
      utils: { querySelectorAll(root: unknown, selector: string): { actualNode: Element }[] };
      commons: {
        aria: { getRole(node: unknown): string | null };
        text: { accessibleTextVirtual(node: unknown): string };
        dom: { isVisibleToScreenReaders(node: unknown): boolean };
      };
    };
  }
}

/** A target as it crosses into the page: JSON has no RegExp. */
export type WireTarget = ({ role: string; name: string | { pattern: string; flags: string } } | { label: string }) & {
  within?: WireTarget;
};

export function toWire(target: Target): WireTarget {
  const within = target.within && toWire(target.within);
  if ('label' in target) return { label: target.label, within };
  const { name } = target;
  return {
    role: target.role,
    name: name instanceof RegExp ? { pattern: name.source, flags: name.flags } : name,
    within,
  };
}

/**
 * Runs in the page: the one element the target names, or how many matched (0 or more than one).
 * `'no-axe'` asks the caller to inject axe-core first (a new document after a reload).
 */
export function locateInPage(target: WireTarget): Element | number | 'no-axe' {
  const axe = window.axe;
  if (!axe) return 'no-axe';
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const root = axe.setup(document.documentElement);
  try {
    const nodes = axe.utils.querySelectorAll(root, '*');
    const find = (t: WireTarget): Element[] => {
      let scope: Element | undefined;
      if (t.within) {
        const scopes = find(t.within);
        if (scopes.length !== 1) return [];
        scope = scopes[0];
      }
      return nodes
        .filter((v) => {
          const el = v.actualNode;
          if (scope && (el === scope || !scope.contains(el))) return false;
          if ('label' in t) {
            if (!(
              el instanceof HTMLInputElement ||
              el instanceof HTMLSelectElement ||
              el instanceof HTMLTextAreaElement
            ))
              return false;
            return squash(axe.commons.text.accessibleTextVirtual(v)) === t.label;
          }
          if (axe.commons.aria.getRole(v) !== t.role || !axe.commons.dom.isVisibleToScreenReaders(v)) return false;
          const name = squash(axe.commons.text.accessibleTextVirtual(v));
          return typeof t.name === 'string' ? name === t.name : new RegExp(t.name.pattern, t.name.flags).test(name);
        })
        .map((v) => v.actualNode);
    };
    const found = find(target);
    return found.length === 1 ? found[0] : found.length;
  } finally {
    axe.teardown();
  }
}

/** Runs in the page: sets a field's value the way React sees typing (native setter, input + change). */
export function fillInPage(el: Element, value: string): void {
  const proto = Object.getPrototypeOf(el) as object;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'value');
  if (!descriptor?.set) throw new Error(`${el.tagName} has no value`);
  (el as HTMLElement).focus();
  descriptor.set.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Runs in the page: chooses a select's option by its visible label. */
export function selectInPage(el: Element, label: string): string | null {
  if (!(el instanceof HTMLSelectElement)) return `${el.tagName} is not a select`;
  const option = [...el.options].find((o) => o.text.trim() === label);
  if (!option) return `no option "${label}" in [${[...el.options].map((o) => o.text).join(', ')}]`;
  // Not fillInPage: a function sent into the page cannot call another one from this module.
  const descriptor = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!;
  el.focus();
  descriptor.set!.call(el, option.value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return null;
}

/** The primitives an engine supplies; everything else is shared. */
export abstract class InPageDriver<E> implements Pick<
  Driver,
  'click' | 'fill' | 'select' | 'setFile' | 'waitFor' | 'waitForGone' | 'waitForText' | 'value' | 'download'
> {
  /** Calls `fn` in the page with the given arguments (elements as handles) and returns its result. */
  protected abstract call(fn: (...args: never[]) => unknown, ...args: unknown[]): Promise<unknown>;
  /** Runs locateInPage; the engine turns an element result into its handle type. */
  protected abstract locateOnce(target: Target): Promise<E | number | 'no-axe'>;
  protected abstract clickElement(el: E): Promise<void>;
  protected abstract uploadFile(el: E, path: string): Promise<void>;
  /** The folder the browser saves downloads into. */
  protected abstract readonly downloadDir: string;
  /** A folder for files handed to file inputs, removed when the driver closes. */
  protected abstract readonly uploadDir: string;

  protected async locate(target: Target): Promise<E | number> {
    let found = await this.locateOnce(target);
    if (found === 'no-axe') {
      // axe-core's own source, run in the page as a script (it has no module entry for that).
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      await this.call(new Function(axeSource) as () => void);
      found = await this.locateOnce(target);
      if (found === 'no-axe') throw new Error('axe-core did not load into the page');
    }
    return found;
  }

  protected element(target: Target): Promise<E> {
    return poll(describeTarget(target), async () => {
      const found = await this.locate(target);
      if (typeof found === 'number') {
        if (found > 1) throw new Error(`${found} elements match`);
        return undefined;
      }
      return found;
    });
  }

  /** Like a user (and Playwright), waits until the control is enabled: a click on a disabled one is lost. */
  async click(target: Target): Promise<void> {
    const el = await poll(`${describeTarget(target)} to be enabled`, async () => {
      const found = await this.element(target);
      const disabled = await this.call(
        (e: Element) => (e as HTMLButtonElement).disabled || e.getAttribute('aria-disabled') === 'true',
        found,
      );
      return disabled ? undefined : found;
    });
    await this.clickElement(el);
  }

  async fill(target: Target, value: string): Promise<void> {
    await this.call(fillInPage, await this.element(target), value);
  }

  async select(target: Target, optionLabel: string): Promise<void> {
    const problem = (await this.call(selectInPage, await this.element(target), optionLabel)) as string | null;
    if (problem) throw new Error(`${describeTarget(target)}: ${problem}`);
  }

  async setFile(target: Target, file: { name: string; mimeType: string; bytes: Buffer }): Promise<void> {
    // Kept until the driver closes: the browser reads the file when the page does, not at once.
    const dir = mkdtempSync(join(this.uploadDir, 'file-'));
    const path = join(dir, file.name);
    writeFileSync(path, file.bytes);
    await this.uploadFile(await this.element(target), path);
  }

  async waitFor(target: Target): Promise<void> {
    await this.element(target);
  }

  async waitForGone(target: Target): Promise<void> {
    await poll(`${describeTarget(target)} to go`, async () => ((await this.locate(target)) === 0 ? true : undefined));
  }

  async waitForText(text: string, within?: Target): Promise<void> {
    await poll(`text "${text}"${within ? ` in ${describeTarget(within)}` : ''}`, async () => {
      const scope = within ? await this.element(within) : undefined;
      const shown = (await this.call(
        (el: HTMLElement | undefined) => (el ?? document.body).innerText,
        scope,
      )) as string;
      return shown.replace(/\s+/g, ' ').includes(text) ? true : undefined;
    });
  }

  async value(target: Target): Promise<string> {
    return (await this.call((el: HTMLInputElement) => el.value, await this.element(target))) as string;
  }

  async download(target: Target): Promise<DownloadedFile> {
    const before = new Set(readdirSync(this.downloadDir));
    await this.click(target);
    // A finished file: new, not a partial (.part, .download), and its size no longer growing.
    let size = -1;
    const name = await poll(`a download from ${describeTarget(target)}`, () => {
      const fresh = readdirSync(this.downloadDir).filter((f) => !before.has(f) && !/\.(part|download)$/.test(f));
      if (fresh.length !== 1) return Promise.resolve(undefined);
      const now = statSync(join(this.downloadDir, fresh[0])).size;
      const settled = now > 0 && now === size;
      size = now;
      return Promise.resolve(settled ? fresh[0] : undefined);
    });
    return { name, bytes: readFileSync(join(this.downloadDir, name)) };
  }
}
