/**
 * A document that waits for what has not arrived — its author's record, here one that never
 * comes — is set aside, not a stop for every document after it (sync/feed.ts): the feed goes on,
 * and the set-aside document is applied once what it needs arrives, or goes when a later version
 * of it does. Before, one such document (a gone device's, or made up) stopped every device's
 * feed for good.
 */
import { describe, expect, it, vi } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { rawConnection } from '../../src/data/db';
import { toDoc } from '../../src/data/sync/docs';
import { applyFeed } from '../../src/data/sync/feed';
import { listWaiting } from '../../src/data/sync/engine';
import { localPouch } from '../../src/data/sync/pouch';
import { SYNC_WAITING_KEY } from '../../src/data/middleware/outbox';
import { DEFAULT_PURPOSES } from '../../src/domain/purpose';
import { freshDb } from './helpers';

const purpose = (id: string, name = `Zweck ${id}`) => ({
  ...DEFAULT_PURPOSES[0],
  id,
  name,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** A device's book and its replica, with another device's documents to put in it and the user they wait for. */
async function replicaBook() {
  const { db } = await freshDb();
  const raw = rawConnection(db);
  const admin = (await raw.users.toArray())[0];
  const local = await localPouch(db.name);
  const doc = (table: string, key: string, author: string, record: object) =>
    toDoc(db.keyring, { id: `${table}:${key}`, table, author, device: 'dev-b' }, record as never);
  /** The newcomer's record, made by the administrator. */
  const newcomer = () =>
    doc('users', 'newcomer', admin.id, {
      ...admin,
      id: 'newcomer',
      name: 'newcomer',
      isAdmin: false,
      permissions: ['manageReferenceLists'],
    });
  const setAside = async () => (await raw.settings.get(SYNC_WAITING_KEY))?.value;
  return { db, raw, admin, local, doc, newcomer, setAside };
}

describe('a document waiting for what has not arrived', () => {
  it('is set aside: the feed goes on, and it is applied once its author arrives', async () => {
    const { db, raw, admin, local, doc, newcomer, setAside } = await replicaBook();
    await local.put(doc('purposes', 'p1', 'newcomer', purpose('p1')));
    await local.put(doc('purposes', 'p2', admin.id, purpose('p2')));

    const first = await applyFeed(db, local, 'dev-a');
    expect(first.waiting).toBe(true);
    expect(await raw.purposes.get('p2')).toBeDefined();
    expect(await raw.purposes.get('p1')).toBeUndefined();
    expect(await readHeldBack(db)).toEqual([]);
    expect(Object.keys((await setAside()) as object)).toEqual(['purposes:p1']);
    // Listed with what it waits for and since when (shown beside the held-back changes).
    const [listed] = await listWaiting(db);
    expect(listed).toMatchObject({
      docId: 'purposes:p1',
      type: 'purposes',
      awaited: { type: 'users', key: 'newcomer' },
    });
    expect(Date.parse(listed.since)).toBeGreaterThan(Date.now() - 60_000);

    // Nothing new: nothing applied, still waiting — since the same time.
    expect(await applyFeed(db, local, 'dev-a')).toEqual({ applied: [], waiting: true });
    expect((await listWaiting(db))[0].since).toBe(listed.since);

    // The newcomer's record arrives: the set-aside purpose follows it.
    await local.put(newcomer());
    const second = await applyFeed(db, local, 'dev-a');
    expect(second.waiting).toBe(false);
    expect(await raw.users.get('newcomer')).toBeDefined();
    expect(await raw.purposes.get('p1')).toMatchObject({ name: 'Zweck p1' });
    expect(await setAside()).toEqual({});
    expect(await listWaiting(db)).toEqual([]);
  });

  it('kept by an earlier version (its revision only) is still tried, and listed without what it waits for', async () => {
    const { db, raw, local, doc, newcomer } = await replicaBook();
    const { rev } = await local.put(doc('purposes', 'p1', 'newcomer', purpose('p1')));
    await applyFeed(db, local, 'dev-a');
    await raw.settings.put({ key: SYNC_WAITING_KEY, value: { 'purposes:p1': rev } });
    expect(await listWaiting(db)).toEqual([{ docId: 'purposes:p1', type: 'purposes', since: '' }]);
    await local.put(newcomer());
    expect((await applyFeed(db, local, 'dev-a')).waiting).toBe(false);
    expect(await raw.purposes.get('p1')).toMatchObject({ name: 'Zweck p1' });
  });

  it('goes when a later version of it arrives, which is judged on its own', async () => {
    const { db, raw, admin, local, doc, setAside } = await replicaBook();
    const { rev } = await local.put(doc('purposes', 'p1', 'ghost', purpose('p1')));
    expect((await applyFeed(db, local, 'dev-a')).waiting).toBe(true);
    await local.put({ ...doc('purposes', 'p1', admin.id, purpose('p1', 'Vertrag neu')), _rev: rev });
    expect((await applyFeed(db, local, 'dev-a')).waiting).toBe(false);
    expect(await raw.purposes.get('p1')).toMatchObject({ name: 'Vertrag neu' });
    expect(await setAside()).toEqual({});
  });

  it('is read again only once what it waits for is in the replica, and after it when that one waited too', async () => {
    const { db, raw, admin, local, doc, setAside } = await replicaBook();
    const user = (id: string, author: string) =>
      doc('users', id, author, { ...admin, id, name: id, isAdmin: true, permissions: [] });
    // The purposes wait for the newcomer, whose record waits for the one who made them, not arrived.
    for (const id of ['p1', 'p2', 'p3']) await local.put(doc('purposes', id, 'newcomer', purpose(id)));
    await local.put(user('newcomer', 'maker'));
    expect((await applyFeed(db, local, 'dev-a')).waiting).toBe(true);
    expect(Object.keys((await setAside()) as object).sort()).toEqual([
      'purposes:p1',
      'purposes:p2',
      'purposes:p3',
      'users:newcomer',
    ]);

    const read = vi.spyOn(local, 'get');
    // Nothing new: none of them is read (the newcomer's record waits itself, the maker's is not there).
    expect(await applyFeed(db, local, 'dev-a')).toEqual({ applied: [], waiting: true });
    expect(read).not.toHaveBeenCalled();

    // The maker's record arrives: the newcomer's follows it, then the purposes, in the same run.
    await local.put(user('maker', admin.id));
    expect((await applyFeed(db, local, 'dev-a')).waiting).toBe(false);
    expect(await raw.users.get('newcomer')).toBeDefined();
    expect((await raw.purposes.bulkGet(['p1', 'p2', 'p3'])).map((p) => p?.name)).toEqual([
      'Zweck p1',
      'Zweck p2',
      'Zweck p3',
    ]);
    expect(await setAside()).toEqual({});
  });

  it('is tried again when the changes run out, if what it waits for came later in the same run', async () => {
    const { db, raw, admin, local, doc, newcomer } = await replicaBook();
    await local.put(doc('purposes', 'p0', 'newcomer', purpose('p0')));
    await local.bulkDocs(Array.from({ length: 260 }, (_, i) => doc('purposes', `q${i}`, admin.id, purpose(`q${i}`))));
    // The author's record reaches the replica while the first batch is applied (replication goes on).
    let arriving: Promise<unknown> | undefined;
    const result = await applyFeed(db, local, 'dev-a', () => void (arriving ??= local.put(newcomer())));
    expect(arriving).toBeDefined();
    await arriving;
    expect(result).toMatchObject({ waiting: false });
    expect(await raw.purposes.get('p0')).toMatchObject({ name: 'Zweck p0' });
    expect(await raw.purposes.count()).toBeGreaterThan(260);
  });
});
