/**
 * The overview's check of the audit log goes in runs (queries/auditIntegrity.ts
 * verifyAuditLogSinceLastCheck): a million entries in one read and one verification froze the app
 * for half a minute. In runs it must judge exactly as the whole log at once does — every kind of
 * tampering, wherever it falls against a run's bounds, single entries and an import's segments.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { importPersons, logEvent, savePerson, verifyAuditLog } from '../../src/data';
import { verifyAuditLogSinceLastCheck, type AuditCheckProgress } from '../../src/data/queries/auditIntegrity';
import { SCHEMA_VERSIONS } from '../../src/data/core/schema';
import { entryHash, type ChainedEntry } from '../../src/domain/auditChain';
import { newPerson } from '../../src/domain/person';
import { anna, CONTRACT, freshDb } from './helpers';

/**
 * A log of 15 entries — 1–4 and 12–15 single, 5–11 an import's segment — and a raw connection past
 * every rule (an attacker's).
 */
async function loggedDb() {
  const { db, admin } = await freshDb();
  for (let i = 0; i < 4; i++) await savePerson(db, admin, anna({ firstName: `Anna${i}` }), CONTRACT);
  const persons = Array.from({ length: 7 }, (_, i) => newPerson('contact', { firstName: `V${i}`, lastName: `N${i}` }));
  await importPersons(db, admin, { fileName: 'k.vcf', persons }, CONTRACT);
  for (let i = 0; i < 4; i++) await logEvent(db, admin, 'accessReport', '', `auskunft-${i}`);
  const raw = new Dexie(db.name);
  for (const v of SCHEMA_VERSIONS) raw.version(v.version).stores(v.stores);
  const singles = async () => (await raw.table('auditLog').orderBy('seq').toArray()) as ChainedEntry[];
  return { db, admin, raw, singles };
}

describe('the audit log is checked in runs', () => {
  it('verifies a log of single entries and a segment in runs of 3, reporting each run, and the next check only what was appended', async () => {
    const { db, admin, raw } = await loggedDb();
    expect(await raw.table('auditSegments').count()).toBeGreaterThan(0);
    const whole = await verifyAuditLog(db);
    expect(whole.ok).toBe(true);
    const seen: AuditCheckProgress[] = [];
    expect(await verifyAuditLogSinceLastCheck(db, { run: 3, onProgress: (p) => seen.push(p) })).toEqual(whole);
    for (const run of [1, 4, 7]) expect(await verifyAuditLog(db, undefined, { run })).toEqual(whole);
    // The explicit check tells how far it is: this device's chain verified as it is read, by entry.
    const steps: AuditCheckProgress[] = [];
    await verifyAuditLog(db, undefined, { run: 4, onProgress: (p) => steps.push(p) });
    expect(steps.map((p) => [p.done, p.total])).toEqual([
      [4, 15],
      [8, 15],
      [12, 15],
    ]);
    expect(seen.length).toBeGreaterThanOrEqual(Math.ceil(whole.count / 3));
    expect(seen.at(-1)).toEqual({ done: whole.count, total: whole.count });
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));

    await savePerson(db, admin, anna({ firstName: 'Neu' }), CONTRACT);
    seen.length = 0;
    expect(await verifyAuditLogSinceLastCheck(db, { run: 3, onProgress: (p) => seen.push(p) })).toMatchObject({
      ok: true,
      count: whole.count + 1,
    });
    // Counted over the whole chain: the one new entry completes it.
    expect(seen).toEqual([{ done: whole.count + 1, total: whole.count + 1 }]);
  });

  it('a check stopped midway keeps what it verified; the next goes on from there', async () => {
    const { db } = await loggedDb();
    const stop = new AbortController();
    const first: AuditCheckProgress[] = [];
    const stopped = verifyAuditLogSinceLastCheck(db, {
      run: 3,
      signal: stop.signal,
      onProgress: (p) => {
        first.push(p);
        if (first.length === 2) stop.abort();
      },
    });
    await expect(stopped).rejects.toThrow();
    const rest: AuditCheckProgress[] = [];
    const verdict = await verifyAuditLogSinceLastCheck(db, { run: 3, onProgress: (p) => rest.push(p) });
    expect(verdict.ok).toBe(true);
    // Going on from the second run's end: counted over the whole chain, not from zero.
    expect(rest[0].done).toBeGreaterThan(first[1].done);
    expect(rest.at(-1)).toEqual({ done: verdict.count, total: verdict.count });
  });

  it("the whole check stops between runs when asked (Protokoll prüfen's stop) and names nothing", async () => {
    const { db } = await loggedDb();
    const stop = new AbortController();
    const seen: AuditCheckProgress[] = [];
    const stopped = verifyAuditLog(db, undefined, {
      run: 3,
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p);
        stop.abort();
      },
    });
    await expect(stopped).rejects.toThrow();
    // Stopped after its first run: not read on to the end.
    expect(seen).toEqual([{ done: 3, total: 15 }]);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 15 });
  });

  const tamperings: [string, (t: Awaited<ReturnType<typeof loggedDb>>) => Promise<unknown>][] = [
    ['a changed entry', ({ raw }) => raw.table('auditLog').update(13, { fieldKeys: ['geändert'] })],
    ['a removed entry', ({ raw }) => raw.table('auditLog').delete(3)],
    ['a removed segment', ({ raw }) => raw.table('auditSegments').clear()],
    [
      'an inserted entry, its link pointing runs back',
      async ({ raw, singles, db }) => {
        const all = await singles();
        const at = all.findIndex((e) => e.seq === 15);
        await raw.table('auditLog').bulkDelete(all.slice(at).map((e) => e.seq));
        await raw.table('auditLog').bulkPut(all.slice(at).map((e) => ({ ...e, seq: e.seq + 1 })));
        const forged = { ...all[1], seq: 15, prevHash: all[1].hash };
        await raw.table('auditLog').put({ ...forged, hash: entryHash(forged, db.keyring.auditKey()) });
      },
    ],
    [
      'reordered entries',
      async ({ raw, singles }) => {
        const all = await singles();
        const [a, b] = [all.find((e) => e.seq === 2)!, all.find((e) => e.seq === 13)!];
        await raw.table('auditLog').bulkPut([
          { ...a, seq: 13 },
          { ...b, seq: 2 },
        ]);
      },
    ],
    [
      'a cut tail',
      ({ raw, singles }) => singles().then((all) => raw.table('auditLog').bulkDelete(all.slice(-2).map((e) => e.seq))),
    ],
    ['an entry without its hashes', ({ raw }) => raw.table('auditLog').put({ seq: 3, at: '2026-01-01T00:00:00.000Z' })],
    [
      'an entry past the head',
      async ({ raw, singles }) => {
        const last = (await singles()).at(-1)!;
        await raw.table('auditLog').put({ ...last, seq: last.seq + 1, prevHash: last.hash });
      },
    ],
  ];
  for (const [what, tamper] of tamperings)
    it(`names ${what} as the whole log at once does, for runs of any size`, async () => {
      const t = await loggedDb();
      await tamper(t);
      const whole = await verifyAuditLog(t.db);
      expect(whole.ok).toBe(false);
      for (const run of [1, 2, 3, 5, 100]) {
        expect(await verifyAuditLogSinceLastCheck(t.db, { run })).toEqual(whole);
        // The explicit check ("Protokoll prüfen", the register) reads and verifies in runs too.
        expect(await verifyAuditLog(t.db, undefined, { run })).toEqual(whole);
      }
    });
});
