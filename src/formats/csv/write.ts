/**
 * The one CSV writer of every file the app produces (the Art. 20 person export below, the
 * campaign mail merge in campaign.ts). Pure: data in, text out.
 *
 * Written with the separator of the file language's spreadsheets (`;` German, `,` English:
 * CSV_SEPARATOR), but may be read by one that splits on the other — and one splitting on `;`
 * ignores quotes wherever a `;` or line break inside a quoted cell starts a new field, so quoting
 * alone cannot stop `x;=HYPERLINK(…)` from becoming a formula cell there. Therefore:
 * - every place where either reader may start a cell — the value's start and each position after
 *   `,` `;` CR or LF in it (spaces and quotes skipped) — that begins with = + - @, tab or CR gets
 *   an apostrophe in front (`-2+3` → `'-2+3`, phone numbers such as "+49 30 123" included: a
 *   spreadsheet would evaluate those as well); apostrophes typed there count as part of the start
 *   (`'=x` → `''=x`), so that the app's own import takes away exactly what was put in
 *   (personColumns.ts, `neutraliseFormulas` and `restoreFormulas`). Any other reader keeps the
 *   apostrophe as part of the value; a CSV has no place to say so that every reader skips, so the
 *   README's "CSV files" tells a receiver which one to take away;
 * - a value holding `,` `;` a tab, a quote or a line break is quoted, quotes doubled (RFC 4180).
 */
import { personSourceLabel } from '../../domain/fieldLabels';
import { isNaturalPerson, type Person } from '../../domain/person';
import { t, type Language, type MessageKey } from '../../i18n/messages';
import type { CsvTarget, TargetField } from '../import/types';
import { LIST_SEPARATOR, PERSON_CSV_COLUMNS, neutraliseFormulas, type PersonCsvColumn } from './personColumns';

const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One cell, neutralised and quoted as the file comment says. */
export function csvField(value: string): string {
  const safe = neutraliseFormulas(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The separator a spreadsheet of the file's language splits on when the file is opened: German
 * Excel's list separator is `;` (a comma file opens in one column there), the English `,`.
 * Either reader is guarded against the other's (csvField); the app's import detects both.
 */
export const CSV_SEPARATOR: Readonly<Record<Language, ',' | ';'>> = { de: ';', en: ',' };

/** Rows as a CSV file: UTF-8 BOM (so Excel detects the encoding), the language's separator, CRLF lines. */
export function csvDocument(rows: Iterable<readonly string[]>, lang: Language): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvField).join(CSV_SEPARATOR[lang]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Kind, "private" and source as the labels people read, in the file's language (never `customer` or
 * `manual`). The dates stay as stored, ISO 8601 in UTC — machine-readable (Art. 20), exact, read the
 * same in every locale — and their headers say so: a localised date would lose the time zone.
 */
const SPECIAL: Partial<Record<MessageKey, (p: Person, lang: Language, purposeNames: PurposeNames) => string>> = {
  'field.kind': (p, l) => t(l, `kind.${p.kind}`),
  // As the form shows it: a contact is always a natural person (the import takes no box for one back).
  'field.private': (p, l) => t(l, isNaturalPerson(p) ? 'report.yes' : 'report.no'),
  'report.csv.source': (p, l) => personSourceLabel(l, p.source),
  'report.csv.createdAt': (p) => p.createdAt,
  'report.csv.updatedAt': (p) => p.updatedAt,
  // The purpose by its name; never its internal id (a purpose in use is never deleted, so one not
  // known is a caller's omission: the cell stays empty rather than show an id).
  'report.csv.purpose': (p, _l, names) => names.get(p.purposeId) ?? '',
  // The Sperrvermerk (Art. 18): whoever merges or imports the file sees the person is locked.
  'report.csv.locked': (p, l) => t(l, p.lock ? 'report.yes' : 'report.no'),
  'report.csv.lockedAt': (p) => p.lock?.at ?? '',
  'report.csv.lockReason': (p) => p.lock?.reason ?? '',
};

/** Purpose names by id, for the purpose column. */
export type PurposeNames = ReadonlyMap<string, string>;

/** Lists inside one cell, separated by " | " (phone numbers and IBANs never contain it). */
const account = (part: 'iban' | 'bic' | 'holder') => (p: Person) =>
  p.bankAccounts.map((b) => b[part]).join(LIST_SEPARATOR);
const LISTS: Partial<Record<CsvTarget, (p: Person) => string>> = {
  furtherPhones: (p) => p.furtherPhones.join(LIST_SEPARATOR),
  iban: account('iban'),
  bic: account('bic'),
  accountHolder: account('holder'),
};

/** The columns holding one stored text as it is. */
type PlainField = Exclude<TargetField, 'furtherPhones' | 'iban' | 'bic' | 'accountHolder'>;

/** One person's cell in a column (the columns and their order: personColumns.ts). */
function cellValue(p: Person, column: PersonCsvColumn, lang: Language, purposeNames: PurposeNames): string {
  const special = SPECIAL[column.labelKey];
  if (special) return special(p, lang, purposeNames);
  const list = column.target && LISTS[column.target];
  if (list) return list(p);
  return p[column.target as PlainField];
}

/**
 * Persons as CSV: a header row of labels in the user's language, one row per person, with their
 * purpose (by name, from `purposeNames`) and their Sperrvermerk (locked Ja/Nein, since, reason).
 */
export function exportPersonsCsv(
  persons: Iterable<Person>,
  lang: Language,
  purposeNames: PurposeNames = new Map(),
): string {
  const rows = [PERSON_CSV_COLUMNS.map((c) => t(lang, c.labelKey))];
  for (const p of persons) rows.push(PERSON_CSV_COLUMNS.map((c) => cellValue(p, c, lang, purposeNames)));
  return csvDocument(rows, lang);
}
