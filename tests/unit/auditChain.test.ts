import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { savePerson, verifyAuditLog, readAuditHead, logEvent } from '../../src/data';
import { SCHEMA_VERSIONS } from '../../src/data/core/schema';
import { entryHash, entryHasher, KEYED_CHAIN, sameHead, type ChainedEntry } from '../../src/domain/auditChain';
import { anna, CONTRACT, freshDb } from './helpers';

/** A database with a log of 6 entries, and a raw connection that bypasses every rule (an attacker's view). */
async function loggedDb() {
  const { db, admin } = await freshDb();
  for (let i = 0; i < 5; i++) await savePerson(db, admin, anna({ firstName: `Anna${i}` }), CONTRACT);
  await logEvent(db, admin, 'accessReport', 'someone', 'auskunft');
  const raw = new Dexie(db.name);
  for (const v of SCHEMA_VERSIONS) raw.version(v.version).stores(v.stores);
  const entries = async () => (await raw.table('auditLog').orderBy('seq').toArray()) as ChainedEntry[];
  return { db, admin, raw, entries };
}

describe('entryHasher', () => {
  it('gives entryHash for every entry of a mixed run, its scratch state reused from one to the next', () => {
    const key = new Uint8Array(32).map((_, i) => i + 1);
    const entries = Array.from({ length: 7 }, (_, i) => ({
      seq: i + 1,
      prevHash: String(i).repeat(64),
      at: `2026-01-0${i + 1}T00:00:00.000Z`,
      action: 'update' as const,
      userId: `u${i}`,
      personId: i % 2 ? `p${i}` : '',
      ...(i >= 2 && i !== 4 ? { chain: KEYED_CHAIN } : {}),
    })) as unknown as ChainedEntry[];
    const hashOf = entryHasher(key);
    const hashes = entries.map((e) => hashOf(e));
    expect(hashes).toEqual(entries.map((e) => entryHash(e, key)));
    expect(new Set(hashes).size).toBe(entries.length);
    expect(() => entryHasher()(entries[2])).toThrow();
    expect(entryHasher()(entries[0])).toBe(hashes[0]);
  });
});

describe('the audit hash chain', () => {
  it('an untouched log verifies, and the head is kept outside the chain', async () => {
    const { db } = await loggedDb();
    const verdict = await verifyAuditLog(db);
    expect(verdict).toMatchObject({ ok: true, count: 6 });
    expect(await readAuditHead(db)).toMatchObject({ count: 6, lastSeq: 6 });
  });

  it('detects a changed entry', async () => {
    const { db, raw } = await loggedDb();
    await raw.table('auditLog').update(3, { purposeName: 'nachträglich geändert' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'changed', seq: 3 });
  });

  it('detects a changed comment: sealed bytes flipped, or replaced by plain text', async () => {
    const { db, raw, entries } = await loggedDb();
    const third = (await entries())[2];
    expect(third.sealedText).toBeInstanceOf(Uint8Array);
    expect(third).not.toHaveProperty('comment');
    const flipped = third.sealedText!.slice();
    flipped[20] ^= 1;
    await raw.table('auditLog').put({ ...third, sealedText: flipped });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'changed', seq: 3 });
    const { sealedText: _s, ...plain } = third;
    await raw.table('auditLog').put({ ...plain, comment: 'nachträglich geändert', context: '' });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'changed', seq: 3 });
  });

  it('detects a removed entry', async () => {
    const { db, raw } = await loggedDb();
    await raw.table('auditLog').delete(4);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'removed', seq: 4 });
  });

  it('detects an inserted entry', async () => {
    const { db, raw, entries } = await loggedDb();
    const all = await entries();
    await raw.table('auditLog').bulkPut(all.slice(3).map((e) => ({ ...e, seq: e.seq + 1 })));
    const forged = { ...all[2], seq: 4, comment: 'untergeschoben', prevHash: all[2].hash };
    // Even with the key (an insider), what stands between is named.
    await raw.table('auditLog').put({ ...forged, hash: entryHash(forged, db.keyring.auditKey()) });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'inserted', seq: 4 });
  });

  it('detects reordered entries', async () => {
    const { db, raw, entries } = await loggedDb();
    const all = await entries();
    await raw.table('auditLog').bulkPut([
      { ...all[1], seq: 3 },
      { ...all[2], seq: 2 },
    ]);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'reordered', seq: 2 });
  });

  it('detects truncation against the head, and a rewritten chain against a checkpoint', async () => {
    const { db, raw, entries } = await loggedDb();
    const checkpoint = (await readAuditHead(db))!;
    await raw.table('auditLog').bulkDelete([5, 6]);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'truncated', seq: 5 });
    // The attacker also rewrites the head: without the key its MAC is wrong…
    const kept = await entries();
    await raw
      .table('settings')
      .put({ key: 'auditHead', value: { count: kept.length, lastSeq: 4, hash: kept.at(-1)!.hash } });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'changed', seq: 4 });
    // …and an older head put back whole (it was keyed) is revealed by the checkpoint kept outside.
    const { headMac } = await import('../../src/domain/auditChain');
    const older = { count: 4, lastSeq: 4, hash: kept.at(-1)!.hash };
    await raw
      .table('settings')
      .put({ key: 'auditHead', value: { ...older, mac: headMac(older, db.keyring.auditKey()) } });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true });
    expect(await verifyAuditLog(db, checkpoint)).toMatchObject({ ok: false, problem: 'truncated', seq: 6 });
  });
});

describe('concurrent writes in one transaction', () => {
  it('are chained one after another: the log still verifies', async () => {
    const { db, admin } = await freshDb();
    const { writeWith } = await import('../../src/data/write');
    await writeWith(db, { session: admin, reason: CONTRACT }, [db.persons], () =>
      Promise.all([0, 1, 2, 3].map((i) => db.persons.add(anna({ id: `c${i}`, firstName: `C${i}` }) as never))),
    );
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 4 });
  });
});

describe('checking only what was appended', () => {
  it('extends the last verified head and still catches a broken tail', async () => {
    const { db, admin, raw } = await loggedDb();
    const { verifyAuditLogSinceLastCheck } = await import('../../src/data/queries/auditIntegrity');
    expect(await verifyAuditLogSinceLastCheck(db)).toMatchObject({ ok: true, count: 6 });
    await savePerson(db, admin, anna({ firstName: 'Neu' }), CONTRACT);
    expect(await verifyAuditLogSinceLastCheck(db)).toMatchObject({ ok: true, count: 7 });
    await savePerson(db, admin, anna({ firstName: 'Neuer' }), CONTRACT);
    await raw.table('auditLog').update(8, { fieldKeys: ['geändert'] });
    expect(await verifyAuditLogSinceLastCheck(db)).toMatchObject({ ok: false, problem: 'changed', seq: 8 });
  });
});

describe("sameHead (the check of a save's guessed head)", () => {
  it('holds only when count, last seq, hash and MAC are all the same', () => {
    const head = { count: 7, lastSeq: 9, hash: 'a1', mac: 'm1' };
    expect(sameHead(head, { ...head })).toBe(true);
    for (const changed of [{ count: 8 }, { lastSeq: 10 }, { hash: 'a2' }, { mac: 'm2' }, { mac: undefined }])
      expect(sameHead(head, { ...head, ...changed })).toBe(false);
  });
});
