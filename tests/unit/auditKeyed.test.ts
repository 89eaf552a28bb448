/**
 * Issue 15, finding 2: the audit chain is keyed — rewriting it with raw IndexedDB access is caught
 * by "Protokoll prüfen", by the backup check, and by "Protokoll gegen Nachweis prüfen" against a
 * checkpoint kept outside the device.
 */
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createBackup, logEvent, readAuditHead, restoreBackup, savePerson, verifyAuditLog } from '../../src/data';
import { readBackupCheckpoint } from '../../src/data/commands/backup';
import { verifyAgainstCheckpoint } from '../../src/data/queries/auditIntegrity';
import { SCHEMA_VERSIONS } from '../../src/data/core/schema';
import type { ChainedEntry, ChainHead } from '../../src/domain/auditChain';
import { formatCheckpoint, MAX_CHECKPOINT_TEXT, parseCheckpoint } from '../../src/domain/checkpoint';
import { anna, CONTRACT, freshDb } from './helpers';

/** The chain as anyone can compute it without a key: SHA-256 over the canonical entry. */
function unkeyedHash(e: Record<string, unknown>): string {
  const { hash: _h, ...rest } = e;
  if (rest.sealedText instanceof Uint8Array) {
    delete rest.comment;
    delete rest.context;
    rest.sealedText = bytesToHex(rest.sealedText);
  }
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(rest, Object.keys(rest).sort()))));
}

async function loggedDb() {
  const { db, admin } = await freshDb();
  for (let i = 0; i < 5; i++) await savePerson(db, admin, anna({ firstName: `Anna${i}` }), CONTRACT);
  await logEvent(db, admin, 'accessReport', 'someone', 'auskunft');
  const raw = new Dexie(db.name);
  for (const v of SCHEMA_VERSIONS) raw.version(v.version).stores(v.stores);
  const entries = async () => (await raw.table('auditLog').orderBy('seq').toArray()) as ChainedEntry[];
  return { db, admin, raw, entries };
}

/**
 * What the reviewer did: remove two entries, change the user of another, recompute every hash
 * and the head with what is at hand without a key. `downgrade`: write them as unkeyed entries.
 */
async function rewrite(raw: Dexie, all: ChainedEntry[], downgrade: boolean) {
  const kept = all.filter((e) => e.seq !== 3 && e.seq !== 4);
  let prev = '0'.repeat(64);
  const forged = kept.map((e, i) => {
    const { chain: _c, ...rest } = e;
    const base = downgrade ? rest : e;
    const changed = { ...base, seq: i + 1, prevHash: prev, userName: i === 1 ? 'jemand anderes' : e.userName };
    prev = unkeyedHash(changed);
    return { ...changed, hash: prev };
  });
  await raw.table('auditLog').clear();
  await raw.table('auditLog').bulkAdd(forged);
  const head: ChainHead = { count: forged.length, lastSeq: forged.length, hash: prev };
  await raw.table('settings').put({ key: 'auditHead', value: head });
}

