/**
 * Three devices on one book through the sync server (issue 20, "Show"): a person erased on A is
 * gone from B and C although B changed them offline; a hand-made PUT of a changed audit entry is
 * refused by the server (403); a device's audit chain cut back by hand (a raw IndexedDB edit) is
 * named, with its device, by "Protokoll prüfen" on another device. Browser tests are slow: one
 * server and one team of devices (three contexts, each its own storage) serve the file's cases,
 * in order.
 */
import { createServer, type Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect as vitestExpect, inject, it } from 'vitest';
import { sealInvitation } from '../../src/data/sync/invitation';
import { createPerson, expect, openSection, rawTable, screenshot, setUpAdministrator, signIn } from './helpers';
import {
  connectBook,
  createBook,
  invite,
  joinWithCode,
  saveOrt,
  syncStatus,
  useDevices,
  useSyncServer,
  type Account,
  type Device,
} from './syncHelpers';

const server = useSyncServer();
const openDevice = useDevices();
const BOOK = 'book-team';
const SLOW = 240_000;

let account: Account;

/** A connects a book with one person; B and C join it, each with an invitation of its own. */
async function setUpTeam(): Promise<Record<'a' | 'b' | 'c', Device>> {
  account = await createBook(server(), BOOK);
  const a = await openDevice();
  await setUpAdministrator(a.page, inject('baseURL'));
  await createPerson(a.page, { Vorname: 'Erika', Name: 'Vergessenwerden', Ort: 'Löschstadt' });
  await connectBook(a.page, server(), BOOK, account);
  const joined: Device[] = [];
  let code = '';
  for (let i = 0; i < 2; i++) {
    code = await invite(a.page, code);
    const device = await openDevice();
    await joinWithCode(device.page, inject('baseURL'), code);
    await expect(device.page.getByRole('link', { name: /Vergessenwerden/ })).toBeVisible();
    joined.push(device);
  }
  return { a, b: joined[0], c: joined[1] };
}

let team: Promise<Record<'a' | 'b' | 'c', Device>> | undefined;
/** The team, set up by the first case that needs it (polling assertions run only inside a test). */
const devices = () => (team ??= setUpTeam());

/** A value of this device's settings, read below the app (raw IndexedDB). */
async function rawSetting(page: Page, key: string): Promise<unknown> {
  return (await rawTable(page, 'settings').get<{ value?: unknown }>(key))?.value;
}

/**
 * By hand, below the app: this device's own audit entries after `lastSeq` go and the chain's head
 * as it stood then comes back (its MAC holds: the thorough attacker's cut).
 */
function cutChain(page: Page, head: { lastSeq: number }): Promise<number> {
  return page.evaluate(async (head) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const req = indexedDB.open('consentbook');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    const tx = db.transaction(['auditLog', 'settings'], 'readwrite');
    let removed = 0;
    const cursor = tx.objectStore('auditLog').openCursor(IDBKeyRange.lowerBound(head.lastSeq, true));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      if (!(at.value as { origin?: string }).origin) {
        at.delete();
        removed++;
      }
      at.continue();
    };
    tx.objectStore('settings').put({ key: 'auditHead', value: head });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(String(tx.error)));
    });
    db.close();
    return removed;
  }, head);
}

/** Protokoll → "Protokoll prüfen"; the finding as shown. */
async function checkLog(page: Page): Promise<string> {
  await openSection(page, 'Protokoll');
  await page.getByRole('button', { name: 'Protokoll prüfen' }).click();
  const shown = page.locator('.audit-integrity-result');
  const result = shown.getByRole('alert').or(shown.getByRole('status').filter({ hasText: 'unverändert' }));
  await result.first().waitFor();
  return result.first().innerText();
}

