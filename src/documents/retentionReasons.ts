/**
 * The retention duties still running, in words: which transaction or purpose, how many years, and
 * from when deletion is possible — for the Auskunft and for the person page's refusal of a
 * deletion (the reason and the date, PRODUCT.md §9). Pure.
 */
import type { Purpose } from '../domain/purpose';
import type { RetentionStatus } from '../domain/retention';
import type { BusinessTransaction } from '../domain/transaction';
import { t, type Language } from '../i18n/messages';
import { formatDate } from '../i18n/locale';

/**
 * Only the duties still running on `day` (YYYY-MM-DD): one that has run out is no reason to keep
 * the data (Art. 17(3)(b) no longer applies), so it is not listed as one.
 */
export function retentionReasons(
  lang: Language,
  retention: RetentionStatus,
  transactions: readonly BusinessTransaction[],
  purposes: readonly Pick<Purpose, 'id' | 'name'>[],
  day: string,
): string[] {
  return retention.duties
    .filter((d) => d.until > day)
    .map((d) => {
      const until = formatDate(lang, d.until);
      if (d.source === 'transaction') {
        const tx = transactions.find((x) => x.id === d.sourceId);
        return t(lang, 'ui.rights.retention.transaction', {
          kind: tx ? t(lang, `transaction.${tx.kind}`) : '',
          title: tx?.title ?? '',
          date: tx ? formatDate(lang, tx.date) : '',
          years: d.years,
          until,
        });
      }
      const purpose = purposes.find((p) => p.id === d.sourceId);
      return t(lang, 'ui.rights.retention.purpose', { purpose: purpose?.name ?? '', years: d.years, until });
    });
}
