/**
 * Issue 15, finding 3: the plain index fields beside a sealed record are covered by its additional
 * data. Changed with raw IndexedDB access (no key needed), they make the record fail to open —
 * loudly, naming table and key, in transactions and in bulk reads alike. Records sealed before
 * (additional data over table and key only) keep opening.
 */
import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  createRequest,
  recordConsent,
  savePerson,
  SealedRecordError,
  type ConsentbookDB,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { openStored } from '../../src/data/directory/bulkRead';
import { aadOf, open, recordAad, seal } from '../../src/data/core/crypto/seal';
import { anna, CONTRACT, freshDb, SIGNED_FORM } from './helpers';

type Stored = Record<string, unknown> & { sealed: Uint8Array };

async function tamper(db: ConsentbookDB, table: string, key: string, change: Record<string, unknown>) {
  const raw = rawConnection(db).table(table);
  const stored = (await raw.get(key)) as Stored;
  await raw.put({ ...stored, ...change });
}

describe('plain fields are bound to their sealed record', () => {
  it('a changed consent status, request deadline, transaction link or person flag makes the record fail to open', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const other = await savePerson(db, admin, anna({ firstName: 'Ben' }), CONTRACT);
    const consent = await recordConsent(db, admin, {
      ...SIGNED_FORM,
      personId: p.id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-01-02',
      channel: 'written',
      text: 'Werbung per Post',
      confirmedByUser: true,
    });
    const request = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-02-01' });
    const tx = await addTransaction(db, admin, {
      kind: 'order',
      date: '2026-02-03',
      title: 'Auftrag',
      personIds: [p.id],
    });

    const cases: [string, string, Record<string, unknown>][] = [
      ['consents', consent.id, { status: 'withdrawn' }],
      ['requests', request.id, { dueDate: '2099-12-31' }],
      ['transactions', tx.id, { personIds: [other.id] }],
      ['persons', p.id, { purposeId: 'purpose-advertising' }],
      ['persons', other.id, { updatedAt: '2099-01-01T00:00:00.000Z' }],
    ];
    for (const [table, key, change] of cases) {
      await tamper(db, table, key, change);
      const refused = { name: 'SealedRecordError', table, key, messageKey: 'error.sealedRecord' };
      await expect(db.table(table).get(key), `${table} ${Object.keys(change)[0]}`).rejects.toMatchObject(refused);
      const stored: unknown = await rawConnection(db).table(table).get(key);
      await expect(openStored(db, table, [stored])).rejects.toBeInstanceOf(SealedRecordError);
    }
  });

  it('a record sealed before (additional data over table and key only) still opens', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const raw = rawConnection(db).persons;
    const { sealed, ...plain } = (await raw.get(p.id)) as unknown as Stored;
    const key = db.keyring.personKey(p.id)!;
    const bytes = open(key, sealed, recordAad('persons', p.id, plain));
    await raw.put({ ...plain, sealed: seal(key, bytes, aadOf('persons', p.id)) } as never);
    expect((await db.persons.get(p.id))?.lastName).toBe('Zimmermann');
    const [bulk] = await openStored<{ lastName: string }>(db, 'persons', [await raw.get(p.id)]);
    expect(bulk.lastName).toBe('Zimmermann');
    // Saved again, it is sealed in the new form.
    await savePerson(db, admin, { ...(await db.persons.get(p.id))!, note: 'neu' });
    expect(((await raw.get(p.id)) as unknown as Stored).sealed[0]).toBe(2);
  });
});
