/**
 * SyncStatus.pending counts this device's changes the server has not acknowledged (sync/unpushed.ts):
 * the pump empties the outbox into the local replica at once, online or not, so the outbox alone
 * read 0 while a change made offline waited in the replica. The rule's steps in isolation, then a
 * book on a real server of its own that goes away: a save made then is counted, once per record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePerson } from '../../src/data';
import { configureSync, getSyncStatus, startSync, stopSync, syncNow } from '../../src/data/sync';
import { afterPush, afterWrite, pendingChanges, TRACKED_MAX, type Unpushed } from '../../src/data/sync/unpushed';
import { startSyncServer, type SyncServer } from '../syncServer.mjs';
import { anna, CONTRACT, freshDb, until } from './helpers';

const NONE: Unpushed = { pushed: 0, docs: {} };

describe('the pending count', () => {
  it('keeps what the pump wrote until the push checkpoints past it', () => {
    const written = afterWrite(NONE, ['persons:p1', 'auditLog:dev:1'], 7);
    expect(pendingChanges(written, [])).toBe(1);
    // A checkpoint short of the write leaves it; one at or past it drops it.
    expect(pendingChanges(afterPush(written, 6), [])).toBe(1);
    const pushed = afterPush(written, 7);
    expect(pushed).toEqual({ pushed: 7, docs: {} });
    expect(pendingChanges(pushed, [])).toBe(0);
    // A write the push had checkpointed past already (it ran between the write and its record) is not kept.
    expect(afterWrite(pushed, ['persons:p2'], 7)).toBe(pushed);
    // An older checkpoint (a restarted replication's first batch) changes nothing.
    expect(afterPush(pushed, 3)).toBe(pushed);
  });

  it('counts each record once, in the outbox or in the replica, and the log only when no record waits', () => {
    const state = afterWrite(afterWrite(NONE, ['persons:p1', 'auditLog:dev:1'], 5), ['persons:p1', 'consents:c1'], 9);
    expect(pendingChanges(state, [])).toBe(2);
    const outbox = [
      { table: 'persons', key: 'p1' },
      { table: 'persons', key: 'p2' },
      { table: 'auditLog', key: 12 },
    ];
    expect(pendingChanges(state, outbox)).toBe(3);
    // Rows beyond those read count one each.
    expect(pendingChanges(state, outbox, 4)).toBe(7);
    // Only log entries waiting (an export logged): they are the change.
    expect(
      pendingChanges(afterWrite(NONE, ['auditLog:dev:1', 'auditLog:dev:2'], 3), [{ table: 'auditLog', key: 3 }]),
    ).toBe(3);
    expect(pendingChanges(NONE, [])).toBe(0);
  });

  it("keeps a whole book's first push small: past TRACKED_MAX documents each batch is one count", () => {
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `persons:p${from + i}`);
    let state = afterWrite(NONE, ids(0, TRACKED_MAX - 2), 10);
    state = afterWrite(state, ids(TRACKED_MAX - 2, 500), 20);
    state = afterWrite(state, ids(TRACKED_MAX + 498, 500), 30);
    expect(Object.keys(state.docs)).toHaveLength(TRACKED_MAX);
    expect(state.beyond).toEqual([
      [20, 498],
      [30, 500],
    ]);
    expect(pendingChanges(state, [])).toBe(TRACKED_MAX + 998);
    // A document already kept is kept again, not counted beyond.
    expect(afterWrite(state, ['persons:p0'], 40).beyond).toEqual(state.beyond);
    // The push's checkpoints drop the batches they passed, as they drop the documents.
    expect(pendingChanges(afterPush(state, 20), [])).toBe(500);
    expect(afterPush(state, 30)).toEqual({ pushed: 30, docs: {} });
  });
});

describe('a device whose server went away', { timeout: 120_000 }, () => {
  let server: SyncServer | undefined;
  beforeAll(async () => {
    server = await startSyncServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('says how many of its changes wait: 0 once pushed, each record saved offline once', async () => {
    if (!server) throw new Error('no server');
    const database = `book-${crypto.randomUUID()}`;
    const { username, password } = server.admin;
    const auth = { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
    expect((await fetch(server.url + database, { method: 'PUT', headers: auth })).status).toBe(201);
    const { db, admin } = await freshDb();
    try {
      const first = await savePerson(db, admin, anna({ lastName: 'Vorherberg' }), CONTRACT);
      await configureSync(db, admin, { serverUrl: server.url, database, username, password });
      await startSync(db, admin);
      // Online: what was sent is acknowledged by the push's checkpoint, and nothing waits.
      await until('synchronised', () => Promise.resolve(getSyncStatus(db).state === 'synced'));
      expect(getSyncStatus(db).pending).toBe(0);

      await server.stop();
      const second = await savePerson(db, admin, anna({ lastName: 'Offlinehausen' }), CONTRACT);
      await syncNow(db);
      // The outbox went into the replica; the server has not got it.
      await until('one change pending', () => Promise.resolve(getSyncStatus(db).pending === 1));
      await savePerson(db, admin, { ...second, city: 'Zweitort' }, { ...CONTRACT, comment: 'Umzug' });
      await savePerson(db, admin, { ...first, city: 'Drittort' }, { ...CONTRACT, comment: 'Umzug' });
      await syncNow(db);
      await until('two records pending', () => Promise.resolve(getSyncStatus(db).pending === 2));
      expect(getSyncStatus(db).pending).toBe(2);
    } finally {
      await stopSync(db);
    }
  });
});
