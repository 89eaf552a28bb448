/**
 * No internal key ever reaches a person (issue 16, item 4): every document and export the app
 * makes — Auskunft, Art. 20 exports (JSON, CSV, vCard), the whole-database export, the register
 * (PDF, JSON), the Art. 13/14 notice (PDF, e-mail), the campaign letters and their CSV, the backup —
 * is made from a book in which every audited action happened and every field is filled, through
 * the functions the app's download buttons call, and its text is scanned for message keys, left
 * placeholders, internal ids, raw enum values in German output and words split mid-word in PDF
 * tables. Each finding names the document, so one run lists them all.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addPurpose,
  addTransaction,
  closeRequestsBy,
  collectAccessReport,
  collectCampaignLetters,
  collectPortability,
  collectProcessingRegister,
  createBackup,
  createCampaign,
  createRequest,
  importPersons,
  lockPerson,
  logEvent,
  recordConsent,
  recordDocumentIssued,
  savePerson,
  saveRegisterNotes,
  unlockPerson,
  updateController,
  withdrawConsent,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { recordInformation } from '../../src/data/commands/information';
import { saveRecipient } from '../../src/data/commands/recipients';
import { collectInformationNotice } from '../../src/data/queries/information';
import { accessReportInput, renderAccessReport } from '../../src/documents/accessReport';
import { renderConsentLetters } from '../../src/documents/consentLetters';
import {
  informationEmail,
  informationNoticeInput,
  renderInformationLetter,
} from '../../src/documents/informationNotice';
import type { PdfFonts } from '../../src/documents/letter';
import { processingRegisterJson, renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { AUDIT_ACTIONS } from '../../src/domain/audit';
import { CONSENT_CHANNELS } from '../../src/domain/consent';
import { COLLECTION_SOURCES, INFORMATION_CHANNELS } from '../../src/domain/information';
import { newPerson, PERSON_KINDS } from '../../src/domain/person';
import { RECIPIENT_ROLES } from '../../src/domain/recipients';
import { FULFILMENT_ACTIONS, REQUEST_KINDS, REQUEST_STATUSES } from '../../src/domain/requests';
import { TRANSACTION_KINDS } from '../../src/domain/transaction';
import { campaignCsv } from '../../src/formats/csv/campaign';
import { exportPersonsCsv } from '../../src/formats/csv/write';
import { exportPersonJson } from '../../src/formats/portability';
import { exportPersonVcard } from '../../src/formats/vcard/write';
import { de } from '../germanTable';
import { loadLanguage, type Language } from '../../src/i18n/messages';
import { exportedJson, freshDb } from './helpers';
import { nodePdfFonts } from './sample-data';
import { allEntries } from '../../src/data/core/auditEntries';

/** The PDFs made, kept for looking at them (pdftoppm). */
const pdfDir = mkdtempSync(join(tmpdir(), 'consentbook-scan-'));
const EVIDENCE = new TextEncoder().encode('%PDF-1.4 evidence');
const ISSUED_AT = '2026-11-30T10:00:00.000Z';

interface Book {
  db: ConsentbookDB;
  admin: Session;
  /** Every id the book holds: none may reach a document meant for a person. */
  ids: string[];
  full: string;
  imported: string;
  campaignId: string;
}

