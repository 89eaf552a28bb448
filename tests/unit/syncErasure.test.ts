// Erasure reaches every device (issue 20, item 3), against the REAL sync server started as a
// process by the test (its pid recorded and ended): a person erased on A is gone from B and C —
// records, key secret, directory bucket — although B changed them offline; B's change is refused
// where it arrives (quarantined, the person stays erased), no replica or server leaf keeps their key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePerson, openDatabase, savePerson, signIn, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import {
  configureSync,
  exportBookKey,
  listConflicts,
  listQuarantine,
  pullBook,
  startSync,
  stopSync,
  syncNow,
  type SyncConfig,
} from '../../src/data/sync';
import { bucketOf } from '../../src/data/core/derived';
import { startSyncServer, type SyncServer } from '../syncServer.mjs';
import { anna, CONTRACT, freshDb } from './helpers';

let server: SyncServer;
const open: ConsentbookDB[] = [];

beforeAll(async () => {
  server = await startSyncServer();
});

afterAll(async () => {
  for (const db of open) await stopSync(db);
  await server.stop();
  // Exactly the recorded process is gone (signal 0 only asks whether it exists).
  expect(() => process.kill(server.pid, 0)).toThrow(/ESRCH/);
});

function auth(): Record<string, string> {
  const { username, password } = server.admin;
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const PASSPHRASE = 'correct horse battery';

async function join(config: SyncConfig, key: Uint8Array): Promise<ConsentbookDB> {
  const db = openDatabase(`device-${crypto.randomUUID()}`);
  open.push(db);
  await pullBook(db, config, key);
  await startSync(db, await signIn(db, 'admin', PASSPHRASE));
  return db;
}

/** Every leaf the server holds of a document. */
async function serverLeaves(config: SyncConfig, docId: string): Promise<Record<string, unknown>[]> {
  const r = await fetch(`${server.url}${config.database}/${encodeURIComponent(docId)}?open_revs=all`, {
    headers: { ...auth(), accept: 'application/json' },
  });
  return ((await r.json()) as { ok?: Record<string, unknown> }[]).flatMap((x) => (x.ok ? [x.ok] : []));
}

describe('erasure everywhere', { timeout: 120_000 }, () => {
  it('a person erased on A is gone from B and C after sync although B changed them offline', async () => {
    const database = `book-${crypto.randomUUID()}`;
    expect((await fetch(server.url + database, { method: 'PUT', headers: auth() })).status).toBe(201);
    const config: SyncConfig = { serverUrl: server.url, database, ...server.admin };
    const { db: a, admin: adminA } = await freshDb();
    open.push(a);
    const person = await savePerson(a, adminA, anna({ lastName: 'Vergessenwerden', city: 'Löschingen' }), CONTRACT);
    await configureSync(a, adminA, config);
    await startSync(a, adminA);
    await until('A pushed', async () => (await rawConnection(a).outbox.count()) === 0);
    const b = await join(config, exportBookKey(a, adminA));
    const c = await join(config, exportBookKey(a, adminA));
    for (const db of [b, c]) expect(await db.persons.get(person.id)).toBeTruthy();

    // B's change of the person, as the server held it (with their key, sealed): put back later as a late edit.
    const adminB0 = await signIn(b, 'admin', PASSPHRASE);
    await savePerson(b, adminB0, { ...(await b.persons.get(person.id))!, city: 'Zwischenstand' }, CONTRACT);
    await syncNow(b);
    await until('B’s change on A', async () => (await a.persons.get(person.id))?.city === 'Zwischenstand');
    await until('B’s change on C', async () => (await c.persons.get(person.id))?.city === 'Zwischenstand');
    const docUrl = `${server.url}${database}/${encodeURIComponent(`persons:${person.id}`)}`;
    const asItStood = (await (await fetch(docUrl, { headers: auth() })).json()) as Record<string, unknown>;

    // B goes offline and changes the person; A erases them meanwhile.
    await stopSync(b);
    const adminB = await signIn(b, 'admin', PASSPHRASE);
    await savePerson(b, adminB, { ...(await b.persons.get(person.id))!, city: 'Offlinedorf' }, CONTRACT);
    await deletePerson(a, adminA, person.id, { purposeId: '', comment: 'Löschung nach Art. 17 verlangt' });
    await syncNow(a);
    await until('erased on C', async () => !(await c.persons.get(person.id)));

    await startSync(b, adminB);
    await until('erased on B', async () => !(await rawConnection(b).persons.get(person.id)));
    await syncNow(b);
    await until('B sent all', async () => (await rawConnection(b).outbox.count()) === 0);
    await syncNow(a);
    await syncNow(c);
    for (const db of [a, b, c]) {
      const raw = rawConnection(db);
      expect(await raw.persons.get(person.id)).toBeUndefined();
      expect(await raw.personKeys.get(person.id)).toBeUndefined();
      expect(await raw.erasures.get(person.id)).toBeTruthy();
      expect(await raw.consents.where('personId').equals(person.id).count()).toBe(0);
      expect(await raw.directory.get(bucketOf(person.id))).toBeUndefined();
      expect(await listConflicts(db)).toEqual([]);
      // Whether B's edit reached a device before its own deletion did depends on timing; if it did, it was refused.
      for (const q of await listQuarantine(db))
        if (q.docId === `persons:${person.id}`) expect(q.reason).toBe('its person was erased');
    }
    // B's offline branch is gone from the server too: every leaf left there is the sealed tombstone, without a key.
    await until('B’s branch deleted on the server', async () => {
      const leaves = await serverLeaves(config, `persons:${person.id}`);
      return leaves.filter((l) => !l._deleted).every((l) => l.deleted === true);
    });
    const leaves = await serverLeaves(config, `persons:${person.id}`);
    expect(leaves.some((l) => l.deleted === true)).toBe(true);
    expect(leaves.every((l) => l.key === undefined)).toBe(true);

    // A change of the person arriving later (here: B's earlier version put back on the server as a
    // new revision) is refused on the other devices, and B skips it as its own: the person stays erased.
    const current = (await (await fetch(docUrl, { headers: auth() })).json()) as { _rev: string };
    const put = await fetch(docUrl, {
      method: 'PUT',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ ...asItStood, _rev: current._rev }),
    });
    expect(put.status).toBe(201);
    for (const db of [a, c]) {
      await until('the late edit refused', async () =>
        (await listQuarantine(db)).some(
          (q) => q.docId === `persons:${person.id}` && q.reason === 'its person was erased',
        ),
      );
      expect(await rawConnection(db).persons.get(person.id)).toBeUndefined();
    }
    await syncNow(b);
    expect(await rawConnection(b).persons.get(person.id)).toBeUndefined();
  });
});
