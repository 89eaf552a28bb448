/**
 * CSV as contact apps export it (Google Contacts old and new, Outlook in English and German),
 * the app's own person export (write.ts) without loss, and any other CSV through a column mapping
 * the user can change in the preview.
 */
import { domain as deDomain } from '../../i18n/de/domain';
import { domain as enDomain } from '../../i18n/en/domain';
import { sortHonorifics, splitFullName } from '../import/names';
import { isOwnList, isOwnPersonExport, ownBankAccounts, ownListValues, ownMapping } from './ownExport';
import { classifyRow } from './classification';
import type { CsvTable } from './table';
import {
  TARGET_FIELDS,
  excerpt,
  type CsvMapping,
  type CsvRow,
  type CsvTarget,
  type DraftFields,
  type ImportDraft,
  type ImportMessage,
} from '../import/types';

// ---------------------------------------------------------------------------------------------
// Guessing the mapping

const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/^"(.*)"$/, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const KNOWN: Partial<Record<string, CsvTarget>> = {};
const known = (target: CsvTarget, ...headers: string[]) => headers.forEach((h) => (KNOWN[normaliseHeader(h)] = target));

// Google Contacts (old "Given Name" and new "First Name" exports) and Outlook, English and German.
// Outlook's "Title" and Google's "Name Prefix" hold Mr./Dr.; academic parts move to the title.
known('salutation', 'Title', 'Name Prefix', 'Prefix', 'Anrede', 'Salutation');
known('title', 'Titel', 'Academic Title', 'Akademischer Titel');
known(
  'firstName',
  'First Name',
  'Given Name',
  'Middle Name',
  'Additional Name',
  'Vorname',
  'Weitere Vornamen',
  'Firstname',
);
known('lastName', 'Last Name', 'Family Name', 'Nachname', 'Surname', 'Lastname', 'Familienname');
known('fullName', 'Full Name', 'Display Name', 'Anzeigename', 'Vollständiger Name');
known(
  'street',
  'Business Street',
  'Business Street 2',
  'Business Street 3',
  'Home Street',
  'Home Street 2',
  'Home Street 3',
  'Other Street',
  'Other Street 2',
  'Other Street 3',
  'Straße geschäftlich',
  'Straße geschäftlich 2',
  'Straße geschäftlich 3',
  'Straße privat',
  'Straße privat 2',
  'Straße privat 3',
  'Weitere Straße',
  'Weitere Straße 2',
  'Weitere Straße 3',
  'Street',
  'Street Address',
  'Address',
  'Straße',
  'Strasse',
  'Adresse',
  'Anschrift',
);
known(
  'postalCode',
  'Business Postal Code',
  'Home Postal Code',
  'Other Postal Code',
  'Postleitzahl geschäftlich',
  'Postleitzahl privat',
  'Weitere Postleitzahl',
  'Postal Code',
  'Zip',
  'Zip Code',
  'Postcode',
  'PLZ',
  'Postleitzahl',
);
known(
  'city',
  'Business City',
  'Home City',
  'Other City',
  'Ort geschäftlich',
  'Ort privat',
  'Weiterer Ort',
  'City',
  'Town',
  'Ort',
  'Stadt',
  'Wohnort',
);
known(
  'country',
  'Business Country/Region',
  'Home Country/Region',
  'Other Country/Region',
  'Land/Region geschäftlich',
  'Land/Region privat',
  'Weiteres/r Land/Region',
  'Country',
  'Country/Region',
  'Land',
  'Land/Region',
  'Staat',
);
known(
  'phone',
  'Primary Phone',
  'Business Phone',
  'Telefon geschäftlich',
  'Haupttelefon',
  'Phone',
  'Telephone',
  'Telefon',
  'Phone Number',
  'Telefonnummer',
);
// Assistants' numbers are left out on purpose: they belong to someone else.
known(
  'furtherPhones',
  'Home Phone',
  'Home Phone 2',
  'Business Phone 2',
  'Mobile Phone',
  'Mobile Phone 2',
  'Other Phone',
  'Car Phone',
  'Company Main Phone',
  'Callback',
  'Pager',
  'ISDN',
  'Radio Phone',
  'Telefon geschäftlich 2',
  'Telefon privat',
  'Telefon privat 2',
  'Mobiltelefon',
  'Mobiltelefon 2',
  'Weiteres Telefon',
  'Autotelefon',
  'Telefon Firma',
  'Rückmeldung',
  'Mobile',
  'Mobil',
  'Handy',
  'Cell',
  'Cell Phone',
);
known(
  'fax',
  'Business Fax',
  'Home Fax',
  'Other Fax',
  'Fax geschäftlich',
  'Fax privat',
  'Weiteres Fax',
  'Fax',
  'Telefax',
);
known(
  'email',
  'E-mail Address',
  'E-mail 2 Address',
  'E-mail 3 Address',
  'E-Mail-Adresse',
  'E-Mail 2: Adresse',
  'E-Mail 3: Adresse',
  'Email',
  'E-mail',
  'Mail',
  'Email Address',
  'E-Mail Address',
  'Emailadresse',
);
known('iban', 'IBAN');
known('bic', 'BIC', 'SWIFT', 'BIC/SWIFT');
known('accountHolder', 'Account Holder', 'Kontoinhaber', 'Kontoinhaberin');
known(
  'organisation',
  'Company',
  'Organization',
  'Organisation',
  'Organization Name',
  'Firma',
  'Unternehmen',
  'Firmenname',
);
known('position', 'Job Title', 'Organization Title', 'Position', 'Funktion', 'Role', 'Rolle');
known('note', 'Notes', 'Note', 'Notizen', 'Notiz', 'Bemerkung', 'Bemerkungen', 'Kommentar', 'Comments');

