/**
 * A purpose's legitimate interest (Art. 6(1)(f)) as the documents state it: the notice (Art.
 * 13(1)(d), 14(2)(b)), the Verzeichnis (Art. 30) and the Auskunft (Art. 15). A purpose stored before
 * the interest could be entered says so — "noch nicht angegeben" — where the interest belongs,
 * never nothing (the Übersicht names it to be completed, domain/bookFindings.ts).
 */
import { statedInterest, type Purpose } from '../domain/purpose';
import { t, type Language } from '../i18n/messages';

type Wording = 'info' | 'report' | 'register';

const KEYS = {
  info: { stated: 'info.interest', missing: 'info.interestMissing' },
  report: { stated: 'report.purpose.interest', missing: 'report.purpose.interestMissing' },
  register: { stated: 'register.activity.interestValue', missing: 'register.activity.interestMissing' },
} as const;

/** The interest in a document's words; '' for a purpose on another basis. */
export function purposeInterestText(
  lang: Language,
  purpose: Pick<Purpose, 'lawfulBasis' | 'legitimateInterest'>,
  wording: Wording,
): string {
  if (purpose.lawfulBasis !== 'f') return '';
  // The notice's sentence ends once: the text may end with its own full stop.
  const stated = statedInterest(purpose);
  const interest = wording === 'info' ? stated.replace(/[.\s]+$/, '') : stated;
  return interest ? t(lang, KEYS[wording].stated, { interest }) : t(lang, KEYS[wording].missing);
}
