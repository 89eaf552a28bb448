/**
 * Devices sharing a book through the real sync server (tests/syncServer.mjs), for the browser
 * tests: the server for a test file (its pid recorded, exactly it ended), a book's database as a
 * CouchDB administrator sets it up, and the steps a device takes to connect, invite and join.
 */
import { afterAll, beforeAll, expect as vitestExpect } from 'vitest';
import type { Page } from 'playwright-core';
import { startSyncServer, type SyncServer } from '../syncServer.mjs';
import {
  createPerson,
  createUser,
  expect,
  openSection,
  rawTable,
  setUpAdministrator,
  signIn,
  useKeptPages,
} from './helpers';

/** The sync server, started before the file's tests and ended after them. */
export function useSyncServer(): () => SyncServer {
  let server: SyncServer | undefined;
  beforeAll(async () => {
    server = await startSyncServer();
  });
  afterAll(async () => {
    if (!server) return;
    const { pid } = server;
    await server.stop();
    // Signal 0 only asks whether the process exists.
    vitestExpect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
  return () => {
    if (!server) throw new Error('the sync server is not started');
    return server;
  };
}

/** The server administrator's headers. */
export function adminHeaders(server: SyncServer): Record<string, string> {
  return {
    Authorization: `Basic ${btoa(`${server.admin.username}:${server.admin.password}`)}`,
    'Content-Type': 'application/json',
  };
}

export interface Account {
  username: string;
  password: string;
}

/**
 * A book's database as a CouchDB administrator sets it up: one account for the team, which
 * administers the database so the app can install the book's rules when connecting.
 */
export async function createBook(server: SyncServer, name: string): Promise<Account> {
  const account = { username: `team-${name}`, password: `secret-of-${name}` };
  const put = async (path: string, body?: object) => {
    const r = await fetch(server.url + path, {
      method: 'PUT',
      headers: adminHeaders(server),
      body: body && JSON.stringify(body),
    });
    vitestExpect(r.status, `${path}: ${await r.text()}`).toBeLessThan(300);
  };
  await put(name);
  await put(`_users/org.couchdb.user:${account.username}`, {
    name: account.username,
    password: account.password,
    roles: [name],
    type: 'user',
  });
  await put(`${name}/_security`, {
    admins: { names: [account.username], roles: [] },
    members: { names: [account.username], roles: [] },
  });
  return account;
}

/**
 * A device: a browser context of its own (its own storage), whose network can go. No service
 * worker unless asked for, as in useBrowser (helpers.ts): installing one precaches the whole build,
 * about 2.4 s of CPU a device, and most devices load no part of the app offline (a page's lazy parts
 * are loaded before its network goes).
 */
export interface Device {
  page: Page;
  setOffline(offline: boolean): Promise<void>;
}

/** Devices for a file's tests that keep them across tests (a team): kept pages (helpers.ts), closed after the file. */
export function useDevices(options: { serviceWorker?: boolean } = {}): () => Promise<Device> {
  const keptPage = useKeptPages();
  return async () => {
    const { context, page } = await keptPage(options);
    return { page, setOffline: (offline: boolean) => context.setOffline(offline) };
  };
}

export const syncStatus = (page: Page) => page.getByRole('status', { name: 'Synchronisation' });

/** Einstellungen → "Synchronisation einrichten": the signed-in administrator connects the book. */
export async function connectBook(page: Page, server: SyncServer, book: string, account: Account): Promise<void> {
  await page.getByRole('link', { name: 'Einstellungen' }).click();
  await page.getByRole('button', { name: 'Synchronisation einrichten' }).click();
  await page.getByRole('textbox', { name: 'Server-Adresse' }).fill(server.url + book);
  await page.getByRole('textbox', { name: 'Benutzer' }).fill(account.username);
  await page.getByLabel('Passwort').fill(account.password);
  await page.getByRole('button', { name: 'Verbinden' }).click();
  await expect(syncStatus(page)).toContainText('synchronisiert');
}

/** On Einstellungen of a connected book: "Gerät hinzufügen", and the invitation's code (a new one after `previous`). */
export async function invite(page: Page, previous = ''): Promise<string> {
  await page.getByRole('button', { name: 'Gerät hinzufügen' }).click();
  const box = page.getByRole('textbox', { name: 'Einladung' });
  await vitestExpect.poll(async () => (await box.count()) > 0 && (await box.inputValue()) !== previous).toBe(true);
  const code = await box.inputValue();
  vitestExpect(code).toMatch(/^CB1\./);
  return code;
}

/** A new device joins with the code and signs in (as `user`); it shows Personen once synchronised. */
export async function joinWithCode(
  page: Page,
  baseURL: string,
  code: string,
  user?: { name: string; passphrase: string },
): Promise<void> {
  await page.goto(baseURL);
  await page.getByRole('button', { name: 'Einem Team beitreten' }).click();
  await page.getByRole('textbox', { name: 'Einladung' }).fill(code);
  await page.getByRole('button', { name: 'Beitreten' }).click();
  await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
  await signIn(page, user);
  await page.getByRole('link', { name: 'Personen', exact: true }).click();
  await expect(syncStatus(page)).toContainText('synchronisiert');
}

/** Changes the shown person's Ort and confirms "Änderung begründen" with a comment. */
export async function saveOrt(page: Page, ort: string, comment: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Ort', exact: true }).fill(ort);
  await page.getByRole('button', { name: 'Speichern' }).click();
  const dialog = page.getByRole('dialog', { name: 'Änderung begründen' });
  await dialog.getByRole('textbox', { name: 'Kommentar' }).fill(comment);
  await dialog.getByRole('button', { name: 'Bestätigen' }).click();
  await expect(dialog).toBeHidden();
}

/** How long replication between pages may take on a loaded 2-core machine: seconds, at times many. */
export const SYNCED = { timeout: 60_000, interval: 250 };

/** The team's member in the browser tests. */
export const MIA = { name: 'mia', passphrase: 'Mias eigene Passphrase' };

/** Until the server holds every user and key grant `page` has (a new device joins with what is there). */
export async function teamOnServer(page: Page, server: SyncServer, book: string): Promise<void> {
  const ids = [
    ...(await rawTable(page, 'users').keys()).map((k) => `users:${k}`),
    ...(await rawTable(page, 'keyGrants').keys()).map((k) => `keyGrants:${k}`),
  ];
  const held = async (id: string) =>
    (await fetch(`${server.url}${book}/${encodeURIComponent(id)}`, { headers: adminHeaders(server) })).status;
  for (const id of ids) await vitestExpect.poll(() => held(id), SYNCED).toBe(200);
}

/**
 * The team tests' start on A: the book made on the server, the administrator set up with one person
 * (`Ort` Anfangsdorf), the book connected with the server administrator — who makes members' own
 * accounts (README, "Server accounts").
 */
export async function adminBook(
  a: Page,
  server: SyncServer,
  book: string,
  baseURL: string,
  person: { Vorname: string; Name: string },
): Promise<void> {
  await createBook(server, book);
  await setUpAdministrator(a, baseURL);
  await createPerson(a, { ...person, Ort: 'Anfangsdorf' });
  await connectBook(a, server, book, server.admin);
}

/**
 * Einstellungen on A: Mia added as a user who may edit persons, on the server with her key grant;
 * the invitation her device joins with (a new one after `previous`).
 */
export async function inviteMia(a: Page, server: SyncServer, book: string, previous = ''): Promise<string> {
  await openSection(a, 'Einstellungen');
  await createUser(a, { ...MIA, staffNumber: 'P-7' }, ['Personen bearbeiten']);
  await teamOnServer(a, server, book);
  return invite(a, previous);
}