/** Google's numbered columns: "E-mail 2 - Value", "Phone 1 - Value", "Address 1 - City" … */
function numbered(h: string): CsvTarget | null {
  let m = /^e-?mail (\d+) - value$/.exec(h);
  if (m) return 'email';
  m = /^phone (\d+) - value$/.exec(h);
  if (m) return m[1] === '1' ? 'phone' : 'furtherPhones';
  m = /^address (\d+) - (street|city|postal code|country)$/.exec(h);
  if (m)
    return ({ street: 'street', city: 'city', 'postal code': 'postalCode', country: 'country' } as const)[
      m[2] as 'street'
    ];
  m = /^organization (\d+) - (name|title)$/.exec(h);
  if (m) return m[2] === 'name' ? 'organisation' : 'position';
  return null;
}

/** Our own field names and labels (German and English), e.g. a CSV exported by Consentbook. */
const LABELS: Partial<Record<string, CsvTarget>> = {};
for (const key of TARGET_FIELDS) {
  LABELS[normaliseHeader(key)] = key;
  // Both languages' field labels, whichever language the app shows: only this small table, not all of English.
  for (const table of [deDomain, enDomain]) {
    const label = (table as Record<string, string>)[`field.${key}`];
    if (label) LABELS[normaliseHeader(label)] ??= key;
  }
}

/** A first guess at which column holds which field; null for columns not to import. */
export function guessCsvMapping(headers: readonly string[]): CsvMapping {
  if (isOwnPersonExport(headers)) return ownMapping();
  const norm = headers.map(normaliseHeader);
  const guess = norm.map((h) => KNOWN[h] ?? numbered(h) ?? (h === 'name' ? null : LABELS[h]) ?? null);
  // "Name" beside "Vorname" is the last name; alone, or beside a last-name column, the whole name.
  const nameIsLast = guess.includes('firstName') && !guess.includes('lastName');
  const mapping: CsvMapping = {};
  norm.forEach((h, i) => {
    mapping[i] = h === 'name' ? (nameIsLast ? 'lastName' : 'fullName') : guess[i];
  });
  return mapping;
}

