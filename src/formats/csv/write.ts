/**
 * The one CSV writer of every file the app produces (the Art. 20 person export below, the
 * campaign mail merge in campaign.ts). Pure: data in, text out.
 *
 * Written comma-separated, but read by spreadsheets that split on `;` (German Excel) as well as
 * on `,`. A reader splitting on `;` ignores our quotes wherever a `;` or line break inside a
 * quoted cell starts a new field, so quoting alone cannot stop `x;=HYPERLINK(…)` from becoming a
 * formula cell there. Therefore:
 * - every place where either reader may start a cell — the value's start and each position after
 *   `,` `;` CR or LF in it (spaces and quotes skipped) — that begins with = + - @, tab or CR gets
 *   an apostrophe in front (`-2+3` → `'-2+3`, phone numbers such as "+49 30 123" included: a
 *   spreadsheet would evaluate those as well);
 * - a value holding `,` `;` a quote or a line break is quoted, quotes doubled (RFC 4180).
 */
import { WATCHED_FIELDS } from '../../domain/fields';
import { personSourceLabel } from '../../domain/fieldLabels';
import type { Person } from '../../domain/person';
import { t, type Language } from '../../i18n/messages';

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const CELL_BREAK = new Set([',', ';', '\r', '\n']);
const NEEDS_QUOTES = /[",;\r\n]/;

/** The value with an apostrophe before each formula character where a reader may start a cell. */
function neutraliseFormulas(value: string): string {
  let out = '';
  let cellStart = true;
  for (const c of value) {
    if (cellStart && FORMULA_START.has(c)) out += "'";
    if (CELL_BREAK.has(c)) cellStart = true;
    else if (c !== ' ' && c !== '"') cellStart = false;
    out += c;
  }
  return out;
}

/** One cell, neutralised and quoted as the file comment says. */
export function csvField(value: string): string {
  const safe = neutraliseFormulas(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as a CSV file: UTF-8 BOM (so Excel detects the encoding), comma-separated, CRLF lines. */
export function csvDocument(rows: Iterable<readonly string[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

type CsvColumn = { label: (lang: Language) => string; value: (p: Person, lang: Language) => string };

const CSV_COLUMNS: CsvColumn[] = [
  // Stored codes as the labels people read, in the file's language (never `customer` or `manual`).
  { label: (l) => t(l, 'field.kind'), value: (p, l) => t(l, `kind.${p.kind}`) },
  { label: (l) => t(l, 'field.private'), value: (p, l) => t(l, p.private ? 'report.yes' : 'report.no') },
  ...WATCHED_FIELDS.filter((f) => f.key !== 'furtherPhones' && f.key !== 'bankAccounts').map((f): CsvColumn => ({
    label: (l) => t(l, f.labelKey),
    value: (p) => p[f.key] as string,
  })),
  // Lists inside one cell, separated by " | " (phone numbers and IBANs never contain it).
  { label: (l) => t(l, 'field.furtherPhones'), value: (p) => p.furtherPhones.join(' | ') },
  { label: (l) => t(l, 'field.iban'), value: (p) => p.bankAccounts.map((b) => b.iban).join(' | ') },
  { label: (l) => t(l, 'field.bic'), value: (p) => p.bankAccounts.map((b) => b.bic).join(' | ') },
  { label: (l) => t(l, 'field.accountHolder'), value: (p) => p.bankAccounts.map((b) => b.holder).join(' | ') },
  { label: (l) => t(l, 'field.organisation'), value: (p) => p.organisation },
  { label: (l) => t(l, 'field.position'), value: (p) => p.position },
  { label: (l) => t(l, 'field.note'), value: (p) => p.note },
  { label: (l) => t(l, 'report.csv.source'), value: (p, l) => personSourceLabel(l, p.source) },
  { label: (l) => t(l, 'report.csv.createdAt'), value: (p) => p.createdAt },
  { label: (l) => t(l, 'report.csv.updatedAt'), value: (p) => p.updatedAt },
];

/** Persons as CSV: a header row of labels in the user's language, one row per person. */
export function exportPersonsCsv(persons: Iterable<Person>, lang: Language): string {
  const rows = [CSV_COLUMNS.map((c) => c.label(lang))];
  for (const p of persons) rows.push(CSV_COLUMNS.map((c) => c.value(p, lang)));
  return csvDocument(rows);
}
