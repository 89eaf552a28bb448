/**
 * A purpose's retention rule in words, one text for every document (the Verzeichnis, the Auskunft,
 * the notice, the consent letter): the period runs from the end of the year of the last change of
 * the person's data (domain/retention.ts), and a rule entered without a basis names none.
 */
import type { RetentionRule } from '../domain/purpose';
import { t, type Language } from '../i18n/messages';

/** "10 Jahre ab Ende des Jahres der letzten Änderung (§ 147 AO)"; '' when the purpose keeps nothing longer. */
export function purposeRetentionText(lang: Language, { years, basis }: RetentionRule): string {
  if (years <= 0) return '';
  const named = basis.trim();
  return named
    ? t(lang, 'register.retention.years', { years, basis: named })
    : t(lang, 'register.retention.yearsNoBasis', { years });
}
