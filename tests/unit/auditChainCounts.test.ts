// "Protokoll prüfen" and the Übersicht in a team (user walk of the team sync): each device keeps its
// own chain and holds the others' as they arrive; the check verifies every chain and says so — this
// device's entries and each other device's, named by who wrote them — so its count is the log's,
// not this device's chain's alone (A listed 17 entries and said "11 … lückenlos verkettet"). The
// Übersicht's check, which verifies only what came since, verifies the other chains on from where
// it left them, and names the chain a broken entry is in by that chain's own number.
import { describe, expect, it } from 'vitest';
import { readAuditHead, savePerson, verifyAuditLog, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { syncNow } from '../../src/data/sync';
import { verifyAuditLogSinceLastCheck } from '../../src/data/queries/auditIntegrity';
import { SYNC_DEVICE_KEY } from '../../src/data/middleware/outbox';
import { splitOrigin } from '../../src/domain/auditSegment';
import type { ChainedEntry } from '../../src/domain/auditChain';
import { auditFigure } from '../../src/domain/overview';
import { anna, CONTRACT, remoteEntries, until, useSyncServer } from './helpers';

const sync = useSyncServer();
const deviceOf = async (db: ConsentbookDB) => (await rawConnection(db).settings.get(SYNC_DEVICE_KEY))!.value as string;

/** Whether `db` holds every entry of `from`'s chain. */
const holdsChainOf = (db: ConsentbookDB, from: ConsentbookDB) => async () => {
  await syncNow(from);
  await syncNow(db);
  const device = await deviceOf(from);
  const held = (await remoteEntries(db)).filter((e) => splitOrigin(e.origin).device === device).length;
  return held === (await readAuditHead(from))!.count;
};

describe('the log check counts every chain', { timeout: 120_000 }, () => {
  it('says how many entries of this device and of each other device it verified; the Übersicht too', async () => {
    const { a, b, adminB } = await sync.twoDevices(anna({ lastName: 'Kettenzähler' }));
    await savePerson(b, adminB, anna({ lastName: 'Vom Tablet' }), CONTRACT);
    await until('A holds B’s chain', holdsChainOf(a, b));
    const deviceB = await deviceOf(b);
    const ownA = (await readAuditHead(a))!.count;
    const ofB = (await readAuditHead(b))!.count;
    const listed = ownA + (await remoteEntries(a)).length;
    expect(ofB).toBeGreaterThan(0);

    const whole = await verifyAuditLog(a);
    expect(whole).toMatchObject({ ok: true, count: ownA });
    const others = whole.ok ? (whole.others ?? []) : [];
    expect(others.map((o) => [o.device, o.head.count, o.users])).toEqual([[deviceB, ofB, ['admin']]]);
    // What the screens say: every entry the log lists, this device's and the other's.
    expect(auditFigure(whole)).toEqual({
      ok: true,
      entries: listed,
      own: ownA,
      others: [{ device: deviceB, entries: ofB, users: ['admin'] }],
    });

    // The Übersicht's check says the same, and goes on from it for what arrives later.
    expect(auditFigure(await verifyAuditLogSinceLastCheck(a))).toEqual(auditFigure(whole));
    await savePerson(b, adminB, anna({ lastName: 'Später' }), CONTRACT);
    await until('A holds B’s newer entries', holdsChainOf(a, b));
    const later = auditFigure(await verifyAuditLogSinceLastCheck(a));
    expect(later.others).toEqual([{ device: deviceB, entries: (await readAuditHead(b))!.count, users: ['admin'] }]);
    expect(later.entries).toBe((await readAuditHead(a))!.count + (await remoteEntries(a)).length);

    // An entry of B's chain changed on A after it arrived: named by B's own number, in B's chain.
    await savePerson(b, adminB, anna({ lastName: 'Zuletzt' }), CONTRACT);
    await until('A holds B’s newest entries', holdsChainOf(a, b));
    const newest = (await remoteEntries(a)).at(-1)!;
    await tamper(a, newest);
    const since = await verifyAuditLogSinceLastCheck(a);
    const { seq: ownSeq } = splitOrigin(newest.origin);
    expect(since).toMatchObject({ ok: false, problem: 'changed', device: deviceB, chainSeq: ownSeq });
    expect(auditFigure(since)).toMatchObject({ seq: ownSeq, device: deviceB, deviceUsers: ['admin'] });
    expect(await verifyAuditLog(a)).toMatchObject({ ok: false, problem: 'changed', device: deviceB, chainSeq: ownSeq });
  });
});

/** Changes an entry of another device's chain where it is stored on `db` (its segment), below the app. */
async function tamper(db: ConsentbookDB, entry: ChainedEntry & { origin: string }): Promise<void> {
  const raw = rawConnection(db);
  const segment = (await raw.auditSegments.toArray()).find((s) => s.entries.some((e) => e.hash === entry.hash));
  if (!segment) throw new Error('the entry is not in a segment');
  const entries = segment.entries.map((e) => (e.hash === entry.hash ? { ...e, purposeName: 'geändert' } : e));
  await raw.auditSegments.put({ ...segment, entries });
}
