import { describe, expect, it } from 'vitest';
import { importPersons, savePerson, ValidationError, verifyAuditLog, type StoredPerson } from '../../src/data';
import { newPerson } from '../../src/domain/person';
import { anna, CONTRACT, freshDb, PASSPHRASE } from './helpers';
import { ConsentbookDB, rawConnection } from '../../src/data/db';
import { setupAdministrator } from '../../src/data/auth';
import { allEntries } from '../../src/data/core/auditEntries';
import { countSecrets } from '../../src/data/core/personSecrets';
import { exportPersonsCsv } from '../../src/formats/csv/write';
import { findLikelyDuplicates, parseImportFile } from '../../src/formats/import';
import { buildPlan } from '../../src/ui/import/plan';

const reason = { purposeId: 'purpose-contract', comment: 'Adressbuch übernommen' };

describe('importPersons', () => {
  it('imports a batch with one purpose and comment, logged per person with the file name', async () => {
    const { db, admin } = await freshDb();
    const persons = Array.from({ length: 2500 }, (_, i) =>
      newPerson('contact', { firstName: `V${i}`, lastName: `N${i}`, email: `p${i}@example.org` }),
    );
    const progress: number[] = [];
    const result = await importPersons(db, admin, { fileName: 'kontakte.vcf', persons }, reason, (done) =>
      progress.push(done),
    );
    expect(result).toEqual({ added: 2500, merged: 0 });
    expect(await db.persons.count()).toBe(2500);
    const log = (await allEntries(db)).filter((e) => e.action === 'import');
    expect(log).toHaveLength(2500);
    expect(log[0]).toMatchObject({
      context: 'import:kontakte.vcf',
      purposeId: 'purpose-contract',
      comment: 'Adressbuch übernommen',
    });
    expect(progress.at(-1)).toBe(2500);
    expect(
      (await db.persons.toArray()).every(
        (p: StoredPerson) => p.source === 'import:kontakte.vcf' && p.purposeId === 'purpose-contract',
      ),
    ).toBe(true);
  });

  it('is all-or-nothing: one bad person midway leaves the database as it was', async () => {
    const { db, admin } = await freshDb();
    const persons = Array.from({ length: 1500 }, (_, i) =>
      newPerson('contact', { lastName: `N${i}`, email: i === 1400 ? 'kaputt@' : `p${i}@example.org` }),
    );
    await expect(importPersons(db, admin, { fileName: 'x.csv', persons }, reason)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await db.persons.count()).toBe(0);
    expect(await allEntries(db)).toHaveLength(0);
  });

  it('writes in chunks in the order of the file, and the chain verifies after it', async () => {
    const { db, admin } = await freshDb();
    // More than two chunks of the write (importPersons.ts: CHUNK), the last one partial.
    const persons = Array.from({ length: 250 }, (_, i) =>
      newPerson('contact', { id: `p-${String(i).padStart(3, '0')}`, lastName: `N${i}` }),
    );
    persons.reverse(); // the file's order is not the ids' order
    await importPersons(db, admin, { fileName: 'kontakte.vcf', persons }, reason);
    const log = await allEntries(db);
    expect(log.map((e) => e.personId)).toEqual(persons.map((p) => p.id));
    expect(await countSecrets(db)).toBe(250);
    // A chunk's secrets a record; each opens its person.
    expect(await rawConnection(db).personKeyGroups.count()).toBe(5);
    expect((await db.persons.get('p-123'))?.lastName).toBe('N123');
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 250 });
  });

  it('a cancel while writing, after chunks were written, stores nothing', async () => {
    const { db, admin } = await freshDb();
    const persons = Array.from({ length: 450 }, (_, i) => newPerson('contact', { lastName: `N${i}` }));
    const cancel = new AbortController();
    const seen: number[] = [];
    const importing = importPersons(
      db,
      admin,
      { fileName: 'kontakte.vcf', persons },
      reason,
      (done) => {
        seen.push(done);
        // Each report is a chunk written inside the transaction: cancelled after six of them.
        if (done > 300) cancel.abort();
      },
      cancel.signal,
    );
    await expect(importing).rejects.toMatchObject({ messageKey: 'error.importCancelled' });
    expect(seen.filter((done) => done <= 300)).toEqual([50, 100, 150, 200, 250, 300]);
    expect(await db.persons.count()).toBe(0);
    expect(await allEntries(db)).toHaveLength(0);
    expect(await db.personKeys.count()).toBe(0);
    expect(await verifyAuditLog(db)).toMatchObject({ ok: true, count: 0 });
  });

  it('merges a duplicate into the stored person', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(db, admin, anna({ phone: '' }), CONTRACT);
    await importPersons(
      db,
      admin,
      {
        fileName: 'a.vcf',
        persons: [],
        merges: [
          { existingId: stored.id, person: newPerson('contact', { phone: '+49 221 999999', email: stored.email }) },
        ],
      },
      reason,
    );
    const after = (await db.persons.get(stored.id))!;
    expect(after.phone).toBe('+49 221 999999');
    expect((await allEntries(db)).at(-1)).toMatchObject({ action: 'import', fieldKeys: ['phone'] });
  });

  it('a merge loses nothing stored: a replaced number joins the further ones, accounts are added, an address is taken whole', async () => {
    const { db, admin } = await freshDb();
    const stored = await savePerson(
      db,
      admin,
      anna({
        kind: 'customer',
        private: true,
        phone: '0221 111111',
        furtherPhones: ['0221 222222'],
        street: 'Lindenweg 7',
        postalCode: '50667',
        city: 'Köln',
        bankAccounts: [{ iban: 'DE89 3704 0044 0532 0130 00', bic: '', holder: 'Anna' }],
      }),
      CONTRACT,
    );
    const incoming = newPerson('customer', {
      private: true,
      phone: '+49 221 999999',
      street: 'Marktplatz 3',
      city: 'Hamburg',
      bankAccounts: [
        { iban: 'de89370400440532013000', bic: '', holder: 'Anna' },
        { iban: 'DE02 1203 0000 0000 2020 51', bic: '', holder: 'Anna' },
      ],
    });
    await importPersons(
      db,
      admin,
      { fileName: 'a.vcf', persons: [], merges: [{ existingId: stored.id, person: incoming }] },
      reason,
    );
    const after = (await db.persons.get(stored.id))!;
    expect(after.phone).toBe('+49 221 999999');
    expect(after.furtherPhones).toEqual(['0221 222222', '0221 111111']);
    // The file's address whole: no "Marktplatz 3, 50667 Hamburg" mixed of two.
    expect([after.street, after.postalCode, after.city]).toEqual(['Marktplatz 3', '', 'Hamburg']);
    expect(after.bankAccounts.map((b) => b.iban)).toEqual([
      'DE89 3704 0044 0532 0130 00',
      'DE02 1203 0000 0000 2020 51',
    ]);
  });

  it("a mixed batch (our own CSV export): the rules follow each person's own classification", async () => {
    const { db, admin } = await freshDb();
    const book = [
      newPerson('customer', { organisation: 'Müller KG', email: 'info@mueller.example' }),
      newPerson('partner', { private: true, firstName: 'Petra', lastName: 'Paul' }),
      newPerson('contact', { firstName: 'Anna', lastName: 'Alt', email: 'anna@example.org' }),
    ];
    const preview = parseImportFile('export.csv', new TextEncoder().encode(exportPersonsCsv(book, 'de')));
    const plan = buildPlan(preview.candidates, findLikelyDuplicates(preview.candidates, []), new Map(), {}, null, true);
    await importPersons(db, admin, { fileName: 'export.csv', persons: plan.persons }, reason);
    const stored = await db.persons.toArray();
    const byName = (name: string) => stored.find((p) => p.organisation === name || p.lastName === name)!;
    const company = byName('Müller KG');
    // The company: no natural person, so no purpose, no Art. 14 deadline, no log entry.
    expect(company).toMatchObject({ kind: 'customer', private: false, natural: 0, purposeId: '' });
    expect(company.informDue).toBeUndefined();
    // The private business partner and the contact: the batch's purpose, informing due, logged.
    for (const natural of [byName('Paul'), byName('Alt')]) {
      expect(natural).toMatchObject({ natural: 1, purposeId: 'purpose-contract' });
      expect(natural.informDue).toEqual(expect.any(String));
    }
    expect(byName('Paul')).toMatchObject({ kind: 'partner', private: true });
    expect(byName('Alt')).toMatchObject({ kind: 'contact', private: false });
    const log = (await allEntries(db)).filter((e) => e.action === 'import');
    expect(log.map((e) => e.personId).sort()).toEqual([byName('Paul').id, byName('Alt').id].sort());
  });

  it('refuses a batch without purpose or comment', async () => {
    const { db, admin } = await freshDb();
    await expect(
      importPersons(
        db,
        admin,
        { fileName: 'a.vcf', persons: [anna()] },
        { purposeId: 'purpose-contract', comment: ' ' },
      ),
    ).rejects.toMatchObject({ messageKey: 'error.importReason' });
  });
});

describe('importPersons without sealing (the bench’s unencrypted twin)', () => {
  it('fails, storing nothing, when a new person’s id is stored already', async () => {
    // Unsealed, no key secret's add fails first; a business partner's write has no audit entry to
    // fail with it: only the add's own failure stops the batch, which must still store nothing.
    const db = new ConsentbookDB(`test-unsealed-${Math.random().toString(36).slice(2)}`, { sealing: false });
    const admin = await setupAdministrator(db, { name: 'admin', staffNumber: 'P-001', passphrase: PASSPHRASE });
    const taken = newPerson('partner', { id: 'p-taken', lastName: 'Vergeben' });
    await importPersons(db, admin, { fileName: 'a.vcf', persons: [taken] }, reason);
    const persons = [
      ...Array.from({ length: 120 }, (_, i) => newPerson('contact', { firstName: `V${i}`, lastName: `N${i}` })),
      newPerson('partner', { id: 'p-taken', lastName: 'Doppelt' }),
    ];
    await expect(importPersons(db, admin, { fileName: 'b.vcf', persons }, reason)).rejects.toThrow();
    expect(await db.persons.count()).toBe(1);
    expect((await db.persons.get('p-taken'))?.lastName).toBe('Vergeben');
    db.close();
  });
});