/** A book in which every audited action on a person happened and every field is filled. */
async function makeBook(): Promise<Book> {
  const { db, admin } = await freshDb();
  const ids: string[] = [admin.userId];
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
    name: 'Lohnbuchhaltung und Sozialversicherungsmeldungen',
    lawfulBasis: 'c',
    requiresConsent: false,
    retention: { years: 10, basis: '§ 147 Abgabenordnung' },
    recipients: 'Steuerberatungsgesellschaft, Finanzamt, Krankenkassen',
    active: true,
  });
  ids.push(payroll.id, 'purpose-contract', 'purpose-advertising', 'purpose-address-trade');
  ids.push(
    (
      await saveRecipient(db, admin, {
        id: '',
        name: 'Rechenzentrum Süd GmbH',
        role: 'processor',
        country: 'Deutschland',
        contractDate: '2025-04-01',
        transferBasis: '',
        safeguardsNote: '',
        purposeIds: [],
      })
    ).id,
    (
      await saveRecipient(db, admin, {
        id: '',
        name: 'Mailer Inc.',
        role: 'processor',
        country: 'USA',
        contractDate: '2025-05-01',
        transferBasis: 'sccs',
        safeguardsNote: 'Fassung vom 4. Juni 2021, Modul 2',
        purposeIds: [],
      })
    ).id,
  );
  await saveRegisterNotes(db, admin, {
    activities: { 'purpose-advertising': { description: 'Versand des Frühjahrskatalogs', transfers: '' } },
    additionalMeasures: 'Festplattenverschlüsselung auf allen Geräten',
  });

  const full = await savePerson(
    db,
    admin,
    newPerson('customer', {
      private: true,
      salutation: 'Frau',
      title: 'Prof. Dr.',
      firstName: 'Henriette',
      lastName: 'Bankverbindungsmann-Schwarzenberger',
      street: 'Hauptstraße 12a',
      postalCode: '04109',
      city: 'Leipzig',
      country: 'Deutschland',
      phone: '+49 341 1234567',
      furtherPhones: ['+49 171 2345678'],
      fax: '+49 341 1234568',
      email: 'henriette.schwarzenberger@gaertnerei-morgentau.example',
      bankAccounts: [{ iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', holder: 'Henriette Schwarzenberger' }],
      organisation: 'Landschaftsarchitekturbüro Schwarzenberger',
      position: 'Geschäftsführerin',
      note: 'Rückruf bevorzugt vormittags',
    }),
    { purposeId: 'purpose-contract', comment: 'Angebot angefragt' },
  );
  ids.push(full.id);
  // update, a purpose change, lock and unlock, consents given and withdrawn, information, documents.
  const changed = await savePerson(
    db,
    admin,
    { ...full, phone: '+49 341 7654321', bankAccounts: [{ ...full.bankAccounts[0], bic: 'DRESDEFF860' }] },
    { purposeId: 'purpose-contract', comment: 'Neue Nummer mitgeteilt' },
  );
  const moved = await savePerson(
    db,
    admin,
    { ...changed, purposeId: payroll.id },
    { purposeId: payroll.id, comment: 'Mitarbeiterin' },
  );
  await lockPerson(db, admin, full.id, 'Richtigkeit bestritten');
  await unlockPerson(db, admin, full.id, 'Geklärt');
  const consent = await recordConsent(db, admin, {
    personId: full.id,
    purposeIds: ['purpose-advertising', 'purpose-address-trade'],
    givenAt: '2026-03-01',
    channel: 'written',
    text: 'Ich willige ein, Angebote per Post zu erhalten.',
    evidenceFile: { name: 'einwilligung.pdf', mimeType: 'application/pdf', data: EVIDENCE },
    confirmedByUser: true,
  });
  await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-05-02', note: 'per E-Mail' });
  const second = await recordConsent(db, admin, {
    personId: full.id,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-06-01',
    channel: 'verbal',
    channelNote: 'Telefonat',
    text: 'Katalog per Post',
    evidenceFile: { name: 'telefonnotiz.pdf', mimeType: 'application/pdf', data: EVIDENCE },
    confirmedByUser: true,
  });
  ids.push(consent.id, second.id);
  for (const [i, kind] of TRANSACTION_KINDS.entries()) {
    const tx = await addTransaction(db, admin, {
      kind,
      date: `2026-0${i + 1}-15`,
      title: `Vorgang ${i + 1}`,
      personIds: [full.id],
    });
    ids.push(tx.id);
  }
  await recordInformation(db, admin, full.id, { informedAt: '2026-03-02', channel: 'letter' });
  const request = await createRequest(db, admin, { personId: full.id, kind: 'access', receivedAt: '2026-11-20' });
  ids.push(request.id);
  await recordDocumentIssued(db, admin, full.id, 'accessReport', 'auskunft-2026-11-21.pdf');
  await closeRequestsBy(db, admin, [request.id], { action: 'accessReport' }, '2026-11-21T10:00:00.000Z');
  await recordDocumentIssued(db, admin, full.id, 'portabilityCsv', 'export-2026-11-21.csv');
  await logEvent(db, admin, 'other', full.id, 'note', 'Rückfrage zur Auskunft');
  expect(moved.purposeId).toBe(payroll.id);

  await importPersons(
    db,
    admin,
    {
      fileName: 'visitenkarten.vcf',
      persons: [
        newPerson('contact', { firstName: 'Ole', lastName: 'Import', city: 'Halle' }),
        newPerson('prospect', { private: true, firstName: 'Pia', lastName: 'Interessentin', email: 'pia@example.org' }),
        newPerson('partner', { private: true, firstName: 'Paul', lastName: 'Partner', city: 'Jena' }),
      ],
    },
    { purposeId: 'purpose-advertising', comment: 'Messe' },
  );
  const importedAll = (await db.persons.toArray()).filter((p) => p.source.startsWith('import:'));
  ids.push(...importedAll.map((p) => p.id));
  const imported = importedAll.find((p) => p.lastName === 'Import')!;

  const { campaign } = await createCampaign(db, admin, {
    name: 'Einwilligung Katalog 2027',
    purposeIds: ['purpose-advertising'],
    personIds: importedAll.map((p) => p.id),
  });
  ids.push(campaign.id);
  return { db, admin, ids, full: full.id, imported: imported.id, campaignId: campaign.id };
}

interface MadeDocument {
  name: string;
  lang: Language;
  kind: 'pdf' | 'csv' | 'vcard' | 'json' | 'text' | 'backup';
  text: string;
  /** PDF only: the wrapped lines of table cells, each with the line below it in the same cell. */
  wraps?: [string, string][];
}

/** A PDF's text, and each pair of lines where text wraps onto the next line at the same left edge. */
async function readPdf(bytes: Uint8Array): Promise<{ text: string; wraps: [string, string][] }> {
  const pdf = await getDocumentProxy(bytes.slice());
  const lines: string[] = [];
  const wraps: [string, string][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const items = (await page.getTextContent()).items
      .flatMap((i) => ('str' in i ? [{ str: i.str, transform: i.transform as number[] }] : []))
      .filter((i) => i.str.trim() !== '');
    for (const [k, item] of items.entries()) {
      lines.push(item.str);
      if (k + 1 === items.length) continue;
      const next = items[k + 1];
      const [, , , size, x, y] = item.transform;
      const [, , , nextSize, nextX, nextY] = next.transform;
      // jsPDF writes a cell's lines one after the other: the next line of the same cell starts at
      // the same x, one line lower, in the same size.
      const drop = y - nextY;
      if (Math.abs(x - nextX) < 0.5 && size === nextSize && drop > 0.5 * size && drop < 1.6 * size)
        wraps.push([item.str, next.str]);
    }
  }
  return { text: lines.join('\n'), wraps };
}

async function pdfDocument(name: string, lang: Language, bytes: Uint8Array): Promise<MadeDocument> {
  writeFileSync(join(pdfDir, `${name}.pdf`), bytes);
  return { name, lang, kind: 'pdf', ...(await readPdf(bytes)) };
}

/** Every document and export, made as the app's download buttons make them. */
async function makeEveryDocument(book: Book, fonts: PdfFonts): Promise<MadeDocument[]> {
  const { db, admin } = book;
  const docs: MadeDocument[] = [];
  for (const lang of ['de', 'en'] as const) {
    for (const personId of [book.full, book.imported]) {
      const who = personId === book.full ? 'full' : 'imported';
      const access = await collectAccessReport(db, admin, personId);
      docs.push(
        await pdfDocument(
          `auskunft-${who}-${lang}`,
          lang,
          await renderAccessReport(accessReportInput(access, lang, ISSUED_AT), fonts),
        ),
      );
      const set = await collectPortability(db, admin, personId);
      docs.push({
        name: `export-${who}-${lang}.csv`,
        lang,
        kind: 'csv',
        text: exportPersonsCsv([set.person], lang, new Map(set.purposes.map((p) => [p.id, p.name]))),
      });
      const notice = informationNoticeInput(await collectInformationNotice(db, personId), lang, ISSUED_AT);
      docs.push(await pdfDocument(`information-${who}-${lang}`, lang, await renderInformationLetter(notice, fonts)));
      const mail = informationEmail(notice);
      docs.push({
        name: `information-email-${who}-${lang}`,
        lang,
        kind: 'text',
        text: `${mail.subject}\n${mail.body}`,
      });
    }
    const register = await collectProcessingRegister(db, admin, new Date(ISSUED_AT), { storagePersisted: true });
    docs.push(await pdfDocument(`verzeichnis-${lang}`, lang, await renderProcessingRegisterPdf(register, lang, fonts)));
    const letters = await collectCampaignLetters(db, admin, book.campaignId);
    docs.push(
      await pdfDocument(
        `einwilligungsbriefe-${lang}`,
        lang,
        await renderConsentLetters(
          {
            lang,
            issuedAt: ISSUED_AT,
            controller: letters.controller,
            campaignId: book.campaignId,
            purposes: letters.purposes,
            persons: letters.persons,
          },
          fonts,
        ),
      ),
    );
    docs.push({
      name: `aktion-${lang}.csv`,
      lang,
      kind: 'csv',
      text: campaignCsv(letters.campaign.id, letters.persons, letters.purposes, lang),
    });
  }
  // Language-neutral files: machine formats whose texts for people are the person's own values.
  const set = await collectPortability(db, admin, book.full);
  docs.push({
    name: 'export.json',
    lang: 'de',
    kind: 'json',
    text: exportPersonJson({ ...set, exportedAt: ISSUED_AT }),
  });
  docs.push({ name: 'export.vcf', lang: 'de', kind: 'vcard', text: exportPersonVcard(set.person) });
  const { text: whole } = await exportedJson(db, admin, { exportedAt: ISSUED_AT });
  docs.push({ name: 'alle-personen.json', lang: 'de', kind: 'json', text: whole });
  const register = await collectProcessingRegister(db, admin, new Date(ISSUED_AT), { storagePersisted: true });
  docs.push({ name: 'verzeichnis.json', lang: 'de', kind: 'json', text: processingRegisterJson(register) });
  const backup = await createBackup(db, admin, 'backup passphrase');
  // Only the header line is text; the rest is ciphertext, in which random bytes may spell "{a}".
  const headerLine = backup.subarray(0, backup.indexOf(0x0a) + 1);
  docs.push({ name: 'sicherung', lang: 'de', kind: 'backup', text: new TextDecoder().decode(headerLine) });
  return docs;
}

// ---------------------------------------------------------------------------------------------
// The scans

/** The first parts of every message key ("ui", "field", "report", …): text starting so is a key. */
const KEY_PREFIXES = [...new Set(Object.keys(de).map((k) => k.split('.')[0]))];
const MESSAGE_KEY = new RegExp(`(?<![\\w@./-])(?:${KEY_PREFIXES.join('|')})\\.[A-Za-z][\\w.:-]*`, 'g');
const PLACEHOLDER = /\{[A-Za-z]\w*\}/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Values stored as codes: a German document shows their labels, never these. */
const RAW_ENUMS = new Set<string>(
  [
    ...PERSON_KINDS,
    ...TRANSACTION_KINDS,
    ...CONSENT_CHANNELS,
    ...REQUEST_KINDS,
    ...REQUEST_STATUSES,
    ...FULFILMENT_ACTIONS,
    ...RECIPIENT_ROLES,
    ...AUDIT_ACTIONS,
    ...INFORMATION_CHANNELS,
    ...COLLECTION_SOURCES,
    'manual',
    'true',
    'false',
  ].filter((v) => v.length >= 3),
);

/** Words as a reader sees them: letters, digits and inner hyphens; addresses and e-mail addresses left out. */
function words(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((w) => !w.includes('@') && !w.includes('://'))
    .flatMap((w) => w.split(/[^\p{L}\p{N}-]+/u))
    .filter(Boolean);
}

/** The CSV's cells (no cell of ours holds a line break or a quote). */
function csvCells(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n/)
    .flatMap((line) => line.split(','))
    .map((c) => c.replace(/^"|"$/g, ''));
}

