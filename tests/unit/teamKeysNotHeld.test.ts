/**
 * A device whose member's grant of the book's newest key epoch has not arrived (a new device, or
 * one that missed a removal) holds no key of that epoch, though the book's grants say the epochs
 * began elsewhere. It must neither start the first epoch again, nor grant an older one, nor remove
 * a member without the newest key — each would hand out another key for an epoch, or leave the
 * removed member theirs. Stated here without a server: the book marked synced, grants stored raw.
 */
import { describe, expect, it } from 'vitest';
import { createUser, rewrapsOnRemoval, removeMember, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { sealConfig } from '../../src/data/sync/state';
import { SYNC_CONFIG_KEY } from '../../src/data/middleware/outbox';
import { grantPending, holdsNewestEpoch } from '../../src/data/team/members';
import { keyGrantId, type KeyGrant } from '../../src/domain/keyGrant';
import { freshDb } from './helpers';

/** Nothing listens there: a request that reaches for the server fails at once. */
const CONFIG = { serverUrl: 'http://127.0.0.1:9', database: 'buch', username: 'geraet', password: 'geheim' };

/** A grant of `epoch` made elsewhere for another member, as sync stores it. */
function grantElsewhere(epoch: number): KeyGrant {
  return {
    id: keyGrantId(epoch, 'member-elsewhere', 'key-elsewhere'),
    epoch,
    userId: 'member-elsewhere',
    keyId: 'key-elsewhere',
    ephemeralKey: 'AAAA',
    iv: 'AAAA',
    data: 'AAAA',
    grantedBy: 'member-elsewhere',
    at: '2026-12-01T09:00:00.000Z',
  };
}

async function syncedBookWithGrant(epoch: number) {
  const { db, admin } = await freshDb();
  const mia = await createUser(db, admin, {
    name: 'mia',
    staffNumber: 'P-2',
    passphrase: 'Mias Passphrase 1',
    permissions: [],
  });
  const raw = rawConnection(db);
  await raw.settings.put({ key: SYNC_CONFIG_KEY, value: sealConfig(db, CONFIG) });
  await raw.keyGrants.put(grantElsewhere(epoch));
  return { db, admin, mia };
}

const grantIds = async (db: ConsentbookDB) => (await rawConnection(db).keyGrants.toCollection().primaryKeys()).sort();

describe('a device without the book’s newest key epoch', () => {
  it('refuses to remove a member, and knows a removal starts a new epoch', async () => {
    const { db, admin, mia } = await syncedBookWithGrant(1);
    expect(db.keyring.epoch).toBe(0);
    expect(await rewrapsOnRemoval(db)).toBe(true);
    expect(await holdsNewestEpoch(db)).toBe(false);
    await expect(removeMember(db, admin, mia.id)).rejects.toMatchObject({ messageKey: 'error.removeNeedsBookKey' });
    expect((await db.users.get(mia.id))?.active).toBe(true);
    expect(await grantIds(db)).toEqual([grantElsewhere(1).id]);
    expect(db.keyring.epoch).toBe(0);
  });

  it('refuses a removal while it holds an older epoch only', async () => {
    const { db, admin, mia } = await syncedBookWithGrant(2);
    db.keyring.addEpochKey(1, crypto.getRandomValues(new Uint8Array(32)));
    expect(await holdsNewestEpoch(db)).toBe(false);
    await expect(removeMember(db, admin, mia.id)).rejects.toMatchObject({ messageKey: 'error.removeNeedsBookKey' });
    expect((await db.users.get(mia.id))?.active).toBe(true);
    expect(db.keyring.epoch).toBe(1);
    // Once the newest epoch's key is held here, the removal starts the next one.
    db.keyring.addEpochKey(2, crypto.getRandomValues(new Uint8Array(32)));
    expect(await holdsNewestEpoch(db)).toBe(true);
    expect(await removeMember(db, admin, mia.id)).toMatchObject({ epoch: 3 });
    expect((await db.users.get(mia.id))?.active).toBe(false);
  });

  it('starts no first epoch of its own and grants no older one', async () => {
    const { db, admin } = await syncedBookWithGrant(1);
    expect(await grantPending(db, admin)).toBe(0);
    expect(db.keyring.epoch).toBe(0);
    db.keyring.addEpochKey(1, crypto.getRandomValues(new Uint8Array(32)));
    await rawConnection(db).keyGrants.put(grantElsewhere(2));
    expect(await grantPending(db, admin)).toBe(0);
    expect(await grantIds(db)).toEqual([grantElsewhere(1).id, grantElsewhere(2).id]);
  });

  it('makes a new user without a grant of an older epoch (a device holding the newest grants them)', async () => {
    const { db, admin } = await syncedBookWithGrant(2);
    db.keyring.addEpochKey(1, crypto.getRandomValues(new Uint8Array(32)));
    const ole = await createUser(db, admin, {
      name: 'ole',
      staffNumber: 'P-3',
      passphrase: 'Oles Passphrase 1',
      permissions: [],
    });
    expect(ole.serverAccount).toBeUndefined();
    expect(await rawConnection(db).keyGrants.where('userId').equals(ole.id).count()).toBe(0);
  });
});
