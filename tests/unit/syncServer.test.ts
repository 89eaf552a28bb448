// The development sync server (`npm run sync-server`), started as a real process: it speaks the
// CouchDB API, enforces validate_doc_update, and — the patched pouchdb-server bug #419 — really
// stores updates that arrive by replication while a validate_doc_update is installed — and it stays
// up when an account stops being a member while its long poll is in flight, or when an account
// that is not the server admin asks to create a database (the other patches).
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../syncServer.mjs';

const Pouch = PouchDB.plugin(httpAdapter).plugin(memoryAdapter).plugin(replication);

// Refuses documents without a type and any change of a document's type (as the sync rules will
// refuse changes a device may not make).
const RULES = {
  _id: '_design/rules',
  validate_doc_update: `function (newDoc, oldDoc) {
    if (newDoc._deleted) return;
    if (typeof newDoc.type !== 'string') throw { forbidden: 'type is required' };
    if (oldDoc && oldDoc.type !== newDoc.type) throw { forbidden: 'type cannot change' };
  }`,
};

let server: SyncServer;

beforeAll(async () => {
  server = await startSyncServer();
});

afterAll(async () => {
  // Not set if the server failed to start.
  const started = server as SyncServer | undefined;
  await started?.stop();
  // Exactly the recorded process is gone (signal 0 only asks whether it exists).
  if (started) expect(() => process.kill(started.pid, 0)).toThrow(/ESRCH/);
});

