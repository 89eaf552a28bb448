/** Purposes (Verwendungszwecke) with their lawful basis under Art. 6(1) GDPR. */
import { t, type Language, type MessageKey } from '../i18n/messages';
import { isFields, isText, type RecordProblem } from './recordProblem';

export const LAWFUL_BASES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
/** a consent, b contract, c legal obligation, d vital interests, e public task, f legitimate interest */
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** How long data held for a purpose must or may be kept after the last activity. */
export interface RetentionRule {
  /** Years to keep after the person's last business transaction or change; 0 = no duty. */
  years: number;
  /** Why (e.g. "§ 257 HGB", "§ 147 AO"). */
  basis: string;
}

export interface Purpose {
  id: string;
  name: string;
  lawfulBasis: LawfulBasis;
  requiresConsent: boolean;
  retention: RetentionRule;
  /** Recipients (Art. 30(1)(d)), free text. */
  recipients: string;
  /**
   * Basis f only: the legitimate interest pursued and why it overrides the person's (Art. 13(1)(d),
   * 14(2)(b), 30; weighed against an objection, Art. 21). Absent in a purpose stored before the field
   * existed: such a purpose still loads, syncs and restores, and is named as one to complete
   * (lacksInterest, domain/bookFindings.ts) until its interest is entered.
   */
  legitimateInterest?: string;
  /** Deactivated purposes stay for history but are not offered any more. */
  active: boolean;
  createdAt: string;
}

export type PurposeSeed = Omit<Purpose, 'createdAt'>;

export const PURPOSE_NAME_MAX = 100;
export const PURPOSE_INTEREST_MAX = 1000;

const isYears = (x: unknown): x is number => typeof x === 'number' && x >= 0;

/** What is wrong with a purpose as stored (the first problem): a name, a basis of Art. 6(1), the fields' types. */
export function purposeProblem(p: unknown): RecordProblem | undefined {
  const invalid = (reason: string): RecordProblem => ({ messageKey: 'error.purposeInvalid', reason });
  if (!isFields(p)) return invalid('it is not an object');
  if (!isText(p.name) || !p.name.trim()) return { messageKey: 'error.purposeNameRequired', reason: 'it has no name' };
  if (p.name.trim().length > PURPOSE_NAME_MAX)
    return { messageKey: 'error.purposeNameTooLong', reason: `its name is longer than ${PURPOSE_NAME_MAX} characters` };
  if (!LAWFUL_BASES.includes(p.lawfulBasis as LawfulBasis)) return invalid('its lawful basis is none of Art. 6(1) a–f');
  if (typeof p.requiresConsent !== 'boolean' || typeof p.active !== 'boolean')
    return invalid('requiresConsent or active is not true or false');
  const retention = p.retention;
  // No upper bound: the form only ever asked for 0 or more, and a purpose stored with more must stay
  // renamable, deactivatable and accepted by sync.
  if (!isFields(retention) || !isYears(retention.years) || !isText(retention.basis))
    return invalid('its retention is not a number of years of 0 or more with a basis');
  if (!isText(p.recipients) || !isText(p.createdAt)) return invalid('recipients or createdAt is not a text');
  // Absent in a purpose stored before the field existed (and so arriving by sync or in a backup).
  if (p.legitimateInterest !== undefined && !isText(p.legitimateInterest))
    return invalid('its legitimate interest is not a text');
  if ((p.legitimateInterest ?? '').trim().length > PURPOSE_INTEREST_MAX)
    return {
      messageKey: 'error.purposeInterestTooLong',
      reason: `its legitimate interest is longer than ${PURPOSE_INTEREST_MAX} characters`,
    };
  return undefined;
}

/** The legitimate interest a purpose on basis f states, trimmed; '' for another basis or none stated. */
export function statedInterest(p: Pick<Purpose, 'lawfulBasis' | 'legitimateInterest'>): string {
  return p.lawfulBasis === 'f' ? (p.legitimateInterest ?? '').trim() : '';
}

