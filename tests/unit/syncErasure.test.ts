// Erasure reaches every device (issue 20, item 3), against the REAL sync server started as a
// process by the test (its pid recorded and ended): a person erased on A is gone from B and C —
// records, key secret, directory bucket — although B changed them offline; B's change is refused
// where it arrives (quarantined, the person stays erased), no replica or server leaf keeps their key.
import { describe, expect, it, vi } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { deletePerson, savePerson, signIn } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { keepDrafts } from '../../src/data/commands/drafts';
import { exportBookKey, listConflicts, startSync, stopSync, syncNow, type SyncConfig } from '../../src/data/sync';
import { bucketOf, DIRECTORY_IMAGE_KEY } from '../../src/data/core/derived';
import { anna, CONTRACT, PASSPHRASE, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const auth = sync.auth;

/** Every leaf the server holds of a document. */
async function serverLeaves(config: SyncConfig, docId: string): Promise<Record<string, unknown>[]> {
  const r = await fetch(`${sync.server().url}${config.database}/${encodeURIComponent(docId)}?open_revs=all`, {
    headers: { ...auth(), accept: 'application/json' },
  });
  return ((await r.json()) as { ok?: Record<string, unknown> }[]).flatMap((x) => (x.ok ? [x.ok] : []));
}

describe('erasure everywhere', { timeout: 120_000 }, () => {
  it('a person erased on A is gone from B and C after sync although B changed them offline', async () => {
    const {
      config,
      a,
      adminA,
      first: person,
    } = await sync.connectedBook(anna({ lastName: 'Vergessenwerden', city: 'Löschingen' }));
    const { db: b } = await sync.join(config, exportBookKey(a, adminA));
    const { db: c } = await sync.join(config, exportBookKey(a, adminA));
    for (const db of [b, c]) expect(await db.persons.get(person.id)).toBeTruthy();

    // A directory image's secret on C (directory/image.ts): a person changed from another device is not
    // read again from the image by `updatedAt` (it carries the other device's time), so the change drops it.
    const imageSecret = { bucket: DIRECTORY_IMAGE_KEY, secret: new Uint8Array(32).fill(1) };
    await rawConnection(c).directoryKeys.put(imageSecret);
    // B's change of the person, as the server held it (with their key, sealed): put back later as a late edit.
    const adminB0 = await signIn(b, 'admin', PASSPHRASE);
    await savePerson(b, adminB0, { ...(await b.persons.get(person.id))!, city: 'Zwischenstand' }, CONTRACT);
    await syncNow(b);
    await until('B’s change on A', async () => (await a.persons.get(person.id))?.city === 'Zwischenstand');
    await until('B’s change on C', async () => (await c.persons.get(person.id))?.city === 'Zwischenstand');
    expect(await rawConnection(c).directoryKeys.get(DIRECTORY_IMAGE_KEY)).toBeUndefined();
    const docUrl = `${sync.server().url}${config.database}/${encodeURIComponent(`persons:${person.id}`)}`;
    const asItStood = (await (await fetch(docUrl, { headers: auth() })).json()) as Record<string, unknown>;

    // C's user had the person's form open when the idle lock struck: a kept draft of them.
    const adminC = await signIn(c, 'admin', PASSPHRASE);
    const form = { kind: 'person', key: person.id, label: 'Vergessenwerden', at: `#/personen/${person.id}` };
    await keepDrafts(c, adminC, [{ ...form, values: { ...(await c.persons.get(person.id))!, city: 'Entwurfsdorf' } }]);

    // B goes offline and changes the person; A erases them meanwhile.
    await stopSync(b);
    const adminB = await signIn(b, 'admin', PASSPHRASE);
    await savePerson(b, adminB, { ...(await b.persons.get(person.id))!, city: 'Offlinedorf' }, CONTRACT);
    // Each device's image holds the person: the erasure takes its secret, here and where it arrives.
    for (const db of [a, b, c]) await rawConnection(db).directoryKeys.put(imageSecret);
    await deletePerson(a, adminA, person.id, { purposeId: '', comment: 'Löschung nach Art. 17 verlangt' });
    await syncNow(a);
    await until('erased on C', async () => !(await c.persons.get(person.id)));
    expect(await rawConnection(c).drafts.count()).toBe(0);

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
      expect(await raw.directoryKeys.get(DIRECTORY_IMAGE_KEY)).toBeUndefined();
      expect(await listConflicts(db)).toEqual([]);
      // Whether B's edit reached a device before its own deletion did depends on timing; if it did, it was refused.
      for (const q of await readHeldBack(db))
        if (q.docId === `persons:${person.id}`) expect(q.reason).toBe('its person was erased');
      // A refused version keeps no document: its sealed key secret would open the person again.
      expect((await raw.quarantine.toArray()).filter((q) => 'doc' in q)).toEqual([]);
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
        (await readHeldBack(db)).some(
          (q) => q.docId === `persons:${person.id}` && q.reason === 'its person was erased',
        ),
      );
      expect(await rawConnection(db).persons.get(person.id)).toBeUndefined();
      expect((await rawConnection(db).quarantine.toArray()).filter((q) => 'doc' in q)).toEqual([]);
    }
    await syncNow(b);
    expect(await rawConnection(b).persons.get(person.id)).toBeUndefined();
  });
});

describe('an erasure on the server', { timeout: 120_000 }, () => {
  it('leaves none of the person’s earlier revisions there: the server compacts once the tombstone has arrived', async () => {
    const { config, a, adminA, first } = await sync.connectedBook(anna({ lastName: 'Verdichtet', city: 'Altort' }));
    await savePerson(a, adminA, { ...(await a.persons.get(first.id))!, city: 'Neuort' }, CONTRACT);
    await syncNow(a);
    const docUrl = `${sync.server().url}${config.database}/${encodeURIComponent(`persons:${first.id}`)}`;
    await until('the change on the server', async () => {
      const doc = (await (await fetch(docUrl, { headers: auth() })).json()) as { _rev?: string };
      return doc._rev?.startsWith('2-') ?? false;
    });
    // The compactions the device asks the server for (the requests go through; only counted).
    const fetched = vi.spyOn(globalThis, 'fetch');
    const compactions = () =>
      fetched.mock.calls.filter(([url]) => typeof url === 'string' && url.endsWith('/_compact')).length;
    try {
      await deletePerson(a, adminA, first.id, { purposeId: '', comment: 'Löschung nach Art. 17 verlangt' });
      await syncNow(a);
      // No compaction asked for by hand: every revision before the tombstone is gone from the server.
      await until('the earlier revisions compacted away', async () => {
        const res = await fetch(`${docUrl}?revs_info=true`, { headers: auth() });
        const info = (await res.json()) as { _revs_info?: { rev: string; status: string }[] };
        const earlier = (info._revs_info ?? []).slice(1);
        return earlier.length > 0 && earlier.every((r) => r.status !== 'available');
      });
      // A later change pushed: the replication was up to date in between (where it used to compact again).
      const later = await savePerson(a, adminA, anna({ lastName: 'Danach' }), CONTRACT);
      await syncNow(a);
      const laterUrl = `${sync.server().url}${config.database}/${encodeURIComponent(`persons:${later.id}`)}`;
      await until('the later change on the server', async () => (await fetch(laterUrl, { headers: auth() })).ok);
      // Once, when the push had taken the tombstone to the server; not before it too, in vain.
      expect(compactions()).toBe(1);
    } finally {
      fetched.mockRestore();
    }
  });
});