/** Whether a header row looks like one, so that a text file is read as CSV at all. */
export function looksLikeCsvHeader(table: CsvTable, mapping: CsvMapping): boolean {
  const { headers, rows } = table;
  // Control characters in a header are binary bytes: the file is no text table.
  // eslint-disable-next-line no-control-regex
  if (!headers.length || headers.some((h) => h.length > 200 || /[\u0000-\u0008\u000e-\u001f]/.test(h))) return false;
  if (Object.values(mapping).some((t) => t !== null)) return true;
  // Unknown columns: accept a proper table (named, distinct columns and rows that fit them).
  const named = headers.filter((h) => h.trim());
  if (named.length < 2 || named.length !== headers.length || new Set(headers).size !== headers.length) return false;
  if (headers.some((h) => h.length > 60)) return false;
  const fitting = rows.filter((r) => r.cells.length === headers.length).length;
  return rows.length > 0 && fitting >= rows.length * 0.8;
}

// ---------------------------------------------------------------------------------------------
// Applying the mapping

type AddressField = 'street' | 'postalCode' | 'city' | 'country';
const ADDRESS_FIELDS: readonly string[] = ['street', 'postalCode', 'city', 'country'];
type AddressBlock = Partial<Record<AddressField, number[]>>;

/**
 * Address columns in blocks (business, home, other …), so one row's street and city never come
 * from two different addresses. A block ends where a field repeats; consecutive street columns
 * ("Street", "Street 2") belong together.
 */
function addressBlocks(columns: Array<[number, CsvTarget]>): AddressBlock[] {
  const blocks: AddressBlock[] = [];
  let block: AddressBlock = {};
  let previous: CsvTarget | null = null;
  for (const [col, target] of columns) {
    if (!ADDRESS_FIELDS.includes(target)) continue;
    const field = target as AddressField;
    const repeats = field === 'street' ? previous !== 'street' && Object.keys(block).length > 0 : field in block;
    if (repeats) {
      blocks.push(block);
      block = {};
    }
    (block[field] ??= []).push(col);
    previous = target;
  }
  if (Object.keys(block).length) blocks.push(block);
  return blocks;
}

/** For Google's "Phone 2 - Value": the column that says its type ("Work Fax"). */
function phoneTypeColumns(headers: readonly string[] | undefined): Map<number, number> {
  const types = new Map<number, number>();
  if (!headers) return types;
  const norm = headers.map(normaliseHeader);
  norm.forEach((h, col) => {
    const m = /^phone (\d+) - value$/.exec(h);
    if (!m) return;
    const typeCol = norm.findIndex((x) => x === `phone ${m[1]} - type` || x === `phone ${m[1]} - label`);
    if (typeCol >= 0) types.set(col, typeCol);
  });
  return types;
}

/** Google puts several values in one cell: "a@x.org ::: b@y.org". */
const several = (v: string) =>
  v
    .split(':::')
    .map((s) => s.trim())
    .filter(Boolean);

