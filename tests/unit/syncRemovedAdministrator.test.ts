// The book's first administrator removed by an administrator they made, against the REAL sync
// server (started by the test). The first administrator writes through the book's configured
// account, shared, which no removal ends: nothing vouched for what they wrote but the remover's
// word. A device joining after the removal holds the roster (both administrators' records — each
// written by the other), everything the removed one wrote while a member (a purpose, a consent, a
// transaction, an erasure, their key grants and audit entries) with nothing held back; what their
// device wrote after the removal — offline, not knowing of it — is refused there.
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import {
  addPurpose,
  addTransaction,
  createUser,
  erasePersons,
  recordConsent,
  removeMember,
  savePerson,
} from '../../src/data';
import { rawConnection, type ConsentbookDB } from '../../src/data/db';
import { readAuditHead, readChainHeads } from '../../src/data/queries/auditIntegrity';
import { startSync, stopSync, syncNow } from '../../src/data/sync';
import { deviceId } from '../../src/data/sync/state';
import { replicaOf } from '../../src/data/sync/replica';
import { SYNC_WAITING_KEY } from '../../src/data/middleware/outbox';
import { anna, CONTRACT, hasEntriesOf, signInSyncing, until, useSyncServer, SIGNED_FORM } from './helpers';

const sync = useSyncServer();
const SINA = 'Sinas eigene Passphrase';

/** Whether `holder` holds `writer`'s own audit chain up to its head. */
async function holdsChainOf(holder: ConsentbookDB, writer: ConsentbookDB): Promise<boolean> {
  const heads = await readChainHeads(holder, await deviceId(holder));
  const writerDevice = await deviceId(writer);
  const head = await readAuditHead(rawConnection(writer));
  return !!head && Object.hasOwn(heads, writerDevice) && heads[writerDevice].lastSeq === head.lastSeq;
}

describe('the first administrator removed', { timeout: 240_000 }, () => {
  it('a device joining afterwards holds what they wrote as a member, not what their device wrote after', async () => {
    const { config, a, adminA, b, first } = await sync.twoDevices(anna({ lastName: 'Vorher' }));
    const founder = adminA.userId;
    const sina = await createUser(a, adminA, { name: 'sina', staffNumber: 'P-2', passphrase: SINA, isAdmin: true });
    const purpose = await addPurpose(a, adminA, {
      name: 'Newsletter',
      lawfulBasis: 'a',
      requiresConsent: true,
      retention: { years: 0, basis: '' },
      recipients: '',
      active: true,
    });
    const consent = await recordConsent(a, adminA, {
      personId: first.id,
      purposeIds: [purpose.id],
      givenAt: '2026-01-02',
      channel: 'written',
      ...SIGNED_FORM,
      text: 'v1',
      confirmedByUser: true,
    });
    const tx = await addTransaction(a, adminA, {
      kind: 'order',
      date: '2026-02-03',
      title: 'Auftrag',
      personIds: [first.id],
    });
    const gone = await savePerson(a, adminA, anna({ lastName: 'Gelöscht' }), CONTRACT);
    await erasePersons(a, adminA, [gone.id], { purposeId: '', comment: 'Widerspruch' });
    await until('B holds what the founder wrote', async () => {
      await syncNow(a);
      await syncNow(b);
      return (
        !!(await rawConnection(b).users.get(sina.id)) &&
        !!(await b.consents.get(consent.id)) &&
        // The erasure's own document in B's replica (a tombstone arriving first erases the person there too).
        !!(await (await replicaOf(b)).get(`erasures:${gone.id}`).catch(() => undefined)) &&
        (await hasEntriesOf(b, founder)) &&
        // …and A's whole chain so far: vouching keeps the heads the removing device holds, and an
        // entry still on its way there would be refused on a device joining later (README, vouching).
        (await holdsChainOf(b, a))
      );
    });

    // Sina, on B, removes the founder; A — the founder's device — is offline meanwhile.
    await stopSync(a);
    const sinaB = await signInSyncing(b, 'sina', SINA);
    const removal = await removeMember(b, sinaB, founder);
    expect(removal.serverAccessEnded).toBe(false);
    // On the server (a device joining later pulls from there), not only in B's replica.
    await until('B pushed the removal', async () => {
      const res = await fetch(`${sync.server().url}${config.database}/users:${founder}`, { headers: sync.auth() });
      return res.ok && ((await res.json()) as { author?: string }).author === sina.id;
    });

    // Not knowing of it, the founder saves a person on A, which goes out when A is online again.
    const late = await savePerson(a, adminA, anna({ lastName: 'Danach' }), CONTRACT);
    const deviceA = await deviceId(a);
    const lateSeq = (await rawConnection(a).auditLog.orderBy('seq').last())!.seq!;
    await startSync(a, adminA);
    // On the server too, not only in A's replica: replication to it goes on its own.
    const lateDocs = [`persons:${late.id}`, `auditLog:${deviceA}:${lateSeq}`];
    await until('A pushed to the server', async () =>
      (await Promise.all(lateDocs.map((id) => sync.onServer(config, id)))).every(Boolean),
    );

    const { db: d } = await sync.joinByInvitation(b, sinaB, 'sina', SINA);
    const lateId = `persons:${late.id}`;
    await until('D holds the founder’s records and refused what A wrote after the removal', async () => {
      await syncNow(d);
      const refused = (await readHeldBack(d)).map((q) => q.docId);
      return refused.length > 2 || (refused.includes(lateId) && !!(await d.consents.get(consent.id)));
    });

    const refused = await readHeldBack(d);
    expect(refused.map((q) => q.docId).sort()).toEqual([`auditLog:${deviceA}:${lateSeq}`, lateId].sort());
    expect(new Set(refused.map((q) => q.reason))).toEqual(new Set([`its author ${founder} is not an active user`]));
    const raw = rawConnection(d);
    expect(await raw.users.get(founder)).toMatchObject({ active: false, isAdmin: true });
    expect(await raw.users.get(sina.id)).toMatchObject({ active: true, isAdmin: true });
    expect(await d.purposes.get(purpose.id)).toMatchObject({ name: 'Newsletter' });
    expect(await d.consents.get(consent.id)).toMatchObject({ id: consent.id });
    expect(await d.transactions.get(tx.id)).toMatchObject({ title: 'Auftrag' });
    expect(await raw.erasures.get(gone.id)).toMatchObject({ personId: gone.id });
    expect(await d.persons.get(first.id)).toMatchObject({ lastName: 'Vorher' });
    expect(await d.persons.get(late.id)).toBeUndefined();
    expect(await hasEntriesOf(d, founder)).toBe(true);
    // Their key grants and A's checkpoint (written in their name) are held too, none set aside.
    expect(await raw.keyGrants.where('epoch').equals(1).count()).toBe(
      await rawConnection(b).keyGrants.where('epoch').equals(1).count(),
    );
    expect(await raw.chainCheckpoints.where('device').equals(deviceA).count()).toBeGreaterThan(0);
    expect((await raw.settings.get(SYNC_WAITING_KEY))?.value ?? {}).toEqual({});
    // The remover vouched for the founder's records: they went out again in her name.
    const onB = await (await replicaOf(b)).get(`purposes:${purpose.id}`);
    expect((onB as unknown as { author: string }).author).toBe(sina.id);
  });
});
