// The register of processing activities (Art. 30): generated from the purposes and the data held.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { liveQuery } from 'dexie';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addPurpose,
  collectProcessingRegister,
  collectUncheckedRegister,
  tallyRegisterActivities,
  withAuditVerdict,
  withdrawConsent,
  createBackup,
  createUser,
  PermissionDeniedError,
  recordConsent,
  recordRegisterIssued,
  saveRegisterNotes,
  savePerson,
  signIn,
  updateController,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { newPerson } from '../../src/domain/person';
import { tallyPurposes, type PurposeTallies } from '../../src/data/queries/registerActivities';
import { loadLanguage, t } from '../../src/i18n/messages';
import { processingRegisterJson, renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import type { PdfFonts } from '../../src/documents/letter';
import { CONTRACT, enterController, freshDb } from './helpers';
import { nodePdfFonts } from './sample-data';

/** The rendered PDFs, kept for looking at them (pdftoppm); a directory of its own per run. */
const pdfDir = mkdtempSync(join(tmpdir(), 'consentbook-register-'));

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const squash = (s: string) => s.replace(/\s+/g, '');
const PDF = new TextEncoder().encode('%PDF-1.4 evidence');

/** A written consent to advertising, with its evidence. */
function consentToAdvertising(db: ConsentbookDB, admin: Session, personId: string) {
  return recordConsent(db, admin, {
    personId,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-03-01',
    channel: 'written',
    text: 'v1',
    evidenceFile: { name: 'e.pdf', mimeType: 'application/pdf', data: PDF },
    confirmedByUser: true,
  });
}

/** Persons of every kind under different purposes; returns the custom purpose's id. */
async function generate(db: ConsentbookDB, admin: Session): Promise<string> {
  await updateController(db, admin, {
    name: 'Gärtnerei Morgentau GmbH',
    street: 'Am Anger 3',
    postalCode: '04109',
    city: 'Leipzig',
    country: 'Deutschland',
    email: 'datenschutz@morgentau.example',
    phone: '+49 341 555000',
    dataProtectionOfficer: 'Dr. Jana Brandt',
  });
  const payroll = await addPurpose(db, admin, {
    name: 'Lohnbuchhaltung',
    lawfulBasis: 'c',
    requiresConsent: false,
    retention: { years: 10, basis: '§ 147 AO' },
    recipients: 'Steuerberater, Finanzamt',
    active: true,
  });
  for (let i = 0; i < 3; i++) {
    await savePerson(
      db,
      admin,
      newPerson('contact', {
        lastName: `Kontakt ${i}`,
        firstName: 'Eva',
        email: `eva${i}@example.org`,
        phone: '+49 30 1234567',
      }),
      CONTRACT,
    );
  }
  await savePerson(
    db,
    admin,
    newPerson('customer', {
      private: true,
      lastName: 'Privatkunde',
      bankAccounts: [{ iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', holder: 'P. Kunde' }],
    }),
    CONTRACT,
  );
  // A company is no data subject: neither its kind nor its fields count.
  await savePerson(
    db,
    admin,
    newPerson('customer', { private: false, organisation: 'Muster AG', fax: '+49 30 999999', lastName: 'Muster' }),
    CONTRACT,
  );
  const prospect = await savePerson(
    db,
    admin,
    newPerson('prospect', { private: true, lastName: 'Interessent', street: 'Weg 1', city: 'Halle' }),
    { purposeId: 'purpose-advertising', comment: 'Messe' },
  );
  // A contact held for the contract who also consented to advertising: a data subject of both.
  const consenting = await savePerson(
    db,
    admin,
    newPerson('contact', { lastName: 'Werbefreund', postalCode: '04109' }),
    CONTRACT,
  );
  await consentToAdvertising(db, admin, consenting.id);
  await savePerson(
    db,
    admin,
    newPerson('partner', { private: true, lastName: 'Partnerin', title: 'Prof.', country: 'Österreich' }),
    { purposeId: payroll.id, comment: 'Honorar' },
  );
  expect(prospect.purposeId).toBe('purpose-advertising');
  return payroll.id;
}

describe('collectProcessingRegister', () => {
  it('lists per purpose the kinds of persons held and the watched fields actually filled', async () => {
    const { db, admin } = await freshDb();
    const payrollId = await generate(db, admin);
    const register = await collectProcessingRegister(db, admin, new Date('2026-06-01T10:00:00Z'));
    const byId = new Map(register.activities.map((a) => [a.purposeId, a]));

    const contract = byId.get('purpose-contract')!;
    expect(contract.lawfulBasis).toBe('b');
    expect(contract.subjectCategories).toEqual(['contact', 'customer']);
    expect(contract.subjectCounts).toEqual({ contact: 4, customer: 1 });
    expect(contract.dataCategories).toEqual(['firstName', 'lastName', 'postalCode', 'phone', 'email', 'bankAccounts']);

    const advertising = byId.get('purpose-advertising')!;
    expect(advertising.subjectCategories).toEqual(['contact', 'prospect']);
    expect(advertising.personCount).toBe(2);
    expect(advertising.dataCategories).toEqual(['lastName', 'street', 'postalCode', 'city']);
    expect(advertising.requiresConsent).toBe(true);

    const addressTrade = byId.get('purpose-address-trade')!;
    expect(addressTrade.subjectCategories).toEqual([]);
    expect(addressTrade.dataCategories).toEqual([]);

    const payroll = byId.get(payrollId)!;
    expect(payroll).toMatchObject({
      name: 'Lohnbuchhaltung',
      lawfulBasis: 'c',
      recipients: 'Steuerberater, Finanzamt',
      retention: { years: 10, basis: '§ 147 AO' },
    });
    expect(payroll.subjectCategories).toEqual(['partner']);
    expect(payroll.dataCategories).toEqual(['title', 'lastName', 'country']);

    expect(register.controller.dataProtectionOfficer).toBe('Dr. Jana Brandt');
    expect(register.measures.auditLog).toMatchObject({ hashChain: true, verified: true });
    expect(register.measures.auditLog.entries).toBeGreaterThan(5);
    expect(register.measures.accessControl).toMatchObject({
      users: 1,
      activeUsers: 1,
      administrators: 1,
      groups: 0,
      permissions: 7,
    });
    expect(register.measures.backups.lastBackupAt).toBeNull();
    expect(register.measures.encryptionAtRest).toMatchObject({ enabled: true, algorithm: 'AES-256-GCM' });
    expect(register.measures.purposeRuleEnforced).toBe(true);
  });

  it('counts the same when the persons are read a few at a time: each once per purpose, withdrawn consents not', async () => {
    const { db, admin } = await freshDb();
    await generate(db, admin);
    // A second contact consented to advertising, then withdrew: held for the contract only.
    const withdrawn = await savePerson(
      db,
      admin,
      newPerson('contact', { lastName: 'Widerruf', city: 'Jena' }),
      CONTRACT,
    );
    const consent = await consentToAdvertising(db, admin, withdrawn.id);
    await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-04-01', note: 'per E-Mail' });
    const stored = await db.persons.count();
    const plain = ({ byPurpose, sealed }: PurposeTallies) => ({
      sealed,
      purposes: Object.fromEntries(
        [...byPurpose].map(([id, t]) => [
          id,
          { persons: t.persons, kinds: Object.fromEntries(t.kinds), fields: [...t.fields].sort() },
        ]),
      ),
    });
    const whole = plain(await tallyPurposes(db));
    // Every person and consent read, each sealed.
    expect(whole.sealed).toEqual({
      persons: { records: stored, sealed: stored },
      consents: { records: 2, sealed: 2 },
    });
    expect(whole.purposes['purpose-advertising']).toEqual({
      persons: 2,
      kinds: { contact: 1, prospect: 1 },
      fields: ['city', 'lastName', 'postalCode', 'street'],
    });
    expect(whole.purposes['purpose-contract'].persons).toBe(6);
    expect(whole.purposes['purpose-contract'].fields).toContain('city');
    for (const run of [1, 2, 3]) {
      const progress: number[] = [];
      const paged = await tallyPurposes(db, { run, onProgress: (p) => progress.push(p.done) });
      expect(plain(paged)).toEqual(whole);
      expect(progress.at(-1)).toBe(stored);
      expect(progress.length).toBe(Math.floor(stored / run) + 1);
    }
    // The screen's register and its verdict apart make the issued one.
    const now = new Date('2026-06-01T10:00:00Z');
    const unchecked = await collectUncheckedRegister(db, admin, now);
    expect(unchecked.measures.auditLog).toEqual({ hashChain: true, keyed: true });
    const issued = await collectProcessingRegister(db, admin, now);
    expect(withAuditVerdict(unchecked, { ok: true, entries: issued.measures.auditLog.entries })).toEqual(issued);
  });

  it('the tally is a live query of its own: saving the notes tallies nothing again, a person saved does; the register from a given tally is the same', async () => {
    const { db, admin } = await freshDb();
    await savePerson(db, admin, newPerson('contact', { firstName: 'Anna', lastName: 'Alt', city: 'Ulm' }), CONTRACT);
    let tallies = 0;
    const seen: PurposeTallies[] = [];
    const watching = liveQuery(() => {
      tallies++;
      return tallyRegisterActivities(db, admin);
    }).subscribe({ next: (t) => seen.push(t) });
    try {
      // The live query's runs are background work: under a full test run's load one took over the
      // default second to deliver (session 43).
      await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 20_000 });
      const now = new Date('2026-06-01T10:00:00Z');
      expect(await collectUncheckedRegister(db, admin, now, undefined, { tallied: seen[0] })).toEqual(
        await collectUncheckedRegister(db, admin, now),
      );
      // The notes and the controller are settings, each with its audit entry: no person read again.
      await saveRegisterNotes(db, admin, { activities: {}, additionalMeasures: 'Schulung der Mitarbeitenden' });
      await enterController(db, admin);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(tallies).toBe(1);
      await savePerson(db, admin, newPerson('contact', { firstName: 'Berta', lastName: 'Neu' }), CONTRACT);
      await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 20_000 });
      expect(seen[1].byPurpose.get('purpose-contract')?.persons).toBe(2);
    } finally {
      watching.unsubscribe();
    }
  });

  it('reads the last backup date, and needs the permission to issue reports', async () => {
    const { db, admin } = await freshDb();
    await createBackup(db, admin, 'backup passphrase');
    const register = await collectProcessingRegister(db, admin);
    expect(register.measures.backups.lastBackupAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await createUser(db, admin, {
      name: 'lea',
      staffNumber: '7',
      passphrase: 'lea passphrase',
      permissions: ['editPersons'],
    });
    const lea = await signIn(db, 'lea', 'lea passphrase');
    await expect(collectProcessingRegister(db, lea)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(recordRegisterIssued(db, lea, 'pdf')).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('is completed by the user: descriptions, transfers and further measures (logged, with the permission)', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    await saveRegisterNotes(db, admin, {
      activities: {
        'purpose-advertising': {
          description: 'Versand des Frühjahrskatalogs',
          transfers: 'Versanddienstleister in der Schweiz (Angemessenheitsbeschluss)',
        },
      },
      additionalMeasures: 'Festplattenverschlüsselung (BitLocker) auf allen Geräten',
    });
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({
      action: 'settingsChanged',
      context: 'settings:registerNotes',
    });
    const register = await collectProcessingRegister(db, admin);
    expect(register.activities.find((a) => a.purposeId === 'purpose-advertising')).toMatchObject({
      description: 'Versand des Frühjahrskatalogs',
      transfers: 'Versanddienstleister in der Schweiz (Angemessenheitsbeschluss)',
    });
    expect(register.additionalMeasures).toBe('Festplattenverschlüsselung (BitLocker) auf allen Geräten');
    const text = squash(
      (await extractText((await renderProcessingRegisterPdf(register, 'de', fonts)).slice(), { mergePages: true }))
        .text,
    );
    for (const s of [
      'Versand des Frühjahrskatalogs',
      'Versanddienstleister in der Schweiz',
      'Weitere Maßnahmen',
      'BitLocker',
    ])
      expect(text).toContain(squash(s));
    await createUser(db, admin, {
      name: 'lea',
      staffNumber: '7',
      passphrase: 'lea passphrase',
      permissions: ['issueReports'],
    });
    const lea = await signIn(db, 'lea', 'lea passphrase');
    await expect(saveRegisterNotes(db, lea, { activities: {}, additionalMeasures: '' })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });

  it('logs the issue of the register', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    await recordRegisterIssued(db, admin, 'json');
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({
      action: 'other',
      personId: '',
      context: 'register:json',
    });
  });
});

describe('renderProcessingRegisterPdf and processingRegisterJson', () => {
  it('the PDF holds each purpose with its lawful basis, the field labels held and the measures', async () => {
    const { db, admin } = await freshDb();
    await generate(db, admin);
    const register = await collectProcessingRegister(db, admin, new Date('2026-06-01T10:00:00Z'));
    const pdf = await renderProcessingRegisterPdf(register, 'de', fonts, 'Europe/Berlin');
    writeFileSync(join(pdfDir, 'register-de.pdf'), pdf);
    const { text } = await extractText(pdf.slice(), { mergePages: true });
    const all = squash(text);
    expect(all).toContain(squash(t('de', 'register.title')));
    for (const a of register.activities) {
      expect(all).toContain(squash(a.name));
      expect(all).toContain(squash(t('de', `basis.${a.lawfulBasis}`)));
      // The row of data categories, labels in catalogue order.
      if (a.dataCategories.length)
        expect(all).toContain(squash(a.dataCategories.map((k) => t('de', `field.${k}`)).join(', ')));
    }
    for (const label of ['Vorname', 'Bankverbindung', 'Telefon', 'Land', 'Titel']) expect(all).toContain(squash(label));
    expect(all).not.toContain(squash('Telefax'));
    expect(all).toContain(squash('Ansprechpartner (4), Kunde (1)'));
    expect(all).toContain(squash('Steuerberater, Finanzamt'));
    expect(all).toContain(squash('10 Jahre ab Ende des Jahres der letzten Änderung (§ 147 AO)'));
    expect(all).toContain(squash('Dr. Jana Brandt'));
    expect(all).toContain(squash('Verschlüsselung der gespeicherten Daten'));
    expect(all).toContain(squash('aktiv: jeder Datensatz einzeln mit AES-256-GCM versiegelt'));
    expect(all).not.toContain(squash('nicht aktiviert'));
    expect(all).toContain(squash('Prüfung am 01.06.2026: unverändert'));
    expect(all).toContain(squash('Es wurde noch keine Sicherung erstellt.'));

    const en = squash(
      (await extractText((await renderProcessingRegisterPdf(register, 'en', fonts)).slice(), { mergePages: true }))
        .text,
    );
    expect(en).toContain(squash('Records of processing activities'));
    expect(en).toContain(squash(t('en', 'basis.c')));
    expect(en).toContain(squash('active: every record sealed on its own with AES-256-GCM'));
  });

  it('the JSON carries the same structure with stable keys', async () => {
    const { db, admin } = await freshDb();
    const payrollId = await generate(db, admin);
    const register = await collectProcessingRegister(db, admin, new Date('2026-06-01T10:00:00Z'));
    const json = JSON.parse(processingRegisterJson(register)) as {
      controller: { name: string };
      activities: { purposeId: string }[];
      technicalAndOrganisationalMeasures: Record<string, unknown>;
    };
    expect(json).toMatchObject({
      format: 'consentbook-processing-register',
      version: 4,
      generatedAt: '2026-06-01T10:00:00.000Z',
    });
    expect(json.controller.name).toBe('Gärtnerei Morgentau GmbH');
    const payroll = json.activities.find((a: { purposeId: string }) => a.purposeId === payrollId);
    expect(payroll).toEqual({
      purposeId: payrollId,
      name: 'Lohnbuchhaltung',
      lawfulBasis: 'c',
      lawfulBasisArticle: 'Art. 6(1)(c) GDPR',
      requiresConsent: false,
      active: true,
      subjectCategories: ['partner'],
      subjectCounts: { partner: 1 },
      personCount: 1,
      dataCategories: ['title', 'lastName', 'country'],
      recipients: 'Steuerberater, Finanzamt',
      legitimateInterest: '',
      retention: { years: 10, basis: '§ 147 AO' },
      description: '',
      transfers: '',
    });
    expect(Object.keys(json.technicalAndOrganisationalMeasures).sort()).toEqual([
      'accessControl',
      'additional',
      'auditLog',
      'backups',
      'bookTags',
      'encryptionAtRest',
      'idleLockMinutes',
      'keyDerivation',
      'purposeRuleEnforced',
      'storage',
    ]);
    const { bookTags } = json.technicalAndOrganisationalMeasures as { bookTags: { tagged: number } };
    expect(bookTags).toMatchObject({ differing: [] });
    expect(bookTags.tagged).toBeGreaterThan(3);
    expect(json.technicalAndOrganisationalMeasures.encryptionAtRest).toMatchObject({
      enabled: true,
      algorithm: 'AES-256-GCM',
    });
    // No personal value is in the register: only kinds, counts and field keys.
    for (const value of ['Werbefreund', 'Privatkunde', 'eva0@example.org', 'DE89'])
      expect(JSON.stringify(json)).not.toContain(value);
  });
});
