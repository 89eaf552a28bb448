/**
 * The open pool's worker logic (src/data/bulk/openRows.ts) and the paged export that uses it:
 * rows opened with the keys handed to a worker equal what the sealing middleware reads, a changed
 * row is named, and allPortability yields every person with their records once; a page's records
 * read as key ranges are exactly what a query for the page's ids gives.
 */
import { describe, expect, it } from 'vitest';
import { addTransaction, allPortability, openDatabase, recordConsent, savePerson } from '../../src/data';
import { readStoredPage } from '../../src/data/queries/reports';
import { rawConnection, type StoredPerson } from '../../src/data/db';
import { RowOpener, type SealedRow } from '../../src/data/bulk/openRows';
import { SEALED_TABLES, type SealedRecord } from '../../src/data/middleware/sealing';
import { anna, CONTRACT, freshDb } from './helpers';

async function sealedRows(db: Awaited<ReturnType<typeof freshDb>>['db'], table: 'persons' | 'transactions') {
  const stored = (await rawConnection(db).table(table).toArray()) as SealedRecord[];
  return stored.map(({ sealed, ...plain }): SealedRow => {
    const personId = SEALED_TABLES[table].personIdOf?.(plain);
    return {
      plain,
      sealed,
      person: personId === undefined ? undefined : { id: personId, secret: db.keyring.secretOf(personId)! },
    };
  });
}

describe('opening rows with the keys handed to a worker', () => {
  it('gives what the sealing middleware reads, for person keys and the record key', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title: 'Auftrag 4711', personIds: [p.id] });
    const opener = new RowOpener({ dataKey: db.keyring.requireDataKey(), recordKey: db.keyring.recordKey() });
    expect(await opener.open('persons', 'id', await sealedRows(db, 'persons'))).toEqual({
      opened: await db.persons.toArray(),
    });
    expect(await opener.open('transactions', 'id', await sealedRows(db, 'transactions'))).toEqual({
      opened: await db.transactions.toArray(),
    });
  });

  it('names the row whose plain fields were changed', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const opener = new RowOpener({ dataKey: db.keyring.requireDataKey(), recordKey: db.keyring.recordKey() });
    const [row] = await sealedRows(db, 'persons');
    const result = await opener.open('persons', 'id', [{ ...row, plain: { ...row.plain, locked: 1 } }]);
    expect(result).toEqual({ failure: { key: p.id, unknownVersion: undefined } });
  });
});

describe('the whole-database export source', () => {
  it('yields every person once, with their consents and transactions, across pages', async () => {
    const { db, admin } = await freshDb();
    const saved: StoredPerson[] = [];
    for (let i = 0; i < 5; i++) saved.push(await savePerson(db, admin, anna({ lastName: `Nr${i}` }), CONTRACT));
    await recordConsent(db, admin, {
      personId: saved[2].id,
      purposeIds: ['purpose-advertising'],
      givenAt: '2026-02-02',
      channel: 'verbal',
      channelNote: 'am Telefon',
      text: 'Newsletter',
      confirmedByUser: true,
    });
    await addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title: 'A-1', personIds: [saved[4].id] });
    const sets = [];
    for await (const set of allPortability(db, admin, { pageSize: 2 })) sets.push(set);
    expect(sets.map((s) => s.person.lastName).sort()).toEqual(['Nr0', 'Nr1', 'Nr2', 'Nr3', 'Nr4']);
    expect(sets.find((s) => s.person.id === saved[2].id)?.consents.map((c) => c.text)).toEqual(['Newsletter']);
    expect(sets.find((s) => s.person.id === saved[4].id)?.transactions.map((t) => t.title)).toEqual(['A-1']);
  });

  it('ends at once when cancelled', async () => {
    const { db, admin } = await freshDb();
    for (let i = 0; i < 3; i++) await savePerson(db, admin, anna({ lastName: `Nr${i}` }), CONTRACT);
    const cancel = new AbortController();
    const sets = [];
    for await (const set of allPortability(db, admin, { pageSize: 1, signal: cancel.signal })) {
      sets.push(set);
      cancel.abort();
    }
    expect(sets).toHaveLength(1);
  });
});

describe('a page of the export, read as key ranges', () => {
  it("holds what a query for its persons' ids gives: the same consents and transactions, in the same order", async () => {
    // Rows as stored, written below the app (the page is read, not opened): ids chosen so that
    // ranges and lists differ — gaps where persons are gone, links across pages and to nobody.
    const raw = rawConnection(openDatabase(`pages-${Math.random().toString(36).slice(2)}`));
    const person = (id: string) => ({ id, kind: 'contact', lastName: id });
    await raw.persons.bulkPut(['p1', 'p3', 'p4', 'p6', 'p7'].map(person) as never[]);
    const consent = (id: string, personId: string) => ({ id, personId, purposeIds: [] });
    await raw.consents.bulkPut([
      consent('c9', 'p1'),
      consent('c1', 'p2'),
      consent('c2', 'p3'),
      consent('c3', 'p3'),
      consent('c4', 'p5'),
    ] as never[]);
    const tx = (id: string, personIds: string[]) => ({ id, personIds, kind: 'order', date: '2026-01-01' });
    await raw.transactions.bulkPut([
      tx('t1', ['p3', 'p1']),
      tx('t2', ['p2', 'p4']),
      tx('t3', ['p4']),
      tx('t4', ['p1', 'p6']),
      tx('t5', ['p5']),
      tx('t0', ['p4', 'p3', 'p2']),
      tx('t6', ['p7', 'p8']),
    ] as never[]);
    const seen: string[] = [];
    let lastId: string | undefined;
    for (;;) {
      const page = await readStoredPage(raw, lastId, 2);
      if (page.persons.length === 0) break;
      const ids = page.persons.map((p) => p.id);
      expect(page.consents).toEqual(await raw.consents.where('personId').anyOf(ids).toArray());
      expect(page.transactions).toEqual(await raw.transactions.where('personIds').anyOf(ids).distinct().toArray());
      seen.push(
        `${ids.join('+')}: ${page.consents.map((c) => c.id).join(',')} / ${page.transactions.map((t) => t.id).join(',')}`,
      );
      lastId = ids[ids.length - 1];
    }
    expect(seen).toEqual(['p1+p3: c9,c2,c3 / t1,t4,t0', 'p4+p6:  / t0,t2,t3,t4', 'p7:  / t6']);
  });
});
