/**
 * A server can hand out an older version of a record again as a new revision — a purpose before
 * its change, a consent before its withdrawal: the MAC binds a document's content, not its
 * freshness. Every record's document carries a version clock under the MAC
 * (domain/versionClock.ts); a device refuses a version its held clock covers (sync/versions.ts)
 * and applies a change made elsewhere at the same time as before.
 */
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { recordConsent, withdrawConsent } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { exportBookKey, syncNow } from '../../src/data/sync';
import { macOf, toDoc, type StoredDoc, type SyncDoc } from '../../src/data/sync/docs';
import { applyFeed } from '../../src/data/sync/feed';
import { startSync, stopSync } from '../../src/data/sync/engine';
import { localPouch } from '../../src/data/sync/pouch';
import { pump } from '../../src/data/sync/pump';
import { updatePurpose } from '../../src/data/commands/purposes';
import { preferredLeaf } from '../../src/data/sync/wireRules';
import { DEFAULT_PURPOSES } from '../../src/domain/purpose';
import { coveredBy, type VersionClock } from '../../src/domain/versionClock';
import { freshDb, until, useSyncServer, SIGNED_FORM } from './helpers';

const sync = useSyncServer();

const purpose = (name: string) => ({ ...DEFAULT_PURPOSES[0], id: 'p1', name, createdAt: '2026-01-01T00:00:00.000Z' });

/** A device's book and its replica; versions of purpose p1 as other devices (or a server) put them there. */
async function replicaBook() {
  const { db, admin: session } = await freshDb();
  const raw = rawConnection(db);
  const admin = (await raw.users.toArray())[0];
  const local = await localPouch(db.name);
  const version = (name: string, clock?: VersionClock, device = 'dev-b') =>
    toDoc(db.keyring, { id: 'purposes:p1', table: 'purposes', author: admin.id, device, clock }, purpose(name));
  /** Puts a document as the replica's next revision of p1 (on top of its winner). */
  const arrive = async (doc: SyncDoc) => {
    const winner = await local.get('purposes:p1').catch(() => undefined);
    return local.put({ ...(doc as StoredDoc), ...(winner && { _rev: winner._rev }) });
  };
  const name = async () => (await raw.purposes.get('p1'))?.name;
  const refused = async () => (await readHeldBack(db)).filter((q) => q.docId === 'purposes:p1').map((q) => q.reason);
  return { db, session, raw, local, version, arrive, name, refused };
}

describe('an older version sent again', () => {
  it('is refused where a newer one is held: the record stays, the refusal is listed', async () => {
    const { db, local, version, arrive, name, refused } = await replicaBook();
    const first = version('Vertrag', { 'dev-b': 1 });
    await arrive(first);
    await applyFeed(db, local, 'dev-a');
    await arrive(version('Vertrag (geändert)', { 'dev-b': 2 }));
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('Vertrag (geändert)');

    // The server publishes the first version's bytes (MAC and all) as a new revision.
    await arrive(first);
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('Vertrag (geändert)');
    expect(await refused()).toEqual(['an older version sent again: this one or a newer one is held here']);
  });

  it('is told from a change made elsewhere at the same time, which is applied', async () => {
    const { db, local, version, arrive, name, refused } = await replicaBook();
    await arrive(version('Vertrag', { 'dev-b': 1 }));
    await arrive(version('Vertrag (B)', { 'dev-b': 2 }));
    await applyFeed(db, local, 'dev-a');
    // Device C changed the first version, not knowing B's second: neither clock covers the other.
    await arrive(version('Vertrag (C)', { 'dev-b': 1, 'dev-c': 1 }, 'dev-c'));
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('Vertrag (C)');
    expect(await refused()).toEqual([]);
  });

  it('without a clock is refused over a held version with one, once its device sends clocks; between versions from before clocks it passes', async () => {
    const { db, local, version, arrive, name, refused } = await replicaBook();
    await arrive(version('ohne Uhr'));
    await applyFeed(db, local, 'dev-a');
    await arrive(version('ohne Uhr, geändert'));
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('ohne Uhr, geändert');

    await arrive(version('mit Uhr', { 'dev-b': 1 }));
    await applyFeed(db, local, 'dev-a');
    // A device whose app is from before clocks (never seen sending one): its change is applied.
    await arrive(version('vom alten Gerät', undefined, 'dev-old'));
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('vom alten Gerät');
    await arrive(version('mit Uhr, wieder', { 'dev-b': 2 }));
    await applyFeed(db, local, 'dev-a');
    // dev-b sends clocks: a version of it without one is an old one sent again.
    await arrive(version('ohne Uhr, geändert'));
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('mit Uhr, wieder');
    expect(await refused()).toEqual([
      'without a version count, though its device dev-b sends them: an older version sent again',
    ]);
  });

  it('cannot be dressed up as new: the MAC covers the clock', async () => {
    const { db, local, version, arrive, name, refused } = await replicaBook();
    const first = version('Vertrag', { 'dev-b': 1 });
    await arrive(first);
    await arrive(version('Vertrag (geändert)', { 'dev-b': 2 }));
    await applyFeed(db, local, 'dev-a');
    await arrive({ ...first, clock: { 'dev-b': 3 } });
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('Vertrag (geändert)');
    expect(await refused()).toEqual(['its envelope was changed (MAC does not match)']);
    // A clock that is not one, under a valid MAC (a key holder's doing): refused by name.
    const odd = { ...version('Vertrag (seltsam)'), clock: { 'dev-b': 'drei' } as unknown as VersionClock };
    await arrive({ ...odd, mac: macOf(db.keyring, odd) });
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('Vertrag (geändert)');
    expect((await refused()).at(-1)).toBe('its version count is invalid');
    // The MAC of a document from before clocks is the one it had (clock and account added only when present).
    const old = version('ohne Uhr');
    expect(old).not.toHaveProperty('clock');
    expect(macOf(db.keyring, old)).toBe(old.mac);
  });
});

