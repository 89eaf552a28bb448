/**
 * Browser test helpers: the system Chromium via playwright-core, one fresh context per test, and
 * the steps every test needs — controls found by role and German accessible name, as a person or a
 * screen reader finds them (those names are the app's interface and stay stable).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect as vitestExpect, inject } from 'vitest';
import { TIMEOUT_MS as STEP_TIMEOUT } from './engines/driver';
import { axeSource } from './engines/inPage';

export const ADMIN = { name: 'admin', staffNumber: 'P-001', passphrase: 'correct horse battery' };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Chromium's last --disable-features wins, so playwright-core's own list (1.65) is repeated here.
  // Added to it: the omnibox popups a new headless window preloads as two WebUI renderers, about
  // 1.6 s of CPU per browser context and nothing a test looks at.
  '--disable-features=' +
    [
      'AvoidUnnecessaryBeforeUnloadCheckSync',
      'DestroyProfileOnBrowserClose',
      'HttpsUpgrades',
      'HttpsFirstBalancedModeAutoEnable',
      'LensOverlay',
      'MediaRouter',
      'PaintHolding',
      'ThirdPartyStoragePartitioning',
      'AvoidCorsURLLoaderRestartOnRedirect',
      'OptimizationHints',
      'NetworkTimeServiceQuerying',
      'AimEnabled',
      'PreconnectToSearch',
      'WebUIOmniboxPopup',
      'WebUIOmniboxAimPopup',
    ].join(','),
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
}

/**
 * The browser every file in this worker shares (vitest runs a worker's files one after another in
 * one process, isolate: false). A launch costs about 1 s of CPU and its window's omnibox pages
 * about 2 s more, paid once per worker instead of once per file; playwright ends it with the process.
 */
export function sharedBrowser(): Promise<Browser> {
  const holder = globalThis as { consentbookBrowser?: Promise<Browser> };
  const running = holder.consentbookBrowser;
  if (running) return running;
  const launching = launchBrowser();
  holder.consentbookBrowser = launching;
  // A browser that crashed or failed to start is launched again for the next file.
  launching.then(
    (browser) => browser.on('disconnected', () => delete holder.consentbookBrowser),
    () => delete holder.consentbookBrowser,
  );
  return launching;
}

/**
 * A fresh context as every test's user has it — German, Berlin time, its own IndexedDB and storage —
 * and its first page, whose steps wait up to STEP_TIMEOUT.
 */
export async function newTestPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; serviceWorker?: boolean; touch?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...(options.viewport && { viewport: options.viewport }),
    // A phone or tablet: touch events, a coarse pointer, a mobile viewport.
    ...(options.touch && { hasTouch: true, isMobile: true }),
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    serviceWorkers: options.serviceWorker === false ? 'block' : 'allow',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  return { context, page };
}

/**
 * One fresh context per test, closed after it. Service workers are blocked unless a test asks for
 * one: installing it precaches the whole build, about 2.4 s of CPU per context that only the
 * offline, CSP and sync tests need.
 */
export function useBrowser(viewport = { width: 1024, height: 768 }) {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await sharedBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  return {
    baseURL: () => inject('baseURL'),
    async newPage(
      options: { viewport?: { width: number; height: number }; serviceWorker?: boolean; touch?: boolean } = {},
    ): Promise<{ context: BrowserContext; page: Page }> {
      const opened = await newTestPage(browser, {
        viewport: options.viewport ?? viewport,
        serviceWorker: options.serviceWorker ?? false,
        touch: options.touch,
      });
      contexts.push(opened.context);
      return opened;
    },
  };
}

/**
 * Pages kept across a file's tests, for tests that tell one story in steps, each going on where the
 * one before left it (a team's devices, one book's forms): a fresh context and its first start cost
 * about as much CPU as a short test's own steps. Each page has a context of its own in the worker's
 * shared browser, blocks service workers unless asked (as useBrowser), and is closed after the file.
 */
