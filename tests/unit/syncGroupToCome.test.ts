// A member's rights through a group come with the group's record. A group changed after a member's
// document (renamed, its rights changed) comes after that document in the feed, so a device pulling
// the book judges the document before it knows the group: it waits for the group, as it waits for an
// author not known yet, instead of refusing the document for good.
import { beforeAll, describe, expect, it } from 'vitest';
import { savePerson, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { checkDoc, Waiting, type CheckScope } from '../../src/data/sync/check';
import type { Person } from '../../src/domain/person';
import type { Group } from '../../src/domain/user';
import { anna, checkScopeFor, CONTRACT, freshDb, refusalOf, rosterUser, syncDocOf, syncedRecords } from './helpers';

/** Mia may edit on her own; erasing and locking come with her group. */
const mia = rosterUser('mia', { permissions: ['editPersons'], groupIds: ['erasers'] });
const erasers = (permissions: Group['permissions']): Group => ({ id: 'erasers', name: 'Löschteam', permissions });

function waitedFor(check: () => unknown): string {
  try {
    check();
  } catch (e) {
    if (e instanceof Waiting) return e.docId;
    throw e;
  }
  return '';
}

describe('a document whose author’s group has not arrived', () => {
  let db: ConsentbookDB;
  let person: Person;
  beforeAll(async () => {
    const { db: opened, admin } = await freshDb();
    db = opened;
    person = await savePerson(db, admin, anna(), CONTRACT);
    await rawConnection(db).open();
  });
  /** The check's scope on a device holding the person as saved, knowing `groups`. */
  const scope = (groups: Group[]): CheckScope =>
    checkScopeFor(db.keyring, [mia], { db, groups: () => groups, person: () => person });
  /** Mia's erasure of the person (its tombstone), as her device sends it. */
  const erasure = () => syncDocOf(db, 'persons', person.id, mia.id);
  /** Mia's lock of the person, as her device sends it. */
  const lock = () =>
    syncDocOf(db, 'persons', person.id, mia.id, {
      ...person,
      lock: { at: '2026-12-07T08:00:00Z', byUserId: mia.id, reason: 'Widerspruch' },
      locked: 1,
    });

  it('waits for the group', () => {
    expect(waitedFor(() => checkDoc(scope([]), erasure()))).toBe('groups:erasers');
  });

  it('waits for the group where a person’s own rule needs its right (a lock)', () => {
    expect(waitedFor(() => checkDoc(scope([]), lock()))).toBe('groups:erasers');
    expect(refusalOf(scope([erasers(['lockPersons'])]), lock())).toBe('');
    expect(refusalOf(scope([erasers([])]), lock())).toMatch(/may not lock/);
  });

  it('is judged by the group once it is there: passed with its right, refused without', () => {
    expect(refusalOf(scope([erasers(['deletePersons'])]), erasure())).toBe('');
    expect(refusalOf(scope([erasers([])]), erasure())).toMatch(/may not change persons.*deletePersons/);
  });

  it('needs no group where the author’s own rights suffice', () => {
    const breach = syncedRecords(person.id).breaches;
    // A breach needs the edit permission, Mia's own (a Waiting would throw here, not return).
    expect(refusalOf(scope([]), syncDocOf(db, 'breaches', 'b1', mia.id, breach))).toBe('');
  });
});