describe('three devices on one book', () => {
  it(
    'a person erased on A is gone from B and C after sync although B changed them offline',
    async () => {
      const { a, b, c } = await devices();
      await b.page.getByRole('link', { name: /Vergessenwerden/ }).click();
      // The form's lazy parts loaded before the network goes.
      await expect(b.page.getByRole('heading', { name: 'Geschäftsvorfälle' })).toBeVisible();
      await b.setOffline(true);
      await expect(syncStatus(b.page)).toContainText('offline');
      await saveOrt(b.page, 'Offlinedorf', 'Umzug, offline erfasst');

      await a.page.getByRole('link', { name: 'Personen', exact: true }).click();
      await a.page.getByRole('link', { name: /Vergessenwerden/ }).click();
      await a.page.getByRole('button', { name: 'Löschen' }).click();
      const del = a.page.getByRole('dialog', { name: 'Person löschen' });
      await del.getByRole('textbox', { name: 'Kommentar' }).fill('Löschung nach Art. 17 verlangt');
      await del.getByRole('button', { name: 'Löschen' }).click();
      await expect(a.page.getByRole('status').filter({ hasText: 'gelöscht' })).toBeVisible();
      await expect(c.page.getByRole('link', { name: /Vergessenwerden/ })).toHaveCount(0);

      // B back online: its change does not bring the person back, on B or anywhere.
      await b.setOffline(false);
      await b.page.getByRole('link', { name: 'Personen', exact: true }).click();
      await vitestExpect
        .poll(() => b.page.getByRole('link', { name: /Vergessenwerden/ }).count(), { timeout: 60_000, interval: 250 })
        .toBe(0);
      for (const { page } of [b, a, c]) {
        await expect(syncStatus(page)).toContainText('synchronisiert');
        await page.getByRole('link', { name: 'Personen', exact: true }).click();
        await expect(page.getByRole('link', { name: /Vergessenwerden/ })).toHaveCount(0);
      }
      // A holds B's entry of the change (B's chain is proof of it). Where B's version reached A
      // before the erasure reached B, A refused it — held back, and the entry is marked so; else B
      // dropped it itself with the person, and A holds no version of it to mark the entry by.
      await openSection(a.page, 'Protokoll');
      const refused = (await rawTable(a.page, 'quarantine').rows<{ docId: string }>()).filter((q) =>
        q.docId.startsWith('persons:'),
      );
      const held = a.page.getByRole('row').filter({ hasText: 'zurückgehalten — nicht übernommen' });
      await vitestExpect.poll(() => held.count(), { timeout: 60_000, interval: 250 }).toBe(refused.length ? 1 : 0);
      if (refused.length) await expect(held).toContainText('Ort');
      if (refused.length) await held.scrollIntoViewIfNeeded();
      await screenshot(a.page, 'sync-team-held-back-entry');
    },
    SLOW,
  );

  it(
    'a hand-made PUT of a changed audit entry is refused by the server (403)',
    async () => {
      await devices();
      const headers = {
        Authorization: `Basic ${btoa(`${account.username}:${account.password}`)}`,
        'Content-Type': 'application/json',
      };
      const range = `startkey=${encodeURIComponent('"auditLog:"')}&endkey=${encodeURIComponent('"auditLog:\ufff0"')}`;
      const list = (await (
        await fetch(`${server().url}${BOOK}/_all_docs?${range}&include_docs=true&limit=1`, { headers })
      ).json()) as { rows: { doc: { _id: string; _rev: string; body: string } }[] };
      const entry = list.rows[0].doc;
      const url = `${server().url}${BOOK}/${encodeURIComponent(entry._id)}`;
      const put = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ ...entry, body: 'AAAA' }) });
      vitestExpect(put.status).toBe(403);
      const kept = (await (await fetch(url, { headers })).json()) as typeof entry;
      vitestExpect(kept).toMatchObject({ _rev: entry._rev, body: entry.body });
    },
    SLOW,
  );

  it(
    'a chain cut back by hand on A is named, with A, by "Protokoll prüfen" on C',
    async () => {
      const { a, c } = await devices();
      const deviceA = String(await rawSetting(a.page, 'syncDevice'));
      const before = (await rawSetting(a.page, 'auditHead')) as { lastSeq: number };
      await createPerson(a.page, { Vorname: 'Spur', Name: 'Kettenende', Ort: 'Kettenstadt' });
      await expect(syncStatus(a.page)).toContainText('synchronisiert');
      await c.page.getByRole('link', { name: 'Personen', exact: true }).click();
      await expect(c.page.getByRole('link', { name: /Kettenende/ })).toBeVisible();
      // The check names every chain it verified: C's own and A's and B's, by their users.
      const verdict = await checkLog(c.page);
      vitestExpect(verdict).toMatch(/^Protokoll unverändert: \d+ Einträge geprüft — \d+ dieses Geräts, /);
      vitestExpect(verdict).toMatch(new RegExp(`\\d+ vom Gerät ${deviceA.slice(0, 8)} \\(admin\\)`));
      vitestExpect(verdict).toContain('jede Kette lückenlos verkettet');
      await screenshot(c.page, 'sync-team-log-check-chains');
      await openSection(c.page, 'Übersicht');
      const chains = c.page.getByText(/\d+ dieses Geräts, \d+ vom Gerät/);
      await expect(chains).toBeVisible();
      await chains.scrollIntoViewIfNeeded();
      await screenshot(c.page, 'sync-team-overview-chains');

      // By hand on A; A then writes on over the cut (a new entry where the old ones stood).
      vitestExpect(await cutChain(a.page, before)).toBeGreaterThan(0);
      await a.page.reload();
      await signIn(a.page);
      await createPerson(a.page, { Vorname: 'Neu', Name: 'Ueberschrieben', Ort: 'Kettenstadt' });
      // A's own check writes A's checkpoint of its chain as it now stands; it reaches C, whose copy
      // of A's chain the server kept whole (the rewritten entry is refused there).
      await checkLog(a.page);
      await vitestExpect
        .poll(() => checkLog(c.page), { timeout: 60_000, interval: 1_000 })
        .toContain(`Kette des Geräts ${deviceA.slice(0, 8)}`);
      vitestExpect(await checkLog(c.page)).toMatch(/Protokoll (verändert|gekürzt)/);
      // "Protokoll gegen Nachweis prüfen" names the problem as "Protokoll prüfen" does: in A's chain.
      const against = c.page.getByRole('form', { name: 'Protokoll gegen Nachweis prüfen' });
      await against.getByLabel('Prüfcode').fill('9999:9f2c-4e0b-7d1a-5c3e-8f6b-2d4a');
      await against.getByRole('button', { name: 'Protokoll gegen Nachweis prüfen' }).click();
      await expect(against.getByRole('alert').first()).toContainText(`Kette des Geräts ${deviceA.slice(0, 8)}`);
    },
    SLOW,
  );
});

