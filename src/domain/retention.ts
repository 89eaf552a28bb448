/**
 * Retention duties (Art. 17(3)(b) GDPR with German commercial and tax law): a person linked to
 * business transactions, or held for a purpose with a retention rule, may be deleted only once
 * every duty has run out. Periods run from the end of the calendar year (§ 257(5) HGB, § 147(4) AO).
 */
import { localDayOf } from './calendar';
import type { BusinessTransaction, TransactionKind } from './transaction';
import type { Purpose } from './purpose';
import type { PrivacySettings } from './settings';

/** Orders and incoming orders are accounting records (10 years); the rest are business letters (6). */
const ACCOUNTING_KINDS: readonly TransactionKind[] = ['order', 'incomingOrder'];

export interface RetentionDuty {
  source: 'transaction' | 'purpose';
  /** Transaction or purpose id. */
  sourceId: string;
  years: number;
  /** First day (YYYY-MM-DD) on which this duty no longer applies. */
  until: string;
}

export interface RetentionStatus {
  duties: RetentionDuty[];
  /** First day deletion is allowed; null when no duty applies at all. */
  deletableFrom: string | null;
}

/**
 * 1 January of the year after `years` full years following the date's year: a change on
 * 2 January 2025 kept 3 years is deletable from 1 January 2029. The year of a date (YYYY-MM-DD)
 * as written; of a moment (ISO timestamp, e.g. `updatedAt`) on the local calendar — a change at
 * 00:30 on 1 January in Berlin counts in the new year, though UTC is still in the old one.
 */
export function endOfRetention(isoDate: string, years: number): string {
  const year = Number(localDayOf(isoDate).slice(0, 4));
  return `${String(year + years + 1).padStart(4, '0')}-01-01`;
}

export function retentionYearsFor(
  kind: TransactionKind,
  settings: Pick<PrivacySettings, 'retentionYearsTransactions' | 'retentionYearsAccountingTransactions'>,
): number {
  return ACCOUNTING_KINDS.includes(kind)
    ? settings.retentionYearsAccountingTransactions
    : settings.retentionYearsTransactions;
}

export function retentionStatus(
  person: { purposeId: string; updatedAt: string; changedAt?: string },
  purpose: Pick<Purpose, 'id' | 'retention'> | undefined,
  transactions: readonly Pick<BusinessTransaction, 'id' | 'kind' | 'date'>[],
  settings: Pick<PrivacySettings, 'retentionYearsTransactions' | 'retentionYearsAccountingTransactions'>,
): RetentionStatus {
  const duties: RetentionDuty[] = transactions.map((tx) => {
    const years = retentionYearsFor(tx.kind, settings);
    return { source: 'transaction', sourceId: tx.id, years, until: endOfRetention(tx.date, years) };
  });
  // From the last change of the data: a lock (Art. 18) or a note of being informed does not prolong it.
  const changed = person.changedAt ?? person.updatedAt;
  if (purpose && purpose.retention.years > 0 && changed) {
    duties.push({
      source: 'purpose',
      sourceId: purpose.id,
      years: purpose.retention.years,
      until: endOfRetention(changed, purpose.retention.years),
    });
  }
  const deletableFrom = duties.reduce<string | null>((max, d) => (max === null || d.until > max ? d.until : max), null);
  return { duties, deletableFrom };
}

/** Whether deletion is allowed on `today` (YYYY-MM-DD). */
export function isDeletable(status: RetentionStatus, today: string): boolean {
  return status.deletableFrom === null || status.deletableFrom <= today.slice(0, 10);
}
