// A person's key secret never changes: erasure ends it. A person's document bringing another secret
// than the one held here would seal the person's consents, files and log texts away from every
// device holding them — it is refused; and a document's secret is not taken into the keyring before
// the document is, so a refused one cannot make the person unreadable for the rest of the session.
import { beforeAll, describe, expect, it } from 'vitest';
import { savePerson, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import type { Person } from '../../src/domain/person';
import type { SyncDoc } from '../../src/data/sync/docs';
import {
  anna,
  checkScopeFor,
  consentToAdvertising,
  CONTRACT,
  freshDb,
  refusalOf,
  rosterUser,
  SIGNED_FORM,
  syncDocOf,
  syncedRecords,
} from './helpers';

const viewer = rosterUser('viewer');
const editor = rosterUser('editor', { permissions: ['editPersons'] });
const boss = rosterUser('boss', { isAdmin: true });

describe('a person’s document bringing another key secret', () => {
  let db: ConsentbookDB;
  let person: Person;
  let held: Uint8Array;
  beforeAll(async () => {
    const opened = await freshDb();
    db = opened.db;
    person = await savePerson(db, opened.admin, anna(), CONTRACT);
    await consentToAdvertising(db, opened.admin, person.id, SIGNED_FORM.evidenceFile.data);
    await rawConnection(db).open();
    held = db.keyring.secretOf(person.id)!.slice();
  });
  const scope = () => checkScopeFor(db.keyring, [viewer, editor, boss], { db, person: () => person });

  /** `author`'s version of the person, sealed under a secret of their own making. */
  function underOtherSecret(author: string): SyncDoc {
    db.keyring.forgetPerson(person.id);
    db.keyring.addPerson({ personId: person.id, secret: crypto.getRandomValues(new Uint8Array(32)) });
    const doc = syncDocOf(db, 'persons', person.id, author, { ...person, city: 'Bonn' });
    db.keyring.forgetPerson(person.id);
    db.keyring.addPerson({ personId: person.id, secret: held.slice() });
    return doc;
  }

  it('is refused, even from a member who may edit persons', () => {
    expect(refusalOf(scope(), underOtherSecret('editor'))).toBe('a person with another key than the one held here');
  });

  it('is refused against the secret stored here when none is in memory (sign-in loads none)', () => {
    const doc = underOtherSecret('editor');
    db.keyring.forgetPerson(person.id);
    const stored = { personId: person.id, secret: held.slice() };
    const refused = refusalOf({ ...scope(), personSecret: () => stored }, doc);
    expect(refused).toBe('a person with another key than the one held here');
    expect(db.keyring.hasPerson(person.id)).toBe(false);
    db.keyring.addPerson(stored);
  });

  it('refused for its author, leaves the keyring as it was: the person and their records still open', async () => {
    // A member without any right; the person not in memory yet (as after sign-in).
    const doc = underOtherSecret('viewer');
    db.keyring.forgetPerson(person.id);
    expect(refusalOf(scope(), doc)).toMatch(/may not change persons/);
    expect(db.keyring.hasPerson(person.id)).toBe(false);
    expect((await db.persons.get(person.id))?.lastName).toBe(person.lastName);
    expect(Buffer.from(db.keyring.secretOf(person.id)!).equals(Buffer.from(held))).toBe(true);
    // A genuine document about the person, arriving afterwards, passes.
    const consent = syncDocOf(db, 'consents', 'c1', 'boss', syncedRecords(person.id).consents);
    expect(refusalOf(scope(), consent)).toBe('');
  });

  it('with the secret held, passes as before', () => {
    const doc = syncDocOf(db, 'persons', person.id, 'editor', { ...person, city: 'Bonn' });
    expect(refusalOf(scope(), doc)).toBe('');
  });
});