/** The names of this device's sync replicas (PouchDB's IndexedDB databases) — none after a stopped join. */
function replicas(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).flatMap(({ name }) => (name?.includes('consentbook-sync-') ? [name] : [])),
  );
}

/** A server that accepts connections and never answers; closed with the connections it holds. */
async function silentServer(): Promise<{ url: string; asked: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const listener = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    asked: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => listener.close(() => resolve()));
    },
  };
}

describe('joining when the server does not answer', () => {
  it('Abbrechen while the invitation is checked: the form again, the code kept, nothing connected', async () => {
    const silent = await silentServer();
    try {
      const { code } = await sealInvitation(
        { serverUrl: silent.url, database: 'book-silent', username: 'team-silent', password: 'unheard' },
        crypto.getRandomValues(new Uint8Array(32)),
      );
      const { page } = await openDevice();
      await page.goto(inject('baseURL'));
      await page.getByRole('button', { name: 'Einem Team beitreten' }).click();
      const box = page.getByRole('textbox', { name: 'Einladung' });
      await box.fill(code);
      await page.getByRole('button', { name: 'Beitreten' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Einladung wird geprüft' })).toBeVisible();
      await vitestExpect.poll(silent.asked).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Abbrechen' }).click();

      await expect(page.getByRole('alert')).toContainText('Die Einladung ist noch nicht verbraucht');
      await expect(box).toBeEnabled();
      await expect(box).toHaveValue(code);
      await expect(page.getByRole('button', { name: 'Beitreten' })).toBeFocused();
      vitestExpect(await rawSetting(page, 'sync')).toBeUndefined();
      vitestExpect(await replicas(page)).toEqual([]);
      // Usable again: the form takes another code.
      await box.fill('CB1.anders');
      await page.getByRole('button', { name: 'Beitreten' }).click();
      await expect(page.getByRole('alert')).toContainText('Einladung');
      await expect(box).toHaveValue('CB1.anders');
    } finally {
      await silent.close();
    }
  });

  it('Laden abbrechen while the book is pulled (its changes never come): no replica, nothing connected', async () => {
    const book = 'book-pull-stopped';
    const team = await createBook(server(), book);
    const config = { serverUrl: server().url, database: book, ...team };
    const { code, docId, record } = await sealInvitation(config, crypto.getRandomValues(new Uint8Array(32)));
    const put = await fetch(`${server().url}${book}/${encodeURIComponent(docId)}`, {
      method: 'PUT',
      headers: {
        authorization: `Basic ${btoa(`${team.username}:${team.password}`)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(record),
    });
    vitestExpect(put.status).toBe(201);
    const { page } = await openDevice();
    // The replication's changes are never answered: the pull stays under way until stopped.
    await page.route(`**/${book}/_changes**`, () => undefined);
    await page.goto(inject('baseURL'));
    await page.getByRole('button', { name: 'Einem Team beitreten' }).click();
    await page.getByRole('textbox', { name: 'Einladung' }).fill(code);
    const changes = page.waitForRequest((r) => r.url().includes(`/${book}/_changes`));
    await page.getByRole('button', { name: 'Beitreten' }).click();
    await changes;
    // The replica is there while the pull waits.
    vitestExpect(await replicas(page)).toHaveLength(1);
    await page.getByRole('button', { name: 'Laden abbrechen' }).click();

    await expect(page.getByRole('alert')).toContainText('Die Einladung ist verbraucht');
    vitestExpect(await replicas(page)).toEqual([]);
    // The code is used: the next step is another one.
    await expect(page.getByRole('textbox', { name: 'Einladung' })).toBeFocused();
  });
});
