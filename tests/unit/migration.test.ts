/**
 * A database written by schema version 1 opens under the current version with nothing lost.
 * The v1 schema is frozen HERE (not imported), so a later edit of src/data/schema.ts cannot
 * silently change what "version 1" means.
 */
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { openDatabase, signIn } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { bytesReplacer } from '../../src/data/core/crypto/json';
import { createVerifier } from '../../src/data/core/crypto/passphrase';
import { searchPersonIds } from '../../src/data/directory';
import { purposesWithUse } from '../../src/data/queries/purposes';
import type { Person } from '../../src/domain/person';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V15, SCHEMA_V16 } from '../../src/data/core/schema';
import { allEntries } from '../../src/data/core/auditEntries';
import { HeldEntries } from '../../src/data/sync/held';
import { newPerson } from '../../src/domain/person';
import { realPbkdf2 } from '../pbkdf2Memo';

const FROZEN_V1 = {
  persons: 'id, kind, natural, [natural+purposeId], purposeId, locked, sortName, email, updatedAt',
  purposes: 'id, name, active',
  consents: 'id, personId, [status+personId], *purposeIds, campaignId',
  transactions: 'id, *personIds, date, kind',
  files: 'id, ownerId',
  auditLog: '++seq, personId, at, action, [personId+seq], userId',
  settings: 'key',
  users: 'id, &name',
  groups: 'id, name',
  requests: 'id, personId, status, dueDate',
  breaches: 'id, knownAt',
  campaigns: 'id, createdAt',
};