describe('through the real server', { timeout: 120_000 }, () => {
  it('a consent before its withdrawal, published again by the server, is refused: the consent stays withdrawn', async () => {
    const { config, a, adminA, b, first } = await sync.twoDevices();
    const consent = await recordConsent(a, adminA, {
      ...SIGNED_FORM,
      personId: first.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-01-02',
      channel: 'written',
      text: 'Newsletter',
      confirmedByUser: true,
    });
    await syncNow(a);
    await until('the consent on B', async () => (await b.consents.get(consent.id))?.status === 'given');
    const url = `${sync.server().url}${config.database}/${encodeURIComponent(`consents:${consent.id}`)}`;
    const given = (await (await fetch(url, { headers: sync.auth() })).json()) as StoredDoc;
    expect(given.clock).toBeDefined();

    await withdrawConsent(a, adminA, consent.id, { withdrawnAt: '2026-03-01', note: 'per E-Mail' });
    await syncNow(a);
    await until('the withdrawal on B', async () => (await b.consents.get(consent.id))?.status === 'withdrawn');

    // The server's operator puts the given version's bytes back as the newest revision — while A is
    // away: A would send its version again at once, and B, pulling both, would see only A's.
    await stopSync(a);
    const read = async () => (await (await fetch(url, { headers: sync.auth() })).json()) as StoredDoc;
    const withdrawn = await read();
    const { _rev } = withdrawn;
    const replayed = await fetch(url, {
      method: 'PUT',
      headers: sync.auth(),
      body: JSON.stringify({ ...given, _rev }),
    });
    expect(replayed.status).toBe(201);
    await until('the replay refused on B', async () => {
      await syncNow(b);
      return (await readHeldBack(b)).some((q) => q.docId === `consents:${consent.id}`);
    });
    expect((await readHeldBack(b)).map((q) => q.reason)).toEqual([
      'an older version sent again: this one or a newer one is held here',
    ]);
    // A wrote both: its older version coming back changes nothing there, and A sends its own again,
    // on top — a device joining now gets the withdrawal, not the replayed consent.
    await startSync(a, adminA);
    await until('the withdrawal on top again', async () => {
      await syncNow(a);
      return (await read()).bodyHash === withdrawn.bodyHash;
    });
    // Its clock newer than the withdrawal's (which the replayed one's is covered by).
    const healed = (await read()).clock!;
    expect([coveredBy(withdrawn.clock!, healed), coveredBy(healed, withdrawn.clock!)]).toEqual([true, false]);
    const c = await sync.join(config, exportBookKey(a, adminA));
    for (const db of [a, b, c.db]) expect((await db.consents.get(consent.id))?.status).toBe('withdrawn');
    expect(await readHeldBack(c.db)).toEqual([]);
  });
});

describe("this device's versions", () => {
  it('count up on its own entry, over every version it applied', async () => {
    const { db, session, raw, local, version, arrive } = await replicaBook();
    db.outboxSwitch.on = true;
    const writer = { device: 'dev-a', account: 'member' };
    const change = async (name: string) => {
      await updatePurpose(db, session, { ...(await raw.purposes.get('p1'))!, name });
      await pump(db, local, writer);
      return ((await local.get('purposes:p1')) as StoredDoc).clock;
    };
    await arrive(version('Vertrag', { 'dev-b': 1 }));
    await applyFeed(db, local, 'dev-a');
    expect(await change('Vertrag (A)')).toEqual({ 'dev-b': 1, 'dev-a': 1 });
    expect(await change('Vertrag (A, wieder)')).toEqual({ 'dev-b': 1, 'dev-a': 2 });
    await arrive(version('Vertrag (B)', { 'dev-b': 2, 'dev-a': 2 }));
    await applyFeed(db, local, 'dev-a');
    expect(await change('Vertrag (A, zuletzt)')).toEqual({ 'dev-b': 2, 'dev-a': 3 });
    // What this device holds is what the next change counts from.
    expect((await raw.syncRevs.get('purposes:p1'))?.clock).toEqual({ 'dev-b': 2, 'dev-a': 3 });
  });

  it('never repeat their own count for other contents, even after a stop before a pushed revision was kept', async () => {
    const { db, session, raw, local, version, arrive } = await replicaBook();
    db.outboxSwitch.on = true;
    const writer = { device: 'dev-a', account: 'member' };
    await arrive(version('Vertrag', { 'dev-b': 1 }));
    await applyFeed(db, local, 'dev-a');
    const before = (await raw.syncRevs.get('purposes:p1'))!;
    await updatePurpose(db, session, { ...(await raw.purposes.get('p1'))!, name: 'Vertrag (A)' });
    await pump(db, local, writer);
    // The stop: the replica took the version, its revision was not kept; the next change is pumped.
    await raw.syncRevs.put(before);
    await updatePurpose(db, session, { ...(await raw.purposes.get('p1'))!, name: 'Vertrag (A, wieder)' });
    await pump(db, local, writer);
    expect((await raw.syncRevs.get('purposes:p1'))?.clock).toEqual({ 'dev-b': 1, 'dev-a': 2 });
  });
});

