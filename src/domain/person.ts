/** Persons and the natural-person rule. Pure: no React, no Dexie. */
import type { PersonInformation } from './information';
import { foldPlain } from './searchFold';

export const PERSON_KINDS = ['contact', 'customer', 'prospect', 'partner'] as const;
/** contact = Ansprechpartner, customer = Kunde, prospect = Bedarfer, partner = Geschäftspartner */
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface BankAccount {
  iban: string;
  bic: string;
  holder: string;
}

/** Lock (Sperrvermerk, Art. 18 GDPR). */
export interface PersonLock {
  at: string;
  byUserId: string;
  reason: string;
}

/** The personal fields a person may hold; all watched (see fields.ts). */
export interface PersonalData {
  salutation: string;
  title: string;
  firstName: string;
  lastName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  phone: string;
  furtherPhones: string[];
  fax: string;
  email: string;
  /** Kunde only. */
  bankAccounts: BankAccount[];
}

export interface Person extends PersonalData {
  id: string;
  kind: PersonKind;
  /** "Privat": a Kunde, Bedarfer or Geschäftspartner is a natural person only with this flag. */
  private: boolean;
  // Not watched:
  organisation: string;
  position: string;
  note: string;
  /** Purpose (Verwendungszweck) id, '' when none (IndexedDB cannot index null). */
  purposeId: string;
  lock: PersonLock | null;
  /** Where the data came from (Art. 15(1)(g)): 'manual', 'import:<file name>'. */
  source: string;
  /** Informing the person (Art. 13/14): when the data was obtained, whether and how they were told. Absent in records from before. */
  information?: PersonInformation;
  /** Optimistic concurrency: bumped by the data layer on every write. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * When the person's data last changed — not a lock, an unlock or a note of being informed, which
   * bump `updatedAt` too: a purpose's retention runs from it. Set by the data layer; absent in
   * records from before (then `updatedAt` stands for it).
   */
  changedAt?: string;
  // Derived index fields, always recomputed by the data layer (see data/core/derived.ts):
  natural: 0 | 1;
  /** 1 while locked; absent otherwise (a sparse index: an unlocked person writes no entry), 0 in records from before. */
  locked?: 0 | 1;
  sortName: string;
  /** Natural persons not yet informed: the last day to inform them (information.ts); absent otherwise. */
  informDue?: string;
}

/** A person as read from storage: one stored before further numbers were kept has none. */
export type AsStored<P extends Pick<Person, 'furtherPhones'>> = Omit<P, 'furtherPhones'> &
  Partial<Pick<Person, 'furtherPhones'>>;

export function isNaturalPerson(p: Pick<Person, 'kind' | 'private'>): boolean {
  return p.kind === 'contact' || p.private;
}

export function emptyPersonalData(): PersonalData {
  return {
    salutation: '',
    title: '',
    firstName: '',
    lastName: '',
    street: '',
    postalCode: '',
    city: '',
    country: '',
    phone: '',
    furtherPhones: [],
    fax: '',
    email: '',
    bankAccounts: [],
  };
}

/** A new, unsaved person with every field present (ids and timestamps set by the data layer). */
export function newPerson(kind: PersonKind = 'contact', fields: Partial<Person> = {}): Person {
  return {
    id: '',
    kind,
    private: false,
    ...emptyPersonalData(),
    organisation: '',
    position: '',
    note: '',
    purposeId: '',
    lock: null,
    source: 'manual',
    version: 0,
    createdAt: '',
    updatedAt: '',
    natural: 0,
    sortName: '',
    ...fields,
  };
}

/** Display name: "Nachname, Vorname", falling back to organisation or e-mail. */
export function displayName(p: Pick<Person, 'firstName' | 'lastName' | 'organisation' | 'email'>): string {
  const name = [p.lastName.trim(), p.firstName.trim()].filter(Boolean).join(', ');
  return name || p.organisation.trim() || p.email.trim() || '—';
}

/** The name as a letter writes it, "Dr. Max Mustermann": title, first and last name; '' without any. */
export function fullName(p: Pick<Person, 'title' | 'firstName' | 'lastName'>): string {
  return [p.title, p.firstName, p.lastName]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * The sort key: last name, first name, organisation, compared by code unit (the directory merges
 * sorted runs of 100,000 persons; a collator per comparison would cost seconds). Each part folded
 * as search folds it — lower case, accents and special letters to their base letters — so the
 * order is the German one of the telephone book (DIN 5007-1: Ärger with Arger, Öztürk and Øster
 * under O, Łukasz under L), not umlauts after Z. ASCII, most names, is only lower-cased.
 */
export function sortNameOf(p: Pick<Person, 'firstName' | 'lastName' | 'organisation'>): string {
  let key = '';
  for (const text of [p.lastName, p.firstName, p.organisation]) {
    const part = foldPlain(text.trim());
    if (part) key = key ? `${key} ${part}` : part;
  }
  return key;
}
