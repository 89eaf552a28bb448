/**
 * What the person CSV (write.ts, also the Art. 20 CSV) and the CSV import (read.ts) agree on, so
 * that the app reads its own file back without loss: the columns, the list separator and the
 * apostrophes put before formula characters (and how to take them away again).
 *
 * Pure, and free of the translation tables: the import runs in a worker that loads none of them.
 */
import { WATCHED_FIELDS } from '../../domain/fields';
import type { MessageKey } from '../../i18n/messages';
import type { CsvTarget, TargetField } from '../import/types';

export interface PersonCsvColumn {
  /** The header label's key in the translation table. */
  labelKey: MessageKey;
  /** The field the import fills from the column; null for columns it does not take. */
  target: CsvTarget | null;
}

/**
 * The columns in their order. Kind and "private" come back per row (csv/classification.ts reads
 * the labels written); the source of an imported person is the imported file; dates are the data layer's.
 */
export const PERSON_CSV_COLUMNS: readonly PersonCsvColumn[] = [
  { labelKey: 'field.kind', target: 'kind' },
  { labelKey: 'field.private', target: 'private' },
  ...WATCHED_FIELDS.filter((f) => !f.repeated).map((f) => ({ labelKey: f.labelKey, target: f.key as TargetField })),
  { labelKey: 'field.furtherPhones', target: 'furtherPhones' },
  { labelKey: 'field.iban', target: 'iban' },
  { labelKey: 'field.bic', target: 'bic' },
  { labelKey: 'field.accountHolder', target: 'accountHolder' },
  { labelKey: 'field.organisation', target: 'organisation' },
  { labelKey: 'field.position', target: 'position' },
  { labelKey: 'field.note', target: 'note' },
  { labelKey: 'report.csv.source', target: null },
  { labelKey: 'report.csv.createdAt', target: null },
  { labelKey: 'report.csv.updatedAt', target: null },
  // Added later, so at the end: a file written before (without them) is still our own (ownExport.ts).
  // Purpose and Sperrvermerk (Art. 18) travel with the person — a mail merge must not lose the
  // lock — but the import sets neither: the batch's purpose is chosen in the import dialog (its
  // comment logged), and a lock is set by a user allowed to, with its reason, never by a file.
  { labelKey: 'report.csv.purpose', target: null },
  { labelKey: 'report.csv.locked', target: null },
  { labelKey: 'report.csv.lockedAt', target: null },
  { labelKey: 'report.csv.lockReason', target: null },
];

/** How many columns a person CSV had before the purpose and the lock were added (still read as ours). */
export const PERSON_CSV_COLUMNS_BEFORE_LOCK = PERSON_CSV_COLUMNS.length - 4;

/** Several values in one cell: further phone numbers, the IBANs (BICs, holders) of several accounts. */
export const LIST_SEPARATOR = ' | ';

/** Where a reader may start a new cell: the separators spreadsheets offer (a tab too), and line breaks. */
const CELL_BREAK = new Set([',', ';', '\t', '\r', '\n']);
/** At a cell start: apostrophes (none or more) and a formula character. */
const FORMULA_AHEAD = /'*[=+\-@\t\r]/y;

function formulaAhead(value: string, at: number): boolean {
  FORMULA_AHEAD.lastIndex = at;
  return FORMULA_AHEAD.test(value);
}

/**
 * The value with an apostrophe put in wherever a spreadsheet may start a cell — the value's start
 * and each position after `,` `;` tab, CR or LF, spaces and quotes skipped — and a formula character
 * (= + - @ tab CR) follows. Apostrophes the user typed there count as part of the start ("'=x" →
 * "''=x"), so that restoreFormulas can tell the two apart.
 */
export function neutraliseFormulas(value: string): string {
  let out = '';
  let cellStart = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (cellStart && formulaAhead(value, i)) out += "'";
    if (CELL_BREAK.has(c)) cellStart = true;
    else if (c !== ' ' && c !== '"') cellStart = false;
    out += c;
  }
  return out;
}

/**
 * The inverse of neutraliseFormulas: the one apostrophe it put in at each such position taken
 * away, every other one left. Only for our own file: elsewhere an apostrophe is the user's.
 */
export function restoreFormulas(cell: string): string {
  let out = '';
  let cellStart = true;
  for (let i = 0; i < cell.length; i++) {
    if (cellStart && cell[i] === "'" && formulaAhead(cell, i + 1)) i++;
    const c = cell[i];
    if (CELL_BREAK.has(c)) cellStart = true;
    else if (c !== ' ' && c !== '"') cellStart = false;
    out += c;
  }
  return out;
}
