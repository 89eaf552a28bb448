/**
 * Reading the app's own person CSV (write.ts, also the Art. 20 CSV) back without loss: the file
 * is known by its header row, and what the writer added — apostrophes before formula characters,
 * lists joined by " | " — is undone for it alone. Another program's file keeps its apostrophes.
 */
import { domain as deDomain } from '../../i18n/de/domain';
import { domain as enDomain } from '../../i18n/en/domain';
import type { BankAccount } from '../../domain/person';
import type { CsvMapping, CsvTarget } from '../import/types';
import { LIST_SEPARATOR, PERSON_CSV_COLUMNS, PERSON_CSV_COLUMNS_BEFORE_LOCK } from './personColumns';

const normalise = (h: string) => h.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Whether the header row is the one of our own person export, in either language — as written now,
 * or before the purpose and lock columns were added at its end.
 */
export function isOwnPersonExport(headers: readonly string[]): boolean {
  if (headers.length !== PERSON_CSV_COLUMNS.length && headers.length !== PERSON_CSV_COLUMNS_BEFORE_LOCK) return false;
  return [deDomain, enDomain].some((table) =>
    PERSON_CSV_COLUMNS.slice(0, headers.length).every((column, i) => {
      // Source, dates, purpose and lock are labelled from the reports table, not loaded here: any label will do.
      const label = (table as Partial<Record<string, string>>)[column.labelKey];
      return label === undefined || normalise(label) === normalise(headers[i]);
    }),
  );
}

/** Our own file's columns, each to its field ("Title" is the academic title, not Outlook's "Mr."). */
export const ownMapping = (): CsvMapping => Object.fromEntries(PERSON_CSV_COLUMNS.map((c, i) => [i, c.target]));

/** In our own file, the further phone numbers and each part of the bank accounts are lists. */
export const isOwnList = (target: CsvTarget) =>
  target === 'furtherPhones' || target === 'iban' || target === 'bic' || target === 'accountHolder';

/** A list cell's values, empty places kept: an account without a BIC leaves one (" | COBADEFFXXX"). */
export const ownListValues = (cell: string) => cell.split(LIST_SEPARATOR).map((v) => v.trim());

/** The n-th IBAN, BIC and holder make the n-th account. */
export function ownBankAccounts(ibans: string[] = [], bics: string[] = [], holders: string[] = []): BankAccount[] {
  const count = Math.max(ibans.length, bics.length, holders.length);
  return Array.from({ length: count }, (_, i) => ({
    iban: ibans[i] ?? '',
    bic: bics[i] ?? '',
    holder: holders[i] ?? '',
  }));
}
