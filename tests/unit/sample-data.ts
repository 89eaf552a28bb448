// Test data for the document and export tests: a person with every section of the Auskunft filled.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extractText } from 'unpdf';
import type { AuditEntry } from '../../src/domain/audit';
import type { Consent } from '../../src/domain/consent';
import { newPerson, type Person } from '../../src/domain/person';
import { DEFAULT_PURPOSES, type Purpose } from '../../src/domain/purpose';
import type { Controller } from '../../src/domain/settings';
import type { BusinessTransaction } from '../../src/domain/transaction';
import type { AccessReportInput } from '../../src/documents/accessReport';
import type { PdfFonts } from '../../src/documents/letter';

/** jsPDF 4 blocks file-system reads in Node, so the fonts go in as base64. */
/** Text with every space taken out: a PDF's lines break where its layout says, not where the test does. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/** A PDF's text, every page, squashed. */
export const pdfText = async (pdf: Uint8Array) => squash((await extractText(pdf.slice(), { mergePages: true })).text);

export function nodePdfFonts(): PdfFonts {
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)).toString('base64');
  return { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
}

export const NAMES: [first: string, last: string][] = [
  ['Łukasz', 'Żółć'],
  ['Şükrü', 'Çağlar'],
  ['Søren', 'Ærø'],
  ['Jiří', 'Dvořák'],
  ['Γιώργος', 'Παπαδόπουλος'],
  ['Дмитрий', 'Иванов'],
];

export const CONTROLLER: Controller = {
  name: 'Muster Haustechnik GmbH',
  street: 'Industriestraße 12',
  postalCode: '80331',
  city: 'München',
  country: 'Deutschland',
  email: 'datenschutz@muster-haustechnik.de',
  phone: '+49 89 1234560',
  dataProtectionOfficer: 'Dr. Petra Schutz, dsb@muster-haustechnik.de',
};

export const PURPOSES: Purpose[] = [
  ...DEFAULT_PURPOSES.map((p) => ({ ...p, createdAt: '2024-01-01T00:00:00.000Z' })),
  {
    id: 'purpose-service',
    name: 'Wartungsverträge',
    lawfulBasis: 'b',
    requiresConsent: false,
    retention: { years: 10, basis: '§ 147 AO' },
    recipients: 'Steuerberater, Servicepartner vor Ort',
    active: true,
    createdAt: '2024-01-01T00:00:00.000Z',
  },
];

export function samplePerson(first: string, last: string, extra: Partial<Person> = {}): Person {
  return newPerson('customer', {
    id: 'person-1',
    private: true,
    salutation: 'Herr',
    title: 'Dr.',
    firstName: first,
    lastName: last,
    street: 'Lindenallee 7',
    postalCode: '10115',
    city: 'Berlin',
    country: 'Deutschland',
    phone: '+49 30 1234567',
    furtherPhones: ['+49 171 2345678', '+49 30 7654321'],
    fax: '+49 30 1234568',
    email: 'kunde@example.org',
    bankAccounts: [{ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', holder: `${first} ${last}` }],
    organisation: 'Privathaushalt',
    position: 'Eigentümer',
    note: 'Bevorzugt Termine am Vormittag; Hund im Garten.',
    purposeId: 'purpose-service',
    source: 'import:kontakte-2024.vcf',
    version: 3,
    createdAt: '2024-02-01T09:15:00.000Z',
    updatedAt: '2025-03-04T16:20:00.000Z',
    natural: 1,
    sortName: `${last} ${first}`.toLowerCase(),
    ...extra,
  });
}

export const CONSENTS: Consent[] = [
  {
    id: 'consent-1',
    personId: 'person-1',
    purposeIds: ['purpose-advertising'],
    status: 'given',
    givenAt: '2024-03-01T10:00:00.000Z',
    channel: 'written',
    text: 'Ich willige ein, dass mir die Muster Haustechnik GmbH Angebote per E-Mail und Post zusendet (Version 2024-01).',
    channelNote: '',
    evidence: {
      type: 'file',
      fileId: 'file-1',
      fileName: 'einwilligung.pdf',
      mimeType: 'application/pdf',
      size: 12345,
    },
    withdrawnAt: null,
    withdrawalEvidence: null,
    campaignId: '',
    createdAt: '2024-03-01T10:00:00.000Z',
  },
  {
    id: 'consent-2',
    personId: 'person-1',
    purposeIds: ['purpose-address-trade'],
    status: 'withdrawn',
    givenAt: '2024-04-10T08:30:00.000Z',
    channel: 'verbal',
    text: 'Weitergabe der Adresse an Partnerunternehmen.',
    channelNote: 'Telefonat mit Frau Weber, Kundendienst',
    evidence: { type: 'none', note: 'Gesprächsnotiz' },
    withdrawnAt: '2024-09-15T12:00:00.000Z',
    withdrawalEvidence: { type: 'none', note: 'E-Mail des Kunden' },
    campaignId: '',
    createdAt: '2024-04-10T08:30:00.000Z',
  },
];

export const TRANSACTIONS: BusinessTransaction[] = [
  {
    id: 'tx-1',
    kind: 'order',
    date: '2024-05-20',
    title: 'Auftrag A-2024-0815: Heizungswartung',
    personIds: ['person-1'],
    attachment: null,
    createdAt: '2024-05-20T08:00:00.000Z',
  },
  {
    id: 'tx-2',
    kind: 'serviceCall',
    date: '2025-01-13',
    title: 'Servicecall S-77: Thermostat defekt',
    personIds: ['person-1'],
    attachment: null,
    createdAt: '2025-01-13T08:00:00.000Z',
  },
];

const ACTIONS: AuditEntry['action'][] = [
  'create',
  'update',
  'consentGiven',
  'update',
  'consentWithdrawn',
  'lock',
  'unlock',
  'accessReport',
];
const FIELD_SETS = [
  ['firstName', 'lastName', 'email'],
  ['phone'],
  [],
  ['street', 'postalCode', 'city'],
  [],
  [],
  [],
  [],
];

export function auditEntries(count: number): AuditEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    at: new Date(Date.UTC(2024, 1, 1, 9, 0) + i * 3_600_000).toISOString(),
    userId: 'user-1',
    userName: i % 3 === 0 ? 'Anna Schmidt' : 'Bernd Köhler',
    staffNumber: i % 3 === 0 ? '0042' : '0117',
    personId: 'person-1',
    action: ACTIONS[i % ACTIONS.length],
    purposeId: 'purpose-service',
    purposeName: 'Wartungsverträge',
    comment: `Kommentar Nr. ${i + 1}: Änderung auf telefonischen Wunsch`,
    fieldKeys: FIELD_SETS[i % FIELD_SETS.length],
    context: '',
  }));
}

export function accessReportInput(
  first: string,
  last: string,
  overrides: Partial<AccessReportInput> = {},
): AccessReportInput {
  return {
    lang: 'de',
    issuedAt: '2025-06-02T10:00:00.000Z',
    controller: CONTROLLER,
    person: samplePerson(first, last),
    purposes: PURPOSES,
    consents: CONSENTS,
    transactions: TRANSACTIONS,
    auditEntries: auditEntries(30),
    retention: {
      deletableFrom: '2035-01-01',
      reasons: ['Auftrag A-2024-0815 (§ 147 AO, 10 Jahre)', 'Servicecall S-77 (§ 257 HGB, 6 Jahre)'],
    },
    auditCheckpoint: {
      count: 1234,
      code: '1234:9f2c-4e0b-7d1a-5c3e-8f6b-2d4a',
      at: '2025-06-01T22:00:00.000Z',
    },
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}
