// What an administrator's device vouches for of a member's writing (team/vouch.ts), read from its
// replica: the member's records to send again, and their append-only documents — only those this
// device applied (their revision the one held here): a grant or an erasure refused here (written
// without the right, made up) is never vouched for, or a device joining later would take it.
import { describe, expect, it } from 'vitest';
import { createUser, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { toDoc } from '../../src/data/sync/docs';
import { replicaOf } from '../../src/data/sync/replica';
import { vouchFor } from '../../src/data/team/vouch';
import { SYNC_CONFIG_KEY } from '../../src/data/middleware/outbox';
import { freshDb } from './helpers';

async function replicaDoc(db: ConsentbookDB, table: string, key: string, author: string, record: object) {
  const local = await replicaOf(db);
  const { rev } = await local.put(
    toDoc(db.keyring, { id: `${table}:${key}`, table, author, device: 'dev-m' }, record as never),
  );
  return rev;
}

describe('vouching for a member', () => {
  it('keeps the append-only documents applied here, sends their other records again, and reads nothing unsynced', async () => {
    const { db, admin } = await freshDb();
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-7', passphrase: 'Mias Passphrase 1' });
    const lost = { lost: new Set(['deletePersons', 'manageUsers'] as const) };
    // A book not synced: nothing read, nothing kept.
    expect(await vouchFor(db, admin, [mia], lost)).toEqual({ resend: [], users: [mia] });

    await rawConnection(db).settings.put({ key: SYNC_CONFIG_KEY, value: { sealed: true } });
    const applied = await replicaDoc(db, 'erasures', 'p1', mia.id, { personId: 'p1' });
    await rawConnection(db).syncRevs.put({ docId: 'erasures:p1', rev: applied });
    // Refused here: in the replica, never applied (no revision held), or held at another revision.
    await replicaDoc(db, 'erasures', 'p2', mia.id, { personId: 'p2' });
    await replicaDoc(db, 'keyGrants', 'g1', mia.id, { id: 'g1' });
    await rawConnection(db).syncRevs.put({ docId: 'keyGrants:g1', rev: '1-other' });
    // Another author's, and a record the server lets change.
    const other = await replicaDoc(db, 'erasures', 'p3', admin.userId, { personId: 'p3' });
    await rawConnection(db).syncRevs.put({ docId: 'erasures:p3', rev: other });
    const team = await replicaDoc(db, 'groups', 'team', mia.id, { id: 'team', name: 'Team', permissions: [] });
    await rawConnection(db).syncRevs.put({ docId: 'groups:team', rev: team });
    // Neither pushed nor applied here (waiting, refused): not this device's to vouch for.
    await replicaDoc(db, 'groups', 'waiting', mia.id, { id: 'waiting', name: 'Wartend', permissions: [] });

    // The rows above carry no author (kept since schema v19): their documents are read.
    const vouching = await vouchFor(db, admin, [mia], lost);
    expect(vouching.users[0].vouched).toEqual({ chains: {}, docs: { 'erasures:p1': applied } });
    expect(vouching.resend).toEqual([{ table: 'groups', key: 'team' }]);
    // …and each one's author kept where the replica still holds the row's revision, so the next
    // change finds them by the index.
    const authors = Object.fromEntries(
      (await rawConnection(db).syncRevs.toArray()).map((row) => [row.docId, row.author ?? null]),
    );
    expect(authors).toEqual({
      'erasures:p1': mia.id,
      'erasures:p3': admin.userId,
      'groups:team': mia.id,
      'keyGrants:g1': null,
    });
    // A removal (everything lost) keeps the heads of the chains held here too.
    const removal = await vouchFor(db, admin, [mia], { lost: 'all' });
    expect(Object.keys(removal.users[0].vouched?.chains ?? {})).toHaveLength(1);
    // Only an administrator's device vouches.
    const manager = { ...admin, isAdmin: false };
    expect(await vouchFor(db, manager, [mia], lost)).toEqual({ resend: [], users: [mia] });
  });

  it('finds the member’s documents by the author kept beside each revision, without reading the others', async () => {
    const { db, admin } = await freshDb();
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-7', passphrase: 'Mias Passphrase 1' });
    await rawConnection(db).settings.put({ key: SYNC_CONFIG_KEY, value: { sealed: true } });
    const revs = rawConnection(db).syncRevs;
    const erasure = await replicaDoc(db, 'erasures', 'p1', mia.id, { personId: 'p1' });
    await revs.put({ docId: 'erasures:p1', rev: erasure, author: mia.id });
    const group = await replicaDoc(db, 'groups', 'team', mia.id, { id: 'team', name: 'Team', permissions: [] });
    await revs.put({ docId: 'groups:team', rev: group, author: mia.id });
    // Held here as another's revision (hers still on its way, or refused): not hers to vouch for.
    await replicaDoc(db, 'groups', 'other', mia.id, { id: 'other', name: 'Andere', permissions: [] });
    await revs.put({ docId: 'groups:other', rev: '1-x', author: admin.userId });
    // Named hers here, but the replica's winner is another's since.
    await replicaDoc(db, 'groups', 'since', admin.userId, { id: 'since', name: 'Seither', permissions: [] });
    await revs.put({ docId: 'groups:since', rev: '1-y', author: mia.id });

    const vouching = await vouchFor(db, admin, [mia], { lost: new Set(['deletePersons', 'manageUsers'] as const) });
    expect(vouching.resend).toEqual([{ table: 'groups', key: 'team' }]);
    expect(vouching.users[0].vouched?.docs).toEqual({ 'erasures:p1': erasure });
  });

  it('says how far it has read when there is more than a page of documents to read', async () => {
    const { db, admin } = await freshDb();
    const mia = await createUser(db, admin, { name: 'mia', staffNumber: 'P-7', passphrase: 'Mias Passphrase 1' });
    await rawConnection(db).settings.put({ key: SYNC_CONFIG_KEY, value: { sealed: true } });
    const local = await replicaOf(db);
    // 600 groups held from before authors were kept: every one's document is read, in pages of 500.
    const docs = Array.from({ length: 600 }, (_, i) =>
      toDoc(
        db.keyring,
        { id: `groups:g${i}`, table: 'groups', author: mia.id, device: 'dev-m' },
        {
          id: `g${i}`,
          name: `Gruppe ${i}`,
          permissions: [],
        },
      ),
    );
    const written = await local.bulkDocs(docs);
    await rawConnection(db).syncRevs.bulkPut(written.map((w) => ({ docId: w.id ?? '', rev: w.rev ?? '' })));
    const reports: [number, number][] = [];
    const vouching = await vouchFor(db, admin, [mia], {
      lost: new Set(['manageUsers'] as const),
      onProgress: (done, total) => reports.push([done, total]),
    });
    expect(vouching.resend).toHaveLength(600);
    expect(reports).toEqual([
      [500, 600],
      [600, 600],
    ]);
    // The next time every row names her (kept by the first read): found by the index, and her 600
    // documents read again with the same reports.
    expect(await rawConnection(db).syncRevs.where('author').equals(mia.id).count()).toBe(600);
    reports.length = 0;
    await vouchFor(db, admin, [mia], {
      lost: new Set(['manageUsers'] as const),
      onProgress: (d, t) => reports.push([d, t]),
    });
    expect(reports).toEqual([
      [500, 600],
      [600, 600],
    ]);
  });
});
