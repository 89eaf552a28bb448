// The applier never flags a conflict of a person erased on this device: a branch made offline may
// arrive in a batch after the one that brought (or after the device made) the erasure — CI met it in
// syncErasure.test.ts, where the order depends on timing; here the order is fixed.
import { describe, expect, it } from 'vitest';
import { rawConnection } from '../../src/data/db';
import { applyBatch } from '../../src/data/sync/apply';
import { HeldEntries } from '../../src/data/sync/held';
import { listConflicts } from '../../src/data/sync';
import { freshDb } from './helpers';

describe('conflict flags after an erasure', () => {
  it('a conflict arriving for a person erased in an earlier batch is not flagged; another person’s is', async () => {
    const { db } = await freshDb();
    await rawConnection(db).erasures.put({ personId: 'erased-1', at: '2026-12-01T10:00:00.000Z' });
    await applyBatch(db, {
      writes: [],
      quarantine: [],
      conflicts: new Map([
        ['erased-1', ['2-aaa', '2-bbb']],
        ['kept-1', ['3-ccc', '3-ddd']],
      ]),
      checkpoint: 7,
      held: new HeldEntries(db),
      flags: false,
    });
    expect(await listConflicts(db)).toEqual([{ personId: 'kept-1', versions: 2 }]);
  });
});