describe('a document naming this device that it did not write', () => {
  /** Device A's book holding its own version of p1, pumped into its replica. */
  async function ownVersionHeld() {
    const book = await replicaBook();
    const { db, session, raw, local, version, arrive } = book;
    db.outboxSwitch.on = true;
    await arrive(version('Vertrag', { 'dev-b': 1 }));
    await applyFeed(db, local, 'dev-a');
    await updatePurpose(db, session, { ...(await raw.purposes.get('p1'))!, name: 'Vertrag (A)' });
    await pump(db, local, { device: 'dev-a', account: 'member' });
    await applyFeed(db, local, 'dev-a');
    const held = (await raw.syncRevs.get('purposes:p1'))!;
    expect(held.clock).toEqual({ 'dev-b': 1, 'dev-a': 1 });
    return { ...book, held };
  }

  it('is refused without its MAC (a server’s making), its clock not taken: later versions still pass', async () => {
    const { db, raw, local, version, arrive, name, refused, held } = await ownVersionHeld();
    // The server writes in A's name a clock counting far ahead, with no key to make its MAC.
    const forged = version('vom Server', { 'dev-a': 1e15, 'dev-b': 1e15 }, 'dev-a');
    await arrive({ ...forged, mac: forged.mac.replace(/^./, (c) => (c === '0' ? '1' : '0')) });
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('Vertrag (A)');
    expect(await refused()).toEqual(['its envelope was changed (MAC does not match)']);
    expect((await raw.syncRevs.get('purposes:p1'))?.clock).toEqual(held.clock);
    // A sends its version again over the forged one, as the engine's next cycle pumps first.
    await pump(db, local, { device: 'dev-a', account: 'member' });
    const resent = (await local.get('purposes:p1')) as StoredDoc;
    expect([resent.device, resent.clock]).toEqual(['dev-a', { 'dev-b': 1, 'dev-a': 2 }]);
    // B's later change, made over A's version, is applied (a poisoned clock would call it older).
    await arrive(version('Vertrag (B)', { 'dev-b': 2, 'dev-a': 1 }));
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('Vertrag (B)');
  });

  it('with its MAC, but not an older version of its own, is judged and applied as any other', async () => {
    const { db, raw, local, version, arrive, name, refused } = await ownVersionHeld();
    // A key holder's document naming A as its writer: before, taken as A's own echo — never applied,
    // yet its version recorded as held here.
    const named = version('in A’s Namen', { 'dev-b': 1, 'dev-a': 2 }, 'dev-a');
    await arrive(named);
    await applyFeed(db, local, 'dev-a');
    expect(await name()).toBe('in A’s Namen');
    expect(await refused()).toEqual([]);
    expect((await raw.syncRevs.get('purposes:p1'))?.clock).toEqual({ 'dev-b': 1, 'dev-a': 2 });
  });
});

describe("a person's preferred version among conflicting leaves", () => {
  const leaf = (rev: string, clock: VersionClock, locked = false) =>
    ({ _id: 'persons:x', _rev: rev, plain: locked ? { locked: 1 } : {}, clock }) as unknown as StoredDoc;

  it('is a locked one made at the same time, over the winner', () => {
    const winner = leaf('3-b', { a: 2 });
    const lock = leaf('2-c', { a: 1, c: 1 }, true);
    expect(preferredLeaf(winner, [lock])).toBe(lock);
  });

  it('is never an older locked version made a branch again, nor an older winner', () => {
    const current = leaf('3-b', { a: 3 });
    const replayedLock = leaf('4-z', { a: 1 }, true);
    expect(preferredLeaf(current, [replayedLock])).toBe(current);
    // A made-up revision number makes the older version CouchDB's winner: the newer leaf stands.
    expect(preferredLeaf(leaf('9-z', { a: 1 }), [current])).toBe(current);
  });
});