/** The string values of a JSON document: only they can hold text for people. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

/** Every word of the book and of both message tables: a PDF line may end only after one of them. */
function knownWords(book: { values: string[] }, en: Record<string, string>): Set<string> {
  const texts = [...Object.values(de), ...Object.values(en), ...book.values];
  return new Set(texts.flatMap((s) => words(s.replace(PLACEHOLDER, ' '))));
}

function scan(doc: MadeDocument, ids: string[], known: Set<string>): string[] {
  const findings = new Set<string>();
  const found = (what: string, detail: string) => findings.add(`${doc.name}: ${what} ${JSON.stringify(detail)}`);
  const texts = doc.kind === 'json' ? jsonStrings(JSON.parse(doc.text)) : [doc.text];
  for (const text of texts) {
    for (const m of text.matchAll(MESSAGE_KEY)) found('message key', m[0]);
    for (const m of text.matchAll(PLACEHOLDER)) found('placeholder', m[0]);
  }
  // Ids are the structure of the machine formats (JSON, the sealed backup); a person never reads them.
  if (doc.kind !== 'json' && doc.kind !== 'backup') {
    // Also across a PDF's line breaks: an id wrapped in a table cell is still one.
    for (const text of doc.kind === 'pdf' ? [doc.text, doc.text.replace(/\n/g, '')] : [doc.text]) {
      for (const m of text.matchAll(UUID)) found('internal id', m[0]);
      for (const id of ids) if (text.includes(id)) found('internal id', id);
    }
  }
  if (doc.lang === 'de' && (doc.kind === 'pdf' || doc.kind === 'text' || doc.kind === 'csv')) {
    const tokens = doc.kind === 'csv' ? csvCells(doc.text) : words(doc.text);
    for (const w of tokens) if (RAW_ENUMS.has(w)) found('raw value', w);
  }
  for (const [line, next] of doc.wraps ?? []) {
    // A line ending inside a word: its last piece and the next line's first make one known word.
    const end = words(line).at(-1) ?? '';
    const start = words(next)[0] ?? '';
    if (!end || !start || /\s$/.test(line)) continue;
    // A break after the word's own hyphen is where it may break.
    if (!end.endsWith('-') && !known.has(end) && known.has(end + start))
      found('word split across lines', `${end}|${start}`);
    // A hyphen added where the word has none: only when the page cannot hold the word (never here).
    if (end.endsWith('-') && known.has(end.slice(0, -1) + start)) found('word hyphenated', `${end}|${start}`);
  }
  return [...findings];
}

