/**
 * Version clocks must never take a change made elsewhere for an older version (sync/versions.ts):
 * three devices of one book, through the real server, edit the same records in rounds — some of
 * them offline each round, so their versions cross — and at the end every device holds the same
 * versions and none refused anything.
 */
import { describe, expect, it } from 'vitest';
import { readHeldBack } from '../../src/data/queries/heldBack';
import { updatePurpose } from '../../src/data/commands/purposes';
import { checkBookTags } from '../../src/data/commands/bookTagCheck';
import { exportBookKey, startSync, stopSync, syncNow } from '../../src/data/sync';
import { localPouch } from '../../src/data/sync/pouch';
import { until, useSyncServer } from './helpers';

const sync = useSyncServer();

/** A fixed sequence of draws in [0, 1): the same rounds on every run. */
function draws(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('version clocks under crossing edits', { timeout: 240_000 }, () => {
  it('three devices editing the same records, offline in turns: nothing refused, the same versions everywhere', async () => {
    const book = await sync.connectedBook();
    const devices = [
      { db: book.a, session: book.adminA },
      await sync.join(book.config, exportBookKey(book.a, book.adminA)),
      await sync.join(book.config, exportBookKey(book.a, book.adminA)),
    ];
    const ids = (await book.a.purposes.toCollection().primaryKeys()).slice(0, 3);
    for (const { db } of devices) await until('the purposes there', async () => (await db.purposes.count()) >= 3);
    const random = draws(45);
    let edits = 0;
    for (let round = 0; round < 4; round++) {
      const offline = devices.filter(() => random() < 0.6);
      for (const { db } of offline) await stopSync(db);
      for (const [d, { db, session }] of devices.entries())
        for (const id of ids)
          if (random() < 0.5) {
            const purpose = (await db.purposes.get(id))!;
            await updatePurpose(db, session, { ...purpose, recipients: `Runde ${round}, Gerät ${d}` });
            edits++;
          }
      for (const { db, session } of offline) await startSync(db, session);
      for (const { db } of devices) await syncNow(db);
    }
    expect(edits).toBeGreaterThan(10);
    const views = () => Promise.all(devices.map(async ({ db }) => JSON.stringify(await db.purposes.bulkGet(ids))));
    await until('the same versions on every device', async () => {
      for (const { db } of devices) await syncNow(db);
      const [first, ...rest] = await views();
      return rest.every((v) => v === first);
    });
    for (const { db } of devices) expect(await readHeldBack(db)).toEqual([]);
    // Each device tagged the purposes as it applied them (middleware/bookTags.ts): a sign-in there
    // finds none changed outside the app.
    for (const { db, session } of devices) expect(await checkBookTags(db, session)).toBeUndefined();
    // The rounds made versions cross: the replicas hold conflicting leaves.
    const replica = await localPouch(book.a.name);
    const leaves = await Promise.all(ids.map((id) => replica.get(`purposes:${id}`, { conflicts: true })));
    expect(leaves.some((doc) => (doc._conflicts?.length ?? 0) > 0)).toBe(true);
  });
});
