/**
 * Changes held back by the sync checks are warned of (header, Übersicht) while they stand: not once
 * settled (a later version applied, or dropped by a conflict's resolution) or taken note of on this
 * device — and taking note marks only those still standing, with who did it, changing nothing else.
 */
import { describe, expect, it } from 'vitest';
import { rawConnection } from '../../src/data/db';
import { countHeldBack, readHeldBack } from '../../src/data/queries/heldBack';
import { acknowledgeHeldBack } from '../../src/data/commands/heldBack';
import { keepRefusals, settleHeldBack } from '../../src/data/sync/heldBack';
import type { QuarantineRecord } from '../../src/data/core/records';
import { freshDb } from './helpers';

const held = (n: number, extra: Partial<QuarantineRecord> = {}): QuarantineRecord => ({
  id: `persons:p${n}@2-abc`,
  docId: `persons:p${n}`,
  rev: '2-abc',
  type: 'persons',
  reason: 'its author may not change persons',
  at: '2026-12-07T10:00:00.000Z',
  ...extra,
});

const change = { key: 'p', device: 'd', author: 'u', changedAt: '2026-12-07T09:59:00.000Z' };

describe('changes held back, warned of and taken note of', () => {
  it('counts only the standing ones; noting marks those alone, by name, and keeps every row listed', async () => {
    const { db, admin } = await freshDb();
    await rawConnection(db).quarantine.bulkPut([
      held(1),
      held(2, { change }),
      held(3, { change: { ...change, outcome: 'applied' } }),
      held(4, { change: { ...change, outcome: 'dropped' } }),
    ]);
    expect(await countHeldBack(db)).toBe(2);
    expect((await readHeldBack(db)).filter((e) => e.standing).map((e) => e.docId)).toEqual([
      'persons:p1',
      'persons:p2',
    ]);

    expect(await acknowledgeHeldBack(db, admin)).toBe(2);
    expect(await countHeldBack(db)).toBe(0);
    const listed = await readHeldBack(db);
    expect(listed).toHaveLength(4);
    const byDoc = new Map(listed.map((e) => [e.docId, e]));
    for (const doc of ['persons:p1', 'persons:p2']) expect(byDoc.get(doc)?.acknowledged?.by).toBe('admin');
    expect(byDoc.get('persons:p3')).toMatchObject({ outcome: 'applied' });
    expect(byDoc.get('persons:p3')?.acknowledged).toBeUndefined();
    expect(byDoc.get('persons:p4')).toMatchObject({ outcome: 'dropped' });

    // One held back later is warned of again.
    await rawConnection(db).quarantine.put(held(5));
    expect(await countHeldBack(db)).toBe(1);
  });

  it("a version refused again keeps its first refusal's time, its note and its outcome: a noted warning does not come back", async () => {
    const { db, admin } = await freshDb();
    const raw = rawConnection(db);
    const refusal = { key: 'sync.refused.mayNotChangePersons' as const, params: {} };
    await raw.quarantine.bulkPut([
      held(1, { change, refusal }),
      held(2, { change: { ...change, outcome: 'dropped' } }),
    ]);
    await acknowledgeHeldBack(db, admin);
    const again = [held(1, { change, refusal, at: '2026-12-08T09:00:00.000Z' }), held(2, { change }), held(3)];
    await raw.transaction('rw', raw.quarantine, (tx) => keepRefusals(tx, again));
    const byDoc = new Map((await readHeldBack(db)).map((e) => [e.docId, e]));
    expect(byDoc.get('persons:p1')).toMatchObject({ at: '2026-12-07T10:00:00.000Z', acknowledged: { by: 'admin' } });
    expect(byDoc.get('persons:p2')).toMatchObject({ outcome: 'dropped' });
    expect(await countHeldBack(db)).toBe(1);
  });

  it('a later version settles a change held back for its author only when it is hers and descends from it', async () => {
    const { db } = await freshDb();
    const raw = rawConnection(db);
    const refusal = { key: 'sync.refused.mayNotChangePersons' as const, params: {} };
    await raw.quarantine.put(held(1, { change: { ...change, author: 'mia' }, refusal }));
    const settle = (author: string) =>
      raw.transaction('rw', raw.quarantine, (tx) =>
        settleHeldBack(tx, [{ docId: 'persons:p1', author, ancestors: ['3-def', '2-abc'] }]),
      );
    // A resolution's merge written on top of it by the administrator: not her change taken in.
    await settle('anna');
    expect(await countHeldBack(db)).toBe(1);
    await settle('mia');
    expect(await countHeldBack(db)).toBe(0);
    expect((await readHeldBack(db))[0]).toMatchObject({ outcome: 'applied' });
  });

  it('takes no object but a signed-in session', async () => {
    const { db, admin } = await freshDb();
    await expect(acknowledgeHeldBack(db, { ...admin })).rejects.toThrow(/signed-in session/);
  });
});