describe('the keyed audit chain', () => {
  it('entries are keyed: their hashes are not what anyone can compute without the key', async () => {
    const { entries } = await loggedDb();
    for (const e of await entries()) {
      expect(e.chain).toBe(2);
      expect(e.hash).not.toBe(unkeyedHash(e as unknown as Record<string, unknown>));
    }
  });

  it('a log rewritten without the key fails "Protokoll prüfen"', async () => {
    const { db, raw, entries } = await loggedDb();
    await rewrite(raw, await entries(), false);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'changed', seq: 1 });
  });

  it('a backup of a rewritten log is refused before anything is restored', async () => {
    const { db, admin, raw, entries } = await loggedDb();
    await rewrite(raw, await entries(), false);
    const file = await createBackup(db, admin, 'backup passphrase');
    await expect(restoreBackup(db, admin, file, 'backup passphrase')).rejects.toMatchObject({
      messageKey: 'backup.auditBroken',
    });
  });

  it('a log rewritten as unkeyed entries is caught by an outside checkpoint (backup file, Auskunft string)', async () => {
    const { db, admin, raw, entries } = await loggedDb();
    const backup = await createBackup(db, admin, 'backup passphrase');
    const head = (await readAuditHead(db))!;
    const printed = formatCheckpoint({ seq: head.lastSeq, hash: head.hash });
    expect(printed).toMatch(/^\d+:[0-9a-f]{4}(-[0-9a-f]{4}){5}$/);
    // Untouched, the log extends both.
    expect((await verifyAgainstCheckpoint(db, readBackupCheckpoint(backup))).checkpoint).toMatchObject({
      extends: true,
    });
    const typed = parseCheckpoint(`Prüfpunkt: ${printed.toUpperCase().replace(/-/g, ' ')}`);
    expect(typed.ok).toBe(true);
    if (!typed.ok) return;
    expect((await verifyAgainstCheckpoint(db, typed.checkpoint)).checkpoint).toMatchObject({ extends: true });

    await rewrite(raw, await entries(), true);
    // The forged log no longer reaches seq 7: the checkpoint's entry is missing.
    expect((await verifyAgainstCheckpoint(db, typed.checkpoint)).checkpoint).toMatchObject({
      extends: false,
      problem: 'missing',
      seq: head.lastSeq,
      lastSeq: 4,
    });
    // A checkpoint at an entry that is still there but was rewritten: named as different.
    const earlier = await verifyAgainstCheckpoint(db, { seq: 2, hash: (await entriesBefore(backup, db, admin))[1] });
    expect(earlier.checkpoint).toMatchObject({ extends: false, problem: 'differs', seq: 2 });
    expect(earlier.entry?.userName).toBe('jemand anderes');
  });

  it('old unkeyed entries keep verifying; the switch-over is covered by the key', async () => {
    const { db, admin, raw, entries } = await loggedDb();
    // A log as the version before wrote it: unkeyed entries and an unkeyed head.
    let prev = '0'.repeat(64);
    const legacy = (await entries()).map((e) => {
      const { chain: _c, ...rest } = e;
      const linked = { ...rest, prevHash: prev };
      prev = unkeyedHash(linked);
      return { ...linked, hash: prev };
    });
    await raw.table('auditLog').bulkPut(legacy);
    await raw.table('settings').put({ key: 'auditHead', value: { count: 6, lastSeq: 6, hash: prev } });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 6 });
    // New entries are keyed and follow on.
    await savePerson(db, admin, anna({ firstName: 'Neu' }), CONTRACT);
    const now = await entries();
    expect(now.map((e) => e.chain ?? 1)).toEqual([1, 1, 1, 1, 1, 1, 2]);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 7 });
    // Rewriting the unkeyed part (recomputable) breaks the first keyed entry's link.
    const forged = { ...now[2], userName: 'jemand anderes' };
    let chainPrev = now[1].hash;
    const rewritten = now.slice(2, 6).map((e, i) => {
      const linked = { ...(i === 0 ? forged : e), prevHash: chainPrev };
      chainPrev = unkeyedHash(linked);
      return { ...linked, hash: chainPrev };
    });
    await raw.table('auditLog').bulkPut(rewritten);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, seq: 7 });
    // An unkeyed entry after a keyed one is refused.
    await raw.table('auditLog').bulkPut(now);
    const tail = { ...now[6] };
    delete tail.chain;
    await raw.table('auditLog').put({ ...tail, hash: unkeyedHash(tail) });
    expect(await verifyAuditLog(db)).toMatchObject({ ok: false, problem: 'changed', seq: 7 });
  });
});

/** The hashes of the log as the backup holds it (restored into a scratch database). */
async function entriesBefore(backup: Uint8Array, _db: unknown, _admin: unknown): Promise<string[]> {
  const { openBackup } = await import('../../src/data/commands/backup');
  const payload = await openBackup(backup, 'backup passphrase');
  return (payload.tables.auditLog as unknown as ChainedEntry[]).map((e) => e.hash);
}

describe('checkpoint strings', () => {
  it('read what was printed, typed with spaces, dashes or capitals, or with a device named', () => {
    const hash = 'ab'.repeat(32);
    const printed = formatCheckpoint({ seq: 1234, hash });
    expect(printed).toBe('1234:abab-abab-abab-abab-abab-abab');
    expect(parseCheckpoint(printed)).toEqual({ ok: true, checkpoint: { seq: 1234, hash: 'ab'.repeat(12) } });
    expect(parseCheckpoint(' 1234 : ABAB ABAB ABAB ABAB ')).toEqual({
      ok: true,
      checkpoint: { seq: 1234, hash: 'ab'.repeat(8) },
    });
    expect(parseCheckpoint('tablet-2/17:' + hash)).toEqual({
      ok: true,
      checkpoint: { chain: 'tablet-2', seq: 17, hash },
    });
    expect(parseCheckpoint('1234:abab')).toEqual({ ok: false, problem: 'tooShort' });
    expect(parseCheckpoint('kein Prüfpunkt')).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseCheckpoint('0:' + hash)).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('are not looked for in a pasted text far longer than a code and its line (the search is quadratic in digits)', () => {
    const printed = formatCheckpoint({ seq: 1234, hash: 'ab'.repeat(32) });
    expect(parseCheckpoint(`${'Prüfpunkt der Auskunft vom 01.06.2026 '.repeat(20)}${printed}`).ok).toBe(true);
    expect(parseCheckpoint('1'.repeat(40_000))).toEqual({ ok: false, problem: 'unreadable' });
    expect(parseCheckpoint(`${' '.repeat(MAX_CHECKPOINT_TEXT)}${printed}`)).toEqual({
      ok: false,
      problem: 'unreadable',
    });
  });
});
