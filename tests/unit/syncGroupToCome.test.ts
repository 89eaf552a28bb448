// A member's rights through a group come with the group's record. A group changed after a member's
// document (renamed, its rights changed) comes after that document in the feed, so a device pulling
// the book judges the document before it knows the group: it waits for the group, as it waits for an
// author not known yet, instead of refusing the document for good.
import { beforeAll, describe, expect, it } from 'vitest';
import { savePerson, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { checkDoc, Waiting, type CheckScope } from '../../src/data/sync/check';
import type { Group } from '../../src/domain/user';
import { anna, checkScopeFor, CONTRACT, freshDb, refusalOf, rosterUser, syncDocOf, syncedRecords } from './helpers';

/** Mia may edit on her own; erasing comes with her group. */
const mia = rosterUser('mia', { permissions: ['editPersons'], groupIds: ['erasers'] });
const erasers = (permissions: Group['permissions']): Group => ({ id: 'erasers', name: 'Löschteam', permissions });

describe('a document whose author’s group has not arrived', () => {
  let db: ConsentbookDB;
  let personId: string;
  beforeAll(async () => {
    const { db: opened, admin } = await freshDb();
    db = opened;
    personId = (await savePerson(db, admin, anna(), CONTRACT)).id;
    await rawConnection(db).open();
  });
  const scope = (groups: Group[]): CheckScope => checkScopeFor(db.keyring, [mia], { db, groups: () => groups });
  /** Mia's erasure of the person (its tombstone), as her device sends it. */
  const erasure = () => syncDocOf(db, 'persons', personId, mia.id);

  it('waits for the group', () => {
    let thrown: unknown;
    try {
      checkDoc(scope([]), erasure());
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Waiting);
    expect((thrown as Waiting).docId).toBe('groups:erasers');
  });

  it('is judged by the group once it is there: passed with its right, refused without', () => {
    expect(refusalOf(scope([erasers(['deletePersons'])]), erasure())).toBe('');
    expect(refusalOf(scope([erasers([])]), erasure())).toMatch(/may not change persons.*deletePersons/);
  });

  it('needs no group where the author’s own rights suffice', () => {
    const breach = syncedRecords(personId).breaches;
    // A breach needs the edit permission, Mia's own (a Waiting would throw here, not return).
    expect(refusalOf(scope([]), syncDocOf(db, 'breaches', 'b1', mia.id, breach))).toBe('');
  });
});
