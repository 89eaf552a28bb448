/** Purposes (Verwendungszwecke) with their lawful basis under Art. 6(1) GDPR. */

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
  /** Deactivated purposes stay for history but are not offered any more. */
  active: boolean;
  createdAt: string;
}

export type PurposeSeed = Omit<Purpose, 'createdAt'>;

/** The seeded defaults; ids are stable so that imports and tests can name them. */
export const DEFAULT_PURPOSES: readonly PurposeSeed[] = [
  {
    id: 'purpose-contract',
    name: 'Vertraglicher Zweck',
    lawfulBasis: 'b',
    requiresConsent: false,
    retention: { years: 0, basis: '' },
    recipients: '',
    active: true,
  },
  {
    id: 'purpose-public',
    name: 'Allgemein zugängliche Daten',
    lawfulBasis: 'f',
    requiresConsent: false,
    retention: { years: 0, basis: '' },
    recipients: '',
    active: true,
  },
  {
    id: 'purpose-advertising',
    name: 'Werbung',
    lawfulBasis: 'a',
    requiresConsent: true,
    retention: { years: 0, basis: '' },
    recipients: '',
    active: true,
  },
  {
    id: 'purpose-address-trade',
    name: 'Adresshandel',
    lawfulBasis: 'a',
    requiresConsent: true,
    retention: { years: 0, basis: '' },
    recipients: '',
    active: true,
  },
];