export function useKeptPages(): (options?: {
  viewport?: { width: number; height: number };
  serviceWorker?: boolean;
}) => Promise<{ context: BrowserContext; page: Page }> {
  let browser: Browser | undefined;
  const opened: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await sharedBrowser();
  });
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((context) => context.close()));
  });
  return async (options = {}) => {
    if (!browser) throw new Error('useKeptPages: no browser outside a test');
    const kept = await newTestPage(browser, {
      viewport: options.viewport ?? { width: 1024, height: 768 },
      serviceWorker: options.serviceWorker ?? false,
    });
    opened.push(kept.context);
    return kept;
  };
}

/** How long a step waits (engines/driver.ts): one limit for Chromium and the other engines. */
export { TIMEOUT_MS as STEP_TIMEOUT } from './engines/driver';

// Each poll runs its role query over the whole page: every 200 ms rather than 50 ms took a tenth off
// a file's CPU.
const POLL = { timeout: STEP_TIMEOUT, interval: 200 };

/**
 * Web-first assertions on locators (playwright-core has no `expect`): each retries until it
 * holds or times out, like @playwright/test's, built on vitest's expect.poll.
 */
export function expect(locator: Locator) {
  const texts = async () => (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  return {
    toBeVisible: () =>
      locator
        .first()
        .waitFor({ state: 'visible', timeout: POLL.timeout })
        .then(() => vitestExpect.poll(() => locator.count(), POLL).toBe(1)),
    toBeHidden: () => vitestExpect.poll(() => locator.isHidden(), POLL).toBe(true),
    toHaveCount: (n: number) => vitestExpect.poll(() => locator.count(), POLL).toBe(n),
    toHaveText: (expected: string[] | string) =>
      vitestExpect.poll(texts, POLL).toEqual(Array.isArray(expected) ? expected : [expected]),
    toContainText: (part: string) => vitestExpect.poll(async () => (await texts()).join(' '), POLL).toContain(part),
    toHaveValue: (value: string) => vitestExpect.poll(() => locator.inputValue(), POLL).toBe(value),
    toHaveAttribute: (name: string, value: string) =>
      vitestExpect.poll(() => locator.getAttribute(name), POLL).toBe(value),
    toBeDisabled: () => vitestExpect.poll(() => locator.isDisabled(), POLL).toBe(true),
    toBeEnabled: () => vitestExpect.poll(() => locator.isEnabled(), POLL).toBe(true),
    /** Wholly inside the viewport once scrolling and layout settle. */
    toBeInViewport: () => vitestExpect.poll(() => inViewport(locator), POLL).toBe(true),
    toBeFocused: () =>
      vitestExpect.poll(() => locator.evaluate((el) => el === document.activeElement), POLL).toBe(true),
    not: {
      toHaveAttribute: (name: string, value: string) =>
        vitestExpect.poll(() => locator.getAttribute(name), POLL).not.toBe(value),
      toContainText: (part: string) =>
        vitestExpect.poll(async () => (await texts()).join(' '), POLL).not.toContain(part),
    },
  };
}

export async function setUpAdministrator(page: Page, baseURL: string): Promise<void> {
  await page.goto(baseURL);
  await page.getByLabel('Benutzer').fill(ADMIN.name);
  await page.getByLabel('Personalnummer').fill(ADMIN.staffNumber);
  await page.getByLabel('Passphrase', { exact: true }).fill(ADMIN.passphrase);
  await page.getByLabel('Passphrase wiederholen').fill(ADMIN.passphrase);
  await page.getByRole('button', { name: 'Einrichten' }).click();
  // The app lands on Übersicht; the tests start from Personen (and a reload keeps it).
  await page.getByRole('link', { name: 'Personen', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Personen', level: 1 })).toBeVisible();
}

/**
 * Opens a section through the main navigation. On a phone the less-used sections (Datenpannen,
 * Protokoll, Verzeichnis, Einstellungen) are behind "Menü".
 */
export async function openSection(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await nav.getByRole('button', { name: 'Menü' }).click();
  await link.click();
}

/**
 * Resizes the viewport and waits until the app has followed: the phone navigation is a React
 * state that follows a media query, so right after a resize the old layout may still be on screen.
 */
export async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForFunction((phone) => {
    const nav = document.querySelector('nav.mainnav');
    return !nav || !!nav.querySelector('.menu-button') === phone;
  }, size.width <= 640);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** The controller every test document names (issue 16, item 5: no document without one). */
export const CONTROLLER = {
  name: 'Muster Haustechnik GmbH',
  street: 'Industriestraße 12',
  postalCode: '80331',
  city: 'München',
  country: 'Deutschland',
  email: 'datenschutz@muster-haustechnik.de',
  phone: '+49 89 1234560',
  dataProtectionOfficer: '',
};

/**
 * Writes the controller into the settings below the app, for tests about something else than
 * entering it (that flow is tests/browser/controllerFirst.test.ts). Settings are stored in plain.
 */
export async function seedController(page: Page): Promise<void> {
  await seedSetting(page, 'controller', CONTROLLER);
}

/** Writes one settings record below the app (settings are stored in plain): a state the forms no longer make. */
export async function seedSetting(page: Page, key: string, value: unknown): Promise<void> {
  await rawTable(page, 'settings').put({ key, value });
}

/** A row's primary key as the app's tables have them. */
type Key = string | number;

/** What rawTable asks of a table: plain data, so it passes into page.evaluate. */
type RawOperation =
  | { op: 'getAll' | 'getAllKeys' | 'count' }
  | { op: 'get' | 'delete'; key: Key }
  | { op: 'put'; rows: unknown[] }
  | { op: 'update'; key: Key; changes: Record<string, unknown> };

/**
 * One table of the app's IndexedDB, read or written below the app (no middleware, no sealing: rows
 * as stored) — to prove what the app stored, or to make a state it no longer makes. Each call is one
 * page.evaluate and one transaction.
 */
export function rawTable(page: Page, table: string) {
  const run = (operation: RawOperation) => page.evaluate(rawOperation, { table, operation });
  return {
    rows: <T = unknown>() => run({ op: 'getAll' }) as Promise<T[]>,
    keys: <K extends Key = Key>() => run({ op: 'getAllKeys' }) as Promise<K[]>,
    count: () => run({ op: 'count' }) as Promise<number>,
    get: <T = unknown>(key: Key) => run({ op: 'get', key }) as Promise<T | undefined>,
    put: async (...rows: unknown[]) => {
      await run({ op: 'put', rows });
    },
    /** The stored row with `changes` written over it. */
    update: async (key: Key, changes: Record<string, unknown>) => {
      await run({ op: 'update', key, changes });
    },
    delete: async (key: Key) => {
      await run({ op: 'delete', key });
    },
  };
}

/** rawTable's one operation, run in the page (so it imports nothing). */
async function rawOperation({ table, operation }: { table: string; operation: RawOperation }): Promise<unknown> {
  const done = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
  const db = await done(indexedDB.open('consentbook'));
  try {
    const reads = ['getAll', 'getAllKeys', 'count', 'get'];
    const tx = db.transaction(table, reads.includes(operation.op) ? 'readonly' : 'readwrite');
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(new Error(String(tx.error)));
    });
    const store = tx.objectStore(table);
    let result: unknown;
    switch (operation.op) {
      case 'getAll':
        result = await done(store.getAll());
        break;
      case 'getAllKeys':
        result = await done(store.getAllKeys());
        break;
      case 'count':
        result = await done(store.count());
        break;
      case 'get':
        result = await done(store.get(operation.key));
        break;
      case 'delete':
        store.delete(operation.key);
        break;
      case 'put':
        for (const row of operation.rows) store.put(row);
        break;
      case 'update':
        store.put({ ...((await done(store.get(operation.key))) as object), ...operation.changes });
    }
    await committed;
    return result;
  } finally {
    db.close();
  }
}

/**
 * Sends the sign-in form, nothing awaited after: where kept drafts are offered, the offer's modal
 * dialog makes the app behind it inert, so its navigation is never seen (use signIn otherwise).
 */
export async function submitSignIn(page: Page, user: { name: string; passphrase: string } = ADMIN): Promise<void> {
  await page.getByLabel('Benutzer').fill(user.name);
  await page.getByLabel('Passphrase').fill(user.passphrase);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

export async function signIn(page: Page, user: { name: string; passphrase: string } = ADMIN): Promise<void> {
  await submitSignIn(page, user);
  await expect(page.getByRole('link', { name: 'Personen', exact: true })).toBeVisible();
}

export interface PersonInput {
  Anrede?: string;
  Vorname?: string;
  Name?: string;
  Straße?: string;
  PLZ?: string;
  Ort?: string;
  Telefon?: string;
  'E-Mail'?: string;
  Firma?: string;
}

/** Fills the form of a new person, saves, and confirms the change dialog. */
export async function createPerson(
  page: Page,
  fields: PersonInput,
  reason = { purpose: 'Vertraglicher Zweck', comment: 'Kunde angelegt' },
): Promise<void> {
  await page.getByRole('link', { name: 'Personen', exact: true }).click();
  await page.getByRole('button', { name: 'Neue Person' }).click();
  await fillPerson(page, fields);
  await page.getByRole('button', { name: 'Speichern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Änderung begründen' });
  await dialog.getByRole('combobox', { name: 'Verwendungszweck' }).selectOption({ label: reason.purpose });
  await dialog.getByRole('textbox', { name: 'Kommentar' }).fill(reason.comment);
  await dialog.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Gespeichert.' })).toBeVisible();
}

/**
 * Einstellungen → Benutzer anlegen (the section open): a user with these boxes ticked (rights or
 * groups, by their labels), created once the confirmation says so.
 */
export async function createUser(
  page: Page,
  user: { name: string; staffNumber: string; passphrase: string },
  boxes: readonly string[],
): Promise<void> {
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Neuer Benutzer' });
  await dialog.getByRole('textbox', { name: 'Benutzer', exact: true }).fill(user.name);
  await dialog.getByRole('textbox', { name: 'Personalnummer' }).fill(user.staffNumber);
  await dialog.getByLabel('Passphrase', { exact: true }).fill(user.passphrase);
  for (const name of boxes) await dialog.getByRole('checkbox', { name }).check();
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Benutzer „${user.name}“ angelegt.` })).toBeVisible();
}

export async function fillPerson(page: Page, fields: PersonInput): Promise<void> {
  // Every field is typed, Anrede too (the usual salutations beside it are a shortcut).
  for (const [label, value] of Object.entries(fields))
    await page.getByRole('textbox', { name: label, exact: true }).fill(value as string);
}

/** Whether the element is wholly inside the viewport: an outcome shown where the user is, not scrolled away. */
function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** Screenshots go to SCREENSHOT_DIR when set; never into the repository by default. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

export interface Span {
  start: number;
  end: number;
}

/** When a PDF worker put a file together and which (the page's measures, documents/offThread.ts): none when made on the page. */
export function pdfAssemblies(page: Page): Promise<(Span & { kind: string })[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('consentbook:pdf-assembly').map((e) => ({
      start: e.startTime,
      end: e.startTime + e.duration,
      kind: ((e as PerformanceMeasure).detail as { kind: string }).kind,
    })),
  );
}

/**
 * Writes `count` synthetic persons straight into IndexedDB, below the app (and its middleware):
 * a fixture for list size and layout only — no audit entries, so never use it to test rules. The
 * records are in plain, as a database from before encryption at rest holds them, sealed at the
 * next sign-in (sealAtNextSignIn): the test reloads and signs in before it reads them.
 * Companies (Geschäftspartner, not private) keep it honest: they are outside the purpose rule.
 */
export async function seedPersonsRaw(page: Page, count: number): Promise<void> {
  await page.evaluate(async (n) => {
    const first = [
      'Anna',
      'Jonas',
      'Lea',
      'Mehmet',
      'Zofia',
      'Øystein',
      'Łukasz',
      'Chiara',
      'Sven',
      'Ilse',
      'Ayşe',
      'Dmitri',
    ];
    const last = [
      'Zimmermann',
      'Nowak',
      'Schulte',
      'Yılmaz',
      'Bergström',
      'Kowalski',
      'Rossi',
      'Becker',
      'Wagner',
      'Hoffmann',
      'Schäfer',
      'Krüger',
    ];
    const cities = ['Köln', 'Berlin', 'Hamburg', 'München', 'Leipzig', 'Bonn', 'Ulm', 'Kiel'];
    const kinds = ['customer', 'prospect', 'partner'];
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const req = indexedDB.open('consentbook');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error!);
    });
    const now = new Date().toISOString();
    // Transactions of a few thousand: one huge transaction is slow to commit in Chromium.
    const CHUNK = 2_000;
    let tx = db.transaction('persons', 'readwrite');
    let store = tx.objectStore('persons');
    const committed = () =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error!);
      });
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % CHUNK === 0) {
        await committed();
        tx = db.transaction('persons', 'readwrite');
        store = tx.objectStore('persons');
      }
      const firstName = first[i % first.length];
      // Every first name meets every last name once per 144 persons; beyond that a number keeps names apart.
      const lastName = `${last[Math.floor(i / first.length) % last.length]}${i >= 144 ? ` ${Math.floor(i / 144)}` : ''}`;
      const city = cities[(i * 3) % cities.length];
      const ascii = (x: string) =>
        x
          .toLowerCase()
          .replace(/ø/g, 'o')
          .replace(/ł/g, 'l')
          .replace(/ı/g, 'i')
          .normalize('NFD')
          .replace(/[^a-z0-9.]/g, '');
      const email = `${ascii(firstName)}.${ascii(lastName)}@example.org`;
      const phone = `+49 221 ${String(5550000 + i)}`;
      const organisation = `${lastName} GmbH`;
      const sortName = [lastName, firstName, organisation].map((s) => s.toLocaleLowerCase('de')).join(' ');
      store.put({
        id: `seed-${String(i).padStart(6, '0')}`,
        kind: kinds[i % kinds.length],
        private: false,
        salutation: '',
        title: '',
        firstName,
        lastName,
        street: 'Lindenweg 7',
        postalCode: '50667',
        city,
        country: '',
        phone,
        furtherPhones: [],
        fax: '',
        email,
        bankAccounts: [],
        organisation,
        position: '',
        note: '',
        purposeId: '',
        lock: null,
        source: 'seed',
        version: 1,
        createdAt: now,
        updatedAt: now,
        natural: 0,
        locked: 0,
        sortName,
      });
    }
    await committed();
    db.close();
  }, count);
  await sealAtNextSignIn(page);
}

/**
 * Records a test puts into IndexedDB in plain (a fixture below the app, as an older version or a
 * screen not under test would have written them) open only once sealed: the app refuses a record
 * in plain in a sealed book. Taking the book's sealing mark away makes the next sign-in seal them,
 * as it seals a book from before encryption (and logs it), so the test reloads and signs in after.
 */
export async function sealAtNextSignIn(page: Page): Promise<void> {
  await rawTable(page, 'settings').delete('encryption');
}

/** axe findings of impact serious or critical, readable in a failure; `selector` limits the check. */
export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  // axe-core straight into the page, once per document: @axe-core/playwright injected it into every
  // frame and opened a page of its own per check, about 1.5 s of CPU of a check's 1.8 s. The app
  // has no frames to follow.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (within) => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    const result = await axe.run(within ? { include: [within] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join('; ')}`);
}

/** Switches "DSGVO-Programmunterstützung deaktivieren" in Einstellungen, through its confirmation. */
export async function setGdprSupportDisabled(page: Page, disabled: boolean): Promise<void> {
  await openSection(page, 'Einstellungen');
  const box = page.getByRole('checkbox', { name: 'DSGVO-Programmunterstützung deaktivieren' });
  // A controlled checkbox: it changes only once the dialog is confirmed.
  await box.click();
  const dialog = page.getByRole('dialog', {
    name: disabled ? 'DSGVO-Unterstützung deaktivieren?' : 'DSGVO-Unterstützung wieder aktivieren?',
  });
  await dialog.getByRole('textbox', { name: 'Kommentar' }).fill(disabled ? 'Altbestand übernehmen' : 'Wieder an');
  await dialog.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(dialog).toBeHidden();
  await vitestExpect.poll(() => box.isChecked()).toBe(disabled);
}
