/**
 * The open pool's worker logic (src/data/bulk/openRows.ts) and the paged export that uses it:
 * rows opened with the keys handed to a worker equal what the sealing middleware reads, a changed
 * row is named, and allPortabilityJson gives every person with their records once — byte for byte
 * what the pure formatter gives for the same pages opened on this thread, each page handed out in
 * shares of ids that hold each person's records (the persons read where the share is opened); a
 * page's records read as key ranges are exactly what a query for the page's ids gives.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addTransaction,
  allPortabilityJson,
  lockPerson,
  openDatabase,
  recordConsent,
  savePerson,
  signIn,
  signOut,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import * as exportPages from '../../src/data/queries/exportPages';
import { LinkedRecords, pageLinks, storedPersonIds } from '../../src/data/queries/exportPages';
import { runAfter } from '../../src/data/core/tableInRuns';
import { rawConnection, type StoredPerson } from '../../src/data/db';
import { presealRows, RowOpener, type PortabilityJob, type SealedRow } from '../../src/data/bulk/openRows';
import { personTextAad } from '../../src/data/core/crypto/auditText';
import { loadEveryPersonSecret, openStored } from '../../src/data/directory/bulkRead';
import { SEALED_TABLES, TableCodec, type SealedRecord } from '../../src/data/middleware/sealing';
import { SealedRecordError } from '../../src/data/core/errors';
import { importAesKey, openAsync, RECORD_SEAL_VERSION, recordAad, sealAsync } from '../../src/data/core/crypto/seal';
import { toJsonBytes, fromJsonBytes } from '../../src/data/core/crypto/json';
import type { Consent } from '../../src/domain/consent';
import type { BusinessTransaction } from '../../src/domain/transaction';
import {
  DATABASE_EXPORT_TAIL,
  databaseExportEntry,
  databaseExportHead,
  pageRecordSets,
  type PortabilityData,
} from '../../src/formats/portability';
import { anna, CONTRACT, exportedJson, freshDb, PASSPHRASE } from './helpers';
import * as personSecrets from '../../src/data/core/personSecrets';

type ExportedIds = { persons: { person: { id: string } }[] };

/** Every stored person's id, read as the export reads them (in runs; of two here, to have several). */
async function allIds(db: ConsentbookDB): Promise<string[]> {
  const ids: string[] = [];
  for await (const run of storedPersonIds(db, 2)) ids.push(...run);
  return ids;
}

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

  it("opens what the app's WebCrypto path sealed, at every length around the block size, under person and record keys", async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const opener = new RowOpener({ dataKey: db.keyring.requireDataKey(), recordKey: db.keyring.recordKey() });
    const person = { id: p.id, secret: db.keyring.secretOf(p.id)! };
    const keys = {
      persons: await importAesKey(db.keyring.personKey(p.id)!),
      transactions: await importAesKey(db.keyring.recordKey()),
    };
    for (const table of ['persons', 'transactions'] as const) {
      // The sealed JSON is 11 bytes longer than the note: every remainder modulo the block size, and several blocks.
      for (const length of [...Array(40).keys(), 100, 500]) {
        const plain = { id: table === 'persons' ? p.id : `t-${length}`, kind: 'contact' };
        const content = { note: 'ü'.repeat(length % 2) + 'x'.repeat(length - (length % 2)) };
        const sealed = await sealAsync(
          keys[table],
          toJsonBytes(content),
          recordAad(table, plain.id, plain),
          RECORD_SEAL_VERSION,
        );
        const row: SealedRow = { plain, sealed, person: table === 'persons' ? person : undefined };
        expect(await opener.open(table, 'id', [row]), `${table}, note of ${length}`).toEqual({
          opened: [{ ...plain, ...content }],
        });
        // A changed tag, ciphertext or additional data is refused, the row named.
        const refused = { failure: { key: plain.id, unknownVersion: undefined } };
        const tag = sealed.slice();
        tag[tag.length - 1] ^= 1;
        expect(await opener.open(table, 'id', [{ ...row, sealed: tag }])).toEqual(refused);
        const body = sealed.slice();
        body[20] ^= 0x40;
        expect(await opener.open(table, 'id', [{ ...row, sealed: body }])).toEqual(refused);
        expect(await opener.open(table, 'id', [{ ...row, plain: { ...plain, kind: 'customer' } }])).toEqual(refused);
        // And WebCrypto opens it as the workers read it.
        const opened = await openAsync(keys[table], sealed, recordAad(table, plain.id, plain));
        expect(fromJsonBytes(opened)).toEqual(content);
      }
    }
  });

  it('seals new persons as the middleware splits them, under new secrets, so that WebCrypto opens them, at every length around the block size', async () => {
    const { db } = await freshDb();
    const codec = new TableCodec('persons', SEALED_TABLES.persons, db.core.table('persons'), db.keyring);
    const text = JSON.stringify({ comment: 'Messe', context: 'import:a.vcf' });
    const persons = [...Array(40).keys(), 100, 500].map((length, i) => ({
      ...anna({ id: `new-${i}` }),
      note: 'ä'.repeat(length % 3) + 'x'.repeat(length),
    })) as unknown as Record<string, unknown>[];
    const rows = presealRows(db.keyring.requireDataKey(), { plain: [...codec.plain], persons, text });
    expect(new Set(rows.map((r) => Buffer.from(r.secret.secret).toString('hex'))).size).toBe(persons.length);
    for (const [i, person] of persons.entries()) {
      const { secret, sealed, sealedText } = rows[i];
      expect(secret.personId).toBe(person.id);
      db.keyring.addPerson(secret);
      const key = await importAesKey(db.keyring.personKey(String(person.id))!);
      const { plain, content } = codec.split(person);
      const aad = recordAad('persons', person.id, plain);
      expect(sealed[0]).toBe(RECORD_SEAL_VERSION);
      expect(new TextDecoder().decode(await openAsync(key, sealed, aad)), `person ${i}`).toBe(content);
      await expect(openAsync(key, sealed, recordAad('persons', person.id, { ...plain, kind: 'x' }))).rejects.toThrow();
      expect(new TextDecoder().decode(await openAsync(key, sealedText!, personTextAad(String(person.id))))).toBe(text);
    }
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

describe('the whole-database export', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Seven persons: consents, a lock, transactions of one person and of persons on other pages and shares. */
  async function book(): Promise<{ db: ConsentbookDB; admin: Session; saved: StoredPerson[] }> {
    const { db, admin } = await freshDb();
    const saved: StoredPerson[] = [];
    for (let i = 0; i < 7; i++)
      saved.push(await savePerson(db, admin, anna({ lastName: `Nr${i}`, note: `„Notiz“ ${i} ✓` }), CONTRACT));
    const byId = [...saved].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const [k, p] of [byId[0], byId[1], byId[1], byId[5]].entries())
      await recordConsent(db, admin, {
        personId: p.id,
        purposeIds: ['purpose-advertising'],
        givenAt: '2026-02-02',
        channel: 'verbal',
        channelNote: 'am Telefon',
        text: `Newsletter ${k}`,
        confirmedByUser: true,
      });
    const link = async (title: string, ...persons: StoredPerson[]) =>
      addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title, personIds: persons.map((p) => p.id) });
    await link('A-1', byId[4]);
    await link('A-2', byId[1], byId[2]); // two shares of one page (pages of 3: shares of 2 and 1)
    await link('A-3', byId[2], byId[3], byId[6]); // three pages
    await link('A-4', byId[2]);
    await link('A-5', byId[6], byId[0]);
    await lockPerson(db, admin, byId[2].id, 'Rechtsstreit');
    return { db, admin, saved };
  }

  /** Today's export as it was made before the workers formatted: each page opened on this thread, then the pure formatter. */
  async function formattedHere(db: ConsentbookDB, pageSize: number, exportedAt: string): Promise<string> {
    const purposes = new Map((await db.purposes.toArray()).map((p) => [p.id, p] as const));
    const sets: PortabilityData[] = [];
    for (let lastId: string | undefined; ;) {
      const stored = await runAfter(rawConnection(db).persons, lastId, pageSize);
      if (stored.length === 0) break;
      const page = {
        persons: stored,
        ...(await pageLinks(
          db,
          stored.map((p) => p.id),
        )),
      };
      const opened = {
        persons: await openStored<StoredPerson>(db, 'persons', page.persons),
        consents: await openStored<Consent>(db, 'consents', page.consents),
        transactions: await openStored<BusinessTransaction>(db, 'transactions', page.transactions),
      };
      sets.push(...pageRecordSets(opened, purposes).map((set) => ({ ...set, exportedAt })));
      if (page.persons.length < pageSize) break;
      lastId = page.persons[page.persons.length - 1].id;
    }
    // The file from its pure parts: the head, each person's entry, the tail.
    return (
      databaseExportHead(exportedAt) +
      sets.map((set, i) => databaseExportEntry(set, i === 0)).join('') +
      DATABASE_EXPORT_TAIL
    );
  }

  it('is byte for byte what the pure formatter gives for the same pages opened on this thread', async () => {
    const { db, admin } = await book();
    const exportedAt = '2026-04-01T08:00:00.000Z';
    // Consents and transactions read by the pages' index ranges (limit 0) or held in memory.
    for (const linkedInMemory of [0, undefined])
      for (const pageSize of [3, 1000]) {
        const { text, persons } = await exportedJson(db, admin, { pageSize, exportedAt, linkedInMemory });
        expect(text).toBe(await formattedHere(db, pageSize, exportedAt));
        expect(persons).toBe(7);
      }
    const doc = JSON.parse((await exportedJson(db, admin, { exportedAt })).text) as {
      persons: { person: { restricted: unknown }; consents: unknown[]; transactions: { title: string }[] }[];
    };
    // A person's transactions in the page's order: by the first of their persons, then by id.
    const titles = doc.persons.map((p) => p.transactions.map((t) => t.title));
    expect(titles[2].slice(1).sort()).toEqual(['A-3', 'A-4']);
    expect(titles.map((list, i) => (i === 2 ? list.slice(0, 1) : list))).toEqual([
      ['A-5'],
      ['A-2'],
      ['A-2'],
      ['A-3'],
      ['A-1'],
      [],
      ['A-5', 'A-3'],
    ]);
    expect(doc.persons.map((p) => p.consents.length)).toEqual([1, 2, 0, 0, 0, 1, 0]);
    expect(doc.persons[2].person.restricted).toMatchObject({ reason: 'Rechtsstreit' });
  });

  it('hands each page out in shares of ids with their secrets, consents and transactions; the persons are read where they are opened', async () => {
    const { db, admin } = await book();
    const seen = vi.spyOn(RowOpener.prototype, 'portability');
    await exportedJson(db, admin, { pageSize: 3 });
    // In the export's order (pages are key ranges): three pages are under way at once, so the
    // calls may interleave across pages.
    const firstId = (job: PortabilityJob) => job.ids[0];
    const shares: PortabilityJob[] = seen.mock.calls
      .map(([job]) => job)
      .sort((a, b) => (firstId(a) < firstId(b) ? -1 : firstId(a) > firstId(b) ? 1 : 0));
    // Pages of 3 in two shares (2 + 1), the last page of 1 in one.
    expect(shares.map((s) => s.ids.length)).toEqual([2, 1, 2, 1, 1]);
    expect(shares.flatMap((s) => s.ids)).toEqual(await allIds(db));
    expect(await allIds(db)).toEqual((await rawConnection(db).persons.toArray()).map((p) => p.id).sort());
    for (const share of shares) {
      const persons = new Set(share.ids);
      expect(share.secrets).toEqual(share.ids.map((id) => db.keyring.secretOf(id)));
      expect(share.consents.every((c) => persons.has(String(c.personId)))).toBe(true);
      expect(share.transactions.every((t) => (t.personIds as string[]).some((id) => persons.has(id)))).toBe(true);
      // As stored: this thread opens nothing, and holds no person at all.
      expect([...share.consents, ...share.transactions].every((r) => r.sealed instanceof Uint8Array)).toBe(true);
      expect(Object.keys(share)).not.toContain('persons');
    }
    // A transaction of persons in two shares goes to both.
    const idOf = new Map((await db.transactions.toArray()).map((t) => [t.title, t.id] as const));
    const inShares = (title: string) =>
      shares.filter((s) => s.transactions.some((t) => t.id === idOf.get(title))).length;
    expect([inShares('A-1'), inShares('A-2'), inShares('A-3'), inShares('A-5')]).toEqual([1, 2, 3, 2]);
  });

  it('leaves out a person erased after the ids were read, with their consents, and one stored since', async () => {
    const { db, admin } = await book();
    const ids = await allIds(db);
    const exportedAt = '2026-04-01T08:00:00.000Z';
    const whole = JSON.parse((await exportedJson(db, admin, { exportedAt })).text) as ExportedIds;
    // The first person (who has a consent) erased as the ids are read — record and secret gone,
    // the consent read into memory still — and the fourth not stored yet then: pages of one, so the
    // first share holds no one and the next share's first entry is the file's.
    const [erased, later] = [ids[0], ids[3]];
    expect((await db.consents.toArray()).map((c) => c.personId)).toContain(erased);
    vi.spyOn(exportPages, 'storedPersonIds').mockImplementationOnce(async function* (db) {
      const found = await allIds(db);
      await rawConnection(db).persons.delete(erased);
      yield found.filter((id) => id !== later);
    });
    const secretOf = db.keyring.secretOf.bind(db.keyring);
    vi.spyOn(db.keyring, 'secretOf').mockImplementation((id) => (id === erased ? undefined : secretOf(id)));
    const { text, persons } = await exportedJson(db, admin, { pageSize: 1, exportedAt });
    const doc = JSON.parse(text) as ExportedIds;
    const expected = whole.persons.map((p) => p.person.id).filter((id) => id !== later && id !== erased);
    expect(doc.persons.map((p) => p.person.id)).toEqual(expected);
    expect(persons).toBe(5);
    expect(text.startsWith(databaseExportHead(exportedAt) + '\n{')).toBe(true);
  });

  it('in a fresh session reads every secret once, not each page’s one by one', async () => {
    const { db } = await book();
    signOut(db);
    const admin = await signIn(db, 'admin', PASSPHRASE);
    expect(db.keyring.hasPerson((await rawConnection(db).persons.toCollection().first())!.id)).toBe(false);
    const byKey = vi.spyOn(personSecrets, 'readSecrets');
    const { persons } = await exportedJson(db, admin, { pageSize: 3 });
    expect(persons).toBe(7);
    expect(byKey).not.toHaveBeenCalled();
    expect(db.keyring.allPersonsLoaded).toBe(true);
  });

  it('reads a secret that came after every one was read, and that page once more', async () => {
    const { db } = await book();
    signOut(db);
    const admin = await signIn(db, 'admin', PASSPHRASE);
    await loadEveryPersonSecret(db);
    // As if stored by sync after the load: the keyring knows everyone but this person.
    const late = (await allIds(db))[4];
    db.keyring.forgetPerson(late);
    const byKey = vi.spyOn(personSecrets, 'readSecrets');
    const { persons } = await exportedJson(db, admin, { pageSize: 3 });
    expect(persons).toBe(7);
    expect(byKey.mock.calls.map(([, ids]) => ids)).toEqual([[late]]);
  });

  it('ends at once when cancelled, without the file’s end', async () => {
    const { db, admin } = await book();
    const cancel = new AbortController();
    let persons = 0;
    let parts = 0;
    for await (const part of allPortabilityJson(db, admin, { pageSize: 1, signal: cancel.signal })) {
      parts++;
      persons += part.persons;
      if (persons > 0) cancel.abort();
    }
    expect([parts, persons]).toEqual([2, 1]); // the opening and the first page
  });

  it('ends at once when cancelled while its ids are still being read', async () => {
    const { db, admin } = await book();
    const [first] = await allIds(db);
    // The second run of ids never comes.
    vi.spyOn(exportPages, 'storedPersonIds').mockImplementationOnce(async function* () {
      yield [first];
      await new Promise(() => undefined);
    });
    const cancel = new AbortController();
    let parts = 0;
    for await (const part of allPortabilityJson(db, admin, { pageSize: 1, signal: cancel.signal })) {
      parts += part.parts.length;
      cancel.abort();
    }
    expect(parts).toBe(1); // the opening only
  });

  it('names a person whose tag was changed, as the sealing middleware would', async () => {
    const { db, admin, saved } = await book();
    const raw = rawConnection(db);
    const stored = (await raw.persons.get(saved[3].id)) as unknown as SealedRecord;
    const sealed = stored.sealed.slice();
    sealed[sealed.length - 1] ^= 1;
    await raw.persons.put({ ...stored, sealed } as never);
    const failed = exportedJson(db, admin);
    await expect(failed).rejects.toBeInstanceOf(SealedRecordError);
    await expect(failed).rejects.toMatchObject({ table: 'persons', key: saved[3].id });
  });

  it('names a row that does not open, as the sealing middleware would', async () => {
    const { db, admin, saved } = await book();
    const raw = rawConnection(db);
    const stored = (await raw.consents.toArray())[0] as unknown as SealedRecord;
    await raw.consents.put({ ...stored, personId: saved.find((p) => p.id !== stored.personId)!.id } as never);
    const failed = exportedJson(db, admin);
    await expect(failed).rejects.toBeInstanceOf(SealedRecordError);
    await expect(failed).rejects.toMatchObject({ table: 'consents', key: String(stored.id) });
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
    // By the index ranges, and from the consents and transactions read beforehand by primary key.
    // (Read in runs of one record and of many.)
    for (const linked of [undefined, await LinkedRecords.read(raw), await LinkedRecords.read(raw, undefined, 1)]) {
      const seen: string[] = [];
      const every = await allIds(raw);
      for (let at = 0; at < every.length; at += 2) {
        const ids = every.slice(at, at + 2);
        const page = await pageLinks(raw, ids, linked);
        expect(page.consents).toEqual(await raw.consents.where('personId').anyOf(ids).toArray());
        expect(page.transactions).toEqual(await raw.transactions.where('personIds').anyOf(ids).distinct().toArray());
        seen.push(
          `${ids.join('+')}: ${page.consents.map((c) => c.id).join(',')} / ${page.transactions.map((t) => t.id).join(',')}`,
        );
      }
      expect(seen).toEqual(['p1+p3: c9,c2,c3 / t1,t4,t0', 'p4+p6:  / t0,t2,t3,t4', 'p7:  / t6']);
    }
  });

  it('holds consents and transactions in memory only up to its limit, and each only until its page takes it', async () => {
    const raw = rawConnection(openDatabase(`linked-${Math.random().toString(36).slice(2)}`));
    await raw.persons.bulkPut([{ id: 'p1' }, { id: 'p2' }] as never[]);
    await raw.consents.bulkPut([{ id: 'c1', personId: 'p1', purposeIds: [] }] as never[]);
    await raw.transactions.bulkPut([{ id: 't1', personIds: ['p1', 'p2'] }] as never[]);
    expect(await LinkedRecords.read(raw, 1)).toBeUndefined();
    const linked = (await LinkedRecords.read(raw, 2))!;
    const first = await pageLinks(raw, ['p1'], linked);
    expect([first.consents.map((c) => c.id), first.transactions.map((t) => t.id)]).toEqual([['c1'], ['t1']]);
    // Taken: asked again, p1 has nothing left; p2 still has the transaction it shares.
    expect(linked.take(['p1'])).toEqual({ consents: [], transactions: [] });
    expect((await pageLinks(raw, ['p2'], linked)).transactions.map((t) => t.id)).toEqual(['t1']);
  });
});