/** A purpose on basis f that does not (yet) say which legitimate interest it pursues. */
export function lacksInterest(p: Pick<Purpose, 'lawfulBasis' | 'legitimateInterest'>): boolean {
  return p.lawfulBasis === 'f' && !statedInterest(p);
}

/**
 * A write of a purpose on basis f must name its legitimate interest when it creates the purpose,
 * moves it to basis f, or changes or clears the interest. A purpose stored before the field existed
 * keeps its other changes (renamed, deactivated, its retention) until its interest is entered:
 * the book must stay usable while it is completed.
 */
export function interestProblem(old: Purpose | undefined, next: Purpose): RecordProblem | undefined {
  if (!lacksInterest(next)) return undefined;
  const untouched =
    old !== undefined &&
    old.lawfulBasis === 'f' &&
    lacksInterest(old) &&
    (old.legitimateInterest ?? '') === (next.legitimateInterest ?? '');
  if (untouched) return undefined;
  return {
    messageKey: 'error.purposeInterestRequired',
    reason: 'a purpose on Art. 6(1)(f) must name the legitimate interest it pursues',
  };
}

/** The seeded defaults; ids are stable so that imports and tests can name them. */
export const DEFAULT_PURPOSES: readonly PurposeSeed[] = [
  {
    id: 'purpose-contract',
    name: 'Vertraglicher Zweck',
    lawfulBasis: 'b',
    requiresConsent: false,
    retention: { years: 0, basis: '' },
    recipients: '',
    legitimateInterest: '',
    active: true,
  },
  {
    id: 'purpose-public',
    name: 'Allgemein zugängliche Daten',
    lawfulBasis: 'f',
    requiresConsent: false,
    retention: { years: 0, basis: '' },
    recipients: '',
    legitimateInterest:
      'Pflege geschäftlicher Kontakte und Anbahnung von Geschäften mit Personen, deren Kontaktdaten allgemein zugänglich veröffentlicht sind (z. B. Impressum, Firmenwebsite, Branchenverzeichnis). Die Person hat diese Angaben selbst zu diesem Zweck veröffentlicht, und wir verwenden nur sie; ihre Interessen überwiegen daher nicht.',
    active: true,
  },
  {
    id: 'purpose-advertising',
    name: 'Werbung',
    lawfulBasis: 'a',
    requiresConsent: true,
    retention: { years: 0, basis: '' },
    recipients: '',
    legitimateInterest: '',
    active: true,
  },
  {
    id: 'purpose-address-trade',
    name: 'Adresshandel',
    lawfulBasis: 'a',
    requiresConsent: true,
    retention: { years: 0, basis: '' },
    recipients: '',
    legitimateInterest: '',
    active: true,
  },
];

/** Each seeded purpose's name in the translation table (German: as DEFAULT_PURPOSES names them). */
const DEFAULT_PURPOSE_NAMES: Readonly<Record<string, MessageKey>> = {
  'purpose-contract': 'purpose.seed.contract',
  'purpose-public': 'purpose.seed.public',
  'purpose-advertising': 'purpose.seed.advertising',
  'purpose-address-trade': 'purpose.seed.addressTrade',
};

/** The seeded purpose on basis f states its interest in the translation table (German: as DEFAULT_PURPOSES states it). */
const DEFAULT_PURPOSE_INTERESTS: Readonly<Partial<Record<string, MessageKey>>> = {
  'purpose-public': 'purpose.seed.publicInterest',
};

/**
 * The seeded defaults named in the language of whoever sets the book up: an English book starts
 * with English names and the English text of the seeded legitimate interest (the ids are the same;
 * names and texts are the user's to change afterwards).
 */
export function defaultPurposes(lang: Language): PurposeSeed[] {
  return DEFAULT_PURPOSES.map((p) => {
    const interest = DEFAULT_PURPOSE_INTERESTS[p.id];
    return {
      ...p,
      name: t(lang, DEFAULT_PURPOSE_NAMES[p.id]),
      legitimateInterest: interest ? t(lang, interest) : '',
    };
  });
}