describe('every document and export the app makes', () => {
  let docs: MadeDocument[];
  let book: Book;
  let known: Set<string>;

  beforeAll(async () => {
    await loadLanguage('en');
    const { en } = await import('../../src/i18n/en');
    book = await makeBook();
    docs = await makeEveryDocument(book, nodePdfFonts());
    const values = (await book.db.persons.toArray()).flatMap((p) => jsonStrings(p));
    known = knownWords({ values: [...values, ...(await book.db.purposes.toArray()).flatMap(jsonStrings)] }, en);
  }, 120_000);

  it('are all made, from a book where every action on a person happened', async () => {
    expect(docs.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'auskunft-full-de',
        'export-full-de.csv',
        'information-full-de',
        'information-email-imported-en',
        'verzeichnis-de',
        'einwilligungsbriefe-de',
        'aktion-de.csv',
        'export.json',
        'export.vcf',
        'alle-personen.json',
        'verzeichnis.json',
        'sicherung',
      ]),
    );
    const actions = new Set((await allEntries(book.db)).filter((e) => e.personId).map((e) => e.action));
    // Every action on a person but erasure (an erased person has no Auskunft) happened to one shown.
    expect([...actions].sort()).toEqual(AUDIT_ACTIONS.filter((a) => a !== 'delete' && a !== 'settingsChanged').sort());
  });

  it('hold no message key, placeholder, internal id, raw value or word split mid-word', () => {
    const findings = docs.flatMap((doc) => scan(doc, book.ids, known));
    expect(findings).toEqual([]);
  });

  it('the scan finds what it looks for', () => {
    const planted: MadeDocument = {
      name: 'planted',
      lang: 'de',
      kind: 'pdf',
      text: `Geändert field.purpose:purpose-advertising {name} ${book.full} customer ok`,
      wraps: [
        ['Kontoinhaber Bankverbindun', 'g'],
        ['Hauptstraße', '12a'],
        ['Rechtsgrundlag-', 'e, einfach erklärt'],
        ['Bankverbindungsmann-', 'Schwarzenberger'],
      ],
    };
    expect(scan(planted, book.ids, known)).toEqual([
      'planted: message key "field.purpose:purpose-advertising"',
      'planted: placeholder "{name}"',
      `planted: internal id "${book.full}"`,
      'planted: internal id "purpose-advertising"',
      'planted: raw value "customer"',
      'planted: word split across lines "Bankverbindun|g"',
      'planted: word hyphenated "Rechtsgrundlag-|e"',
    ]);
  });
});