function asAdmin(): Record<string, string> {
  const { username, password } = server.admin;
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

/** The fields of the server's JSON answers that these tests read. */
interface Answer {
  rev?: string;
  type?: string;
  'pouchdb-adapters'?: string[];
  _revisions?: { ids: string[] };
}

async function call(method: string, path: string, body?: unknown, anonymous = false) {
  const response = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(anonymous ? {} : asAdmin()) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

function remote(db: string) {
  const { username, password } = server.admin;
  return new Pouch(server.url + db, { auth: { username, password } });
}

describe('sync server', () => {
  it('answers the CouchDB API: welcome, databases, _security', async () => {
    const root = await call('GET', '', undefined, true);
    expect(root.status).toBe(200);
    expect(root.body['pouchdb-adapters']).toEqual(['memory']);

    expect(await call('PUT', 'api-book')).toMatchObject({ status: 201, body: { ok: true } });
    expect((await call('PUT', 'api-book')).status).toBe(412);

    const security = { admins: { names: [], roles: [] }, members: { names: ['device-a'], roles: [] } };
    expect((await call('PUT', 'api-book/_security', security)).body).toEqual({ ok: true });
    expect((await call('GET', 'api-book/_security')).body).toEqual(security);
    // Members only now: an anonymous client is refused.
    expect((await call('GET', 'api-book/_all_docs', undefined, true)).status).toBe(401);
  });

  it('refuses a direct change that validate_doc_update forbids with 403', async () => {
    await call('PUT', 'rules-book');
    expect((await call('PUT', 'rules-book/_design/rules', RULES)).status).toBe(201);

    const created = await call('PUT', 'rules-book/p1', { type: 'person' });
    expect(created.status).toBe(201);
    const refused = await call('PUT', 'rules-book/p1', { _rev: created.body.rev, type: 'audit' });
    expect(refused).toEqual({ status: 403, body: { error: 'forbidden', reason: 'type cannot change' } });
    expect((await call('PUT', 'rules-book/p2', { name: 'no type' })).status).toBe(403);
    expect((await call('GET', 'rules-book/p1')).body.type).toBe('person');
  });

  it('stores updates replicated in (_bulk_docs, new_edits=false) while validate_doc_update is installed', async () => {
    await call('PUT', 'replica-book');
    await call('PUT', 'replica-book/_design/rules', RULES);
    const device = new Pouch('device-a', { adapter: 'memory' });
    const book = remote('replica-book');

    const first = await device.put({ _id: 'p1', type: 'person', sealed: 'v1' });
    expect((await device.replicate.to(book)).docs_written).toBe(1);
    const second = await device.put({ _id: 'p1', _rev: first.rev, type: 'person', sealed: 'v2' });
    const third = await device.put({ _id: 'p1', _rev: second.rev, type: 'person', sealed: 'v3' });
    const pushed = await device.replicate.to(book);
    expect(pushed.docs_written).toBe(1);
    expect(pushed.doc_write_failures).toBe(0);

    // Unpatched, the server answered "written" above but still holds v1.
    const stored = (await call('GET', 'replica-book/p1?revs=true')).body;
    expect(stored).toMatchObject({ _rev: third.rev, sealed: 'v3' });
    expect(stored._revisions!.ids).toHaveLength(3);

    // Replication is still validated: a replicated change of the type is refused, not stored.
    await device.put({ _id: 'p1', _rev: third.rev, type: 'audit', sealed: 'v4' });
    const refused = await device.replicate.to(book);
    expect(refused.doc_write_failures).toBe(1);
    expect((await call('GET', 'replica-book/p1')).body).toMatchObject({ _rev: third.rev, sealed: 'v3' });

    // And a second device pulls what the first pushed.
    const deviceB = new Pouch('device-b', { adapter: 'memory' });
    await deviceB.replicate.from(book);
    expect(await deviceB.get('p1')).toMatchObject({ _rev: third.rev, sealed: 'v3' });
    await Promise.all([device.destroy(), deviceB.destroy()]);
  });

  it('stays up when a member is removed while their long poll is in flight; their next poll is refused', async () => {
    // A long poll asks for the changes so far, then (none found) opens a live feed; both pass the
    // member check. Unpatched, a refusal at the second check went unhandled and ended the server.
    // Scanning 10,000 documents keeps the first step busy long enough for the removal to land
    // between the two checks; where exactly is found by trying.
    await call('PUT', 'polled');
    const mia = { name: 'mia-polling', password: 'her-secret' };
    await call('PUT', `_users/org.couchdb.user:${mia.name}`, { ...mia, roles: [], type: 'user' });
    const members = (names: string[]) =>
      call('PUT', 'polled/_security', { admins: { names: [], roles: [] }, members: { names, roles: [] } });
    const docs = Array.from({ length: 10_000 }, (_, i) => ({ _id: `d${i}` }));
    expect((await call('POST', 'polled/_bulk_docs', { docs })).status).toBe(201);
    const asMia = { authorization: `Basic ${Buffer.from(`${mia.name}:${mia.password}`).toString('base64')}` };
    const poll = (signal?: AbortSignal) =>
      fetch(`${server.url}polled/_changes?feed=longpoll&since=0&filter=_doc_ids&doc_ids=%5B%22none%22%5D`, {
        headers: asMia,
        signal,
      });

    // Refused at once: the removal came before the first check — remove later. Still open after
    // 3 s: it came after the second — remove earlier. An empty answer: it came in between.
    let [early, late, delay] = [0, 2_000, 40];
    let answer: { status: number; body: string } | undefined;
    for (let attempt = 0; attempt < 12 && answer?.status !== 200; attempt++) {
      expect((await members([server.admin.username, mia.name])).status).toBe(200);
      const polled = poll(AbortSignal.timeout(3_000)).then(
        async (r) => ({ status: r.status, body: await r.text() }),
        () => undefined,
      );
      await new Promise((r) => setTimeout(r, delay));
      expect((await members([server.admin.username])).status).toBe(200);
      answer = await polled;
      if (answer?.status === 401) early = delay;
      if (!answer) late = delay;
      delay = answer?.status === 401 && late === 2_000 ? delay * 2 : Math.round((early + late) / 2);
    }
    // The poll that was in flight ends as an empty answer …
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer!.body) as unknown).toEqual({ results: [], last_seq: expect.anything() as unknown });
    // … the server still answers, and Mia's next poll is refused.
    expect((await call('GET', '', undefined, true)).status).toBe(200);
    expect((await poll()).status).toBe(401);
  });

  it('refuses to create a database for anyone but the server admin with 401, and stays up', async () => {
    // Unpatched, one such request (the CORS answer lets any web page send it) ended the server.
    const anonymous = await call('PUT', 'not-yours', undefined, true);
    expect(anonymous).toEqual({ status: 401, body: expect.objectContaining({ error: 'unauthorized' }) as unknown });
    const user = { name: 'no-admin', password: 'just-a-user' };
    await call('PUT', `_users/org.couchdb.user:${user.name}`, { ...user, roles: [], type: 'user' });
    const asUser = { authorization: `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}` };
    expect((await fetch(`${server.url}not-yours-either`, { method: 'PUT', headers: asUser })).status).toBe(401);
    // The server still answers, and neither database exists.
    const databases = (await call('GET', '_all_dbs')).body as string[];
    expect(databases).not.toContain('not-yours');
    expect(databases).not.toContain('not-yours-either');
    expect((await call('PUT', 'made-by-the-admin')).status).toBe(201);
  });
});