function uniqueBy(values: string[], key: (v: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v) || v;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** One draft per data row, the cells placed by the mapping. */
export function applyCsvMapping(
  rows: readonly CsvRow[],
  mapping: CsvMapping,
  headers?: readonly string[],
): ImportDraft[] {
  const columns = Object.entries(mapping)
    .filter((e): e is [string, CsvTarget] => e[1] !== null && e[1] !== undefined)
    .map(([col, target]) => [Number(col), target] as [number, CsvTarget])
    .sort((a, b) => a[0] - b[0]);
  const blocks = addressBlocks(columns);
  const phoneTypes = phoneTypeColumns(headers);
  const own = headers !== undefined && isOwnPersonExport(headers);
  return rows.map((row) => rowToDraft(row, columns, blocks, phoneTypes, own));
}

function rowToDraft(
  row: CsvRow,
  columns: Array<[number, CsvTarget]>,
  blocks: AddressBlock[],
  phoneTypes: Map<number, number>,
  own: boolean,
): ImportDraft {
  const cell = (col: number) => (row.cells[col] ?? '').trim();
  const fields: DraftFields = {};
  const warnings: ImportMessage[] = [];
  const collected: Partial<Record<CsvTarget, string[]>> = {};
  for (const [col, target] of columns) {
    if (ADDRESS_FIELDS.includes(target)) continue;
    const value = cell(col);
    if (!value) continue;
    let to: CsvTarget = target;
    const typeCol = phoneTypes.get(col);
    if ((to === 'phone' || to === 'furtherPhones') && typeCol !== undefined && /fax/i.test(cell(typeCol))) to = 'fax';
    const list = (collected[to] ??= []);
    if (own && isOwnList(to)) list.push(...ownListValues(row.cells[col] ?? ''));
    else if (to === 'phone' || to === 'furtherPhones' || to === 'fax' || to === 'email') list.push(...several(value));
    else list.push(value);
  }
  const first = (t: CsvTarget) => collected[t]?.[0] ?? '';

  // The first address with anything in it is the person's; any other is named, as the vCard
  // reader names a card's further addresses (a person has one address).
  const joined = (b: (typeof blocks)[number], f: AddressField, sep = ' ') =>
    (b[f] ?? []).map(cell).filter(Boolean).join(sep);
  const filled = blocks.filter((b) => Object.values(b).some((cols) => cols.some((c) => cell(c))));
  const [address, others] = [filled.at(0), filled.slice(1)];
  if (address) {
    fields.street = joined(address, 'street', ', ');
    fields.postalCode = joined(address, 'postalCode');
    fields.city = joined(address, 'city');
    fields.country = joined(address, 'country');
  }
  for (const b of others) {
    const place = `${joined(b, 'postalCode')} ${joined(b, 'city')}`.trim();
    const text = [joined(b, 'street', ', '), place, joined(b, 'country')].filter(Boolean).join(', ');
    warnings.push({ messageKey: 'import.warning.extraAddress', params: { address: excerpt(text) } });
  }

  fields.firstName = (collected.firstName ?? []).join(' ');
  fields.lastName = first('lastName');
  fields.title = first('title');
  fields.salutation = first('salutation');
  if (fields.salutation && !own) {
    // "Herr Dr." in one column: Anrede and Titel are separate fields here.
    const sorted = sortHonorifics(fields.salutation);
    if (sorted.title) {
      fields.salutation = [sorted.salutation, sorted.rest].filter(Boolean).join(' ');
      fields.title = [sorted.title, fields.title].filter(Boolean).join(' ');
    }
  }
  // A whole name is split only when nothing better is there, and never when it is the company.
  if (!fields.firstName && !fields.lastName && first('fullName') && first('fullName') !== first('organisation')) {
    const split = splitFullName(first('fullName'));
    Object.assign(fields, { firstName: split.firstName, lastName: split.lastName });
    fields.salutation ||= split.salutation;
    fields.title ||= split.title;
  }

  const digits = (v: string) => v.replace(/[^\d+]/g, '');
  const phones = uniqueBy([...(collected.phone ?? []), ...(collected.furtherPhones ?? [])], digits);
  const faxes = uniqueBy(collected.fax ?? [], digits);
  fields.phone = phones[0] ?? '';
  fields.fax = faxes[0] ?? '';
  fields.furtherPhones = [...phones.slice(1), ...faxes.slice(1)];

  const emails = uniqueBy(collected.email ?? [], (v) => v.toLowerCase());
  fields.email = emails[0] ?? '';
  for (const e of emails.slice(1))
    warnings.push({ messageKey: 'import.warning.extraEmail', params: { email: excerpt(e) } });

  if (own) fields.bankAccounts = ownBankAccounts(collected.iban, collected.bic, collected.accountHolder);
  else if (first('iban') || first('bic') || first('accountHolder')) {
    fields.bankAccounts = [{ iban: first('iban'), bic: first('bic'), holder: first('accountHolder') }];
  }
  fields.organisation = first('organisation');
  fields.position = first('position');
  fields.note = (collected.note ?? []).join('\n');
  return { line: row.line, fields, warnings, ...classifyRow(row.line, first('kind'), first('private')) };
}