describe('schema migrations', () => {
  it('opens a version-1 database with every record kept and new indexes and flags filled', async () => {
    const name = 'migration-v1';
    const v1 = new Dexie(name);
    v1.version(1).stores(FROZEN_V1);
    const persons = Array.from({ length: 50 }, (_, i) =>
      newPerson(i % 2 ? 'contact' : 'customer', {
        id: `p${i}`,
        firstName: `Vorname${i}`,
        lastName: i === 7 ? 'Dvořák' : `Nachname${i}`,
        city: 'München',
        email: `p${i}@example.org`,
        phone: `+49 89 ${1000 + i}`,
        natural: i % 2 ? 1 : 0,
        version: 3,
      }),
    );
    await v1.table('persons').bulkAdd(persons);
    await v1.table('auditLog').bulkAdd(
      persons.map((p) => ({
        at: '2025-01-01T00:00:00.000Z',
        personId: p.id,
        action: 'create',
        fieldKeys: ['firstName'],
      })),
    );
    await v1.table('consents').add({ id: 'c1', personId: 'p1', purposeIds: ['x'], status: 'given' });
    await v1.table('settings').add({ key: 'privacy', value: { gdprSupportDisabled: true } });
    v1.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    // As stored: records in plain open only below the sealing layer, which refuses them (the
    // first sign-in seals them; see the next test).
    const raw = rawConnection(db);
    const after = (await raw.persons.orderBy('id').toArray()) as (Person & { searchTerms?: string[] })[];
    expect(after).toHaveLength(50);
    for (const p of after) {
      const { searchTerms, ...rest } = p;
      expect(rest).toEqual(persons.find((x) => x.id === p.id));
      // Versions 2 and 4 computed search words; version 5 leaves them to be dropped when sealing.
      expect(searchTerms).toContain(p.email);
    }
    expect(await db.auditLog.count()).toBe(50);
    expect(await raw.consents.get('c1')).toMatchObject({ status: 'given' });
    expect((await db.settings.get('privacy'))?.value).toEqual({ gdprSupportDisabled: true });
    // Version 3's worklist flags are computed for migrated persons: natural, no purpose, no transaction, no valid consent.
    const flagged = (await db.personStatus.where('noReason').equals(1).primaryKeys()).sort();
    expect(flagged).toEqual(
      persons
        .filter((p) => p.natural === 1 && p.id !== 'p1')
        .map((p) => p.id)
        .sort(),
    );
  });

  it('seals a database from before encryption at the first sign-in, and the person directory finds its persons', async () => {
    realPbkdf2(); // a verifier from before encryption is this test's subject
    const name = 'migration-v4-plain';
    const v4 = new Dexie(name);
    v4.version(4).stores({
      ...FROZEN_V1,
      persons: FROZEN_V1.persons + ', *searchTerms',
      personStatus: 'personId, noReason',
    });
    const verifier = await createVerifier('old passphrase 1');
    await v4.table('users').add({
      id: 'u1',
      name: 'alt',
      staffNumber: 'P-9',
      verifier,
      groupIds: [],
      permissions: [],
      isAdmin: true,
      active: true,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    const person = newPerson('customer', {
      id: 'p1',
      firstName: 'Waltraud',
      lastName: 'Quendelmeyer',
      email: 'w.quendelmeyer@example.org',
      natural: 1,
      version: 2,
    });
    await v4.table('persons').add({ ...person, searchTerms: ['waltraud', 'quendelmeyer'] });
    await v4
      .table('consents')
      .add({ id: 'c1', personId: 'p1', purposeIds: ['x'], status: 'given', text: 'Einwilligung Quendelmeyer' });
    v4.close();

    const db = openDatabase(name);
    const session = await signIn(db, 'alt', 'old passphrase 1');
    expect(session.isAdmin).toBe(true);
    expect((await db.users.get('u1'))?.dataKey).toBeDefined();
    const dump =
      JSON.stringify(await rawConnection(db).persons.toArray(), bytesReplacer) +
      JSON.stringify(await rawConnection(db).consents.toArray(), bytesReplacer);
    expect(dump).not.toMatch(/Quendelmeyer|Waltraud/i);
    expect(await db.persons.get('p1')).toMatchObject({ firstName: 'Waltraud', lastName: 'Quendelmeyer', version: 2 });
    expect(await db.persons.get('p1')).not.toHaveProperty('searchTerms');
    expect((await db.consents.get('c1'))?.text).toBe('Einwilligung Quendelmeyer');
    expect(await searchPersonIds(db, 'quendel')).toEqual({ ids: ['p1'], truncated: false });
  });

  it('opens a version-6 database under version 8 (sync): records and log kept, the outbox and sync tables empty', async () => {
    const name = 'migration-v6';
    const v6 = new Dexie(name);
    // Version 6 as released (frozen here like version 1).
    v6.version(6).stores({
      ...FROZEN_V1,
      persons: 'id, kind, natural, [natural+purposeId], purposeId, locked, updatedAt',
      personStatus: 'personId, noReason, consentGap',
      personKeys: 'personId',
      erasures: 'personId',
      directory: 'bucket',
    });
    await v6.table('persons').add(newPerson('contact', { id: 'p1', natural: 1, version: 1 }));
    await v6.table('auditLog').add({ at: '2026-01-01T00:00:00.000Z', personId: 'p1', action: 'create', fieldKeys: [] });
    v6.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.persons.count()).toBe(1);
    expect(await db.auditLog.get(1)).toMatchObject({ personId: 'p1', action: 'create' });
    // The log's new index (entries of other devices) answers, and holds none yet.
    expect(await db.auditLog.where('origin').equals('any/1').count()).toBe(0);
    for (const table of [db.outbox, db.quarantine, db.syncRevs, db.conflicts]) expect(await table.count()).toBe(0);
  });

  it('opens a version-11 database under version 12 with fewer indexes: records kept, queries by person, purpose and time still answer, worklist rows only where a flag is', async () => {
    const name = 'migration-v11';
    const v11 = new Dexie(name);
    // Version 11's persons and audit log as released (frozen here like version 1).
    v11.version(11).stores({
      ...FROZEN_V1,
      persons: 'id, kind, natural, [natural+purposeId], purposeId, locked, updatedAt, informDue',
      auditLog: '++seq, personId, at, action, [personId+seq], userId, origin',
      personStatus: 'personId, noReason, consentGap',
    });
    await v11
      .table('persons')
      .bulkAdd([
        newPerson('contact', { id: 'p1', natural: 1, purposeId: 'purpose-contract', version: 1 }),
        newPerson('customer', { id: 'p2', natural: 0, purposeId: 'purpose-contract', version: 1 }),
        newPerson('contact', { id: 'p3', natural: 1, purposeId: '', version: 1 }),
      ]);
    await v11.table('auditLog').bulkAdd(
      ['p1', 'p2', 'p1'].map((personId, i) => ({
        at: `2026-01-0${i + 1}T00:00:00.000Z`,
        personId,
        action: 'create',
        userId: 'u1',
        fieldKeys: [],
      })),
    );
    await v11.table('purposes').add({ id: 'purpose-contract', name: 'Vertrag', active: true });
    await v11.table('personStatus').bulkAdd([
      { personId: 'p1', noReason: 0, consentGap: '' },
      { personId: 'p2', noReason: 0, consentGap: 'none' },
      { personId: 'p3', noReason: 1, consentGap: '' },
    ]);
    v11.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.persons.schema.indexes.map((i) => i.name).sort()).toEqual(
      ['[natural+purposeId]', 'informDue', 'kind', 'locked', 'updatedAt'].sort(),
    );
    expect(db.auditLog.schema.indexes.map((i) => i.name).sort()).toEqual(['[personId+seq]', 'at', 'origin'].sort());
    // The dropped indexes' fields are still in the records, and their queries are served by a compound prefix.
    expect(await rawConnection(db).persons.get('p2')).toMatchObject({ natural: 0, purposeId: 'purpose-contract' });
    expect((await db.persons.where('natural').equals(1).primaryKeys()).sort()).toEqual(['p1', 'p3']);
    expect(await db.auditLog.where('personId').equals('p1').primaryKeys()).toEqual([1, 3]);
    expect(await db.auditLog.get(2)).toMatchObject({ personId: 'p2', action: 'create', userId: 'u1' });
    expect(await db.auditLog.where('at').aboveOrEqual('2026-01-02').count()).toBe(2);
    expect((await purposesWithUse(rawConnection(db))).used.has('purpose-contract')).toBe(true);
    // Only persons with a worklist flag keep a row.
    expect((await db.personStatus.toArray()).map((r) => r.personId)).toEqual(['p2', 'p3']);
  });

  it('opens a version-15 database under version 16: an import’s segments and another device’s single entries kept, the chain index empty', async () => {
    const name = 'migration-v15';
    const v15 = new Dexie(name);
    v15.version(15).stores({ ...SCHEMA_V15, auditSegments: 'seq, *personIds, lastAt' });
    const entry = (seq: number, extra: object = {}) => ({
      seq,
      at: `2026-02-01T00:00:0${seq % 10}.000Z`,
      personId: 'p1',
      action: 'import',
      fieldKeys: [],
      hash: `h${seq}`,
      ...extra,
    });
    await v15.table('auditSegments').add({
      seq: 1,
      lastSeq: 2,
      personIds: ['p1'],
      firstAt: entry(1).at,
      lastAt: entry(2).at,
      entries: [entry(1), entry(2)],
    });
    await v15.table('auditLog').add(entry(2.5, { origin: 'device-a/7' }));
    v15.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.auditSegments.schema.indexes.map((i) => i.name).sort()).toEqual(['chain', 'lastAt', 'personIds'].sort());
    expect(await db.auditSegments.orderBy('chain').count()).toBe(0);
    expect((await allEntries(rawConnection(db))).map((e) => e.seq)).toEqual([1, 2, 2.5]);
    expect([...(await new HeldEntries(db).held('device-a', [6, 7]))]).toEqual([7]);
  });

  it('opens a version-18 database under version 19: the revisions held keep, indexed by their author from now on', async () => {
    const name = 'migration-v18';
    const v18 = new Dexie(name);
    v18.version(18).stores(SCHEMA_V16);
    await v18.table('syncRevs').bulkAdd([
      { docId: 'persons:p1', rev: '1-a' },
      { docId: 'groups:g1', rev: '2-b' },
    ]);
    v18.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const revs = rawConnection(db).syncRevs;
    expect(await revs.toArray()).toEqual([
      { docId: 'groups:g1', rev: '2-b' },
      { docId: 'persons:p1', rev: '1-a' },
    ]);
    // Rows from before name no author: not in the index (team/vouch.ts then reads the replica).
    expect(await revs.where('author').aboveOrEqual('').count()).toBe(0);
    await revs.put({ docId: 'persons:p1', rev: '2-c', author: 'mia' });
    expect(await revs.where('author').equals('mia').primaryKeys()).toEqual(['persons:p1']);
  });

  it('opens a version-17 database under version 18: another device’s segment with a settings entry names it among its persons', async () => {
    const name = 'migration-v17';
    const v17 = new Dexie(name);
    v17.version(17).stores(SCHEMA_V16);
    const entry = (seq: number, personId: string, action: string) => ({
      seq,
      at: `2026-02-01T00:00:0${seq}.000Z`,
      personId,
      action,
      fieldKeys: action === 'settingsChanged' ? ['gdprSupportDisabled'] : [],
      hash: `h${seq}`,
      origin: `device-b/${seq}`,
    });
    const segment = (seq: number, entries: ReturnType<typeof entry>[], chain?: [string, number, number]) => ({
      seq,
      lastSeq: seq + entries.length - 1,
      personIds: [...new Set(entries.map((e) => e.personId).filter(Boolean))],
      firstAt: entries[0].at,
      lastAt: entries[entries.length - 1].at,
      entries,
      ...(chain ? { chain } : {}),
    });
    await v17.table('auditSegments').bulkAdd([
      // Another device's run with a GDPR switch in it, one without, and an import's (no chain).
      segment(1, [entry(1, 'p1', 'changed'), entry(2, '', 'settingsChanged')], ['device-b', 1, 2]),
      segment(3, [entry(3, 'p2', 'changed')], ['device-b', 3, 3]),
      segment(4, [entry(4, 'p3', 'import')]),
    ]);
    v17.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const stored = await rawConnection(db).auditSegments.toArray();
    expect(stored.map((s) => s.personIds)).toEqual([['p1', ''], ['p2'], ['p3']]);
    // Found where the logging-off periods look: the entries about no person.
    expect((await rawConnection(db).auditSegments.where('personIds').equals('').toArray()).map((s) => s.seq)).toEqual([
      1,
    ]);
  });

  it('opens a version-16 database under version 17: a refused sync document is kept as what and why, without the document', async () => {
    const name = 'migration-v16';
    const v16 = new Dexie(name);
    v16.version(16).stores(SCHEMA_V16);
    const refused = {
      id: 'persons:p1@2-x',
      docId: 'persons:p1',
      rev: '2-x',
      type: 'persons',
      reason: 'its person was erased',
      at: '2026-11-30T10:00:00.000Z',
    };
    await v16.table('quarantine').add({ ...refused, doc: { _id: 'persons:p1', key: new Uint8Array([1, 2, 3]) } });
    v16.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await rawConnection(db).quarantine.toArray()).toEqual([refused]);
  });
});
