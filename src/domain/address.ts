/**
 * Postal addresses as letters and screens print them, for persons and the controller alike, so
 * an address reads the same in every document. Pure.
 */
import { displayName, fullName, type Person } from './person';
import { t, type Language } from '../i18n/messages';

export type PostalAddress = Pick<Person, 'street' | 'postalCode' | 'city' | 'country'>;

/** The parts that are not blank, each trimmed, joined by `separator`. */
export function joinNonEmpty(separator: string, parts: readonly string[]): string {
  return parts
    .map((s) => s.trim())
    .filter(Boolean)
    .join(separator);
}

/** Postal code and city: "10115 Berlin". */
export function cityLine(a: Pick<PostalAddress, 'postalCode' | 'city'>): string {
  return joinNonEmpty(' ', [a.postalCode, a.city]);
}

/** Street, city line and country, leaving out the blank ones. */
export function addressLines(a: PostalAddress): string[] {
  return [a.street, cityLine(a), a.country].map((s) => s.trim()).filter(Boolean);
}

/**
 * Whether a letter can reach the person: a street (or Postfach) and a place (postal code or city).
 * Without them the window holds a name, perhaps a city — a letter the post sends back.
 */
export function hasPostalAddress(a: Pick<PostalAddress, 'street' | 'postalCode' | 'city'>): boolean {
  return a.street.trim() !== '' && cityLine(a) !== '';
}

/** The fields a letter to a person uses for the address window. */
export type Addressee = PostalAddress &
  Pick<Person, 'kind' | 'organisation' | 'salutation' | 'title' | 'firstName' | 'lastName' | 'email'>;

/** Whom a letter names: the full name, or without one the organisation or e-mail. */
export function addresseeName(p: Addressee): string {
  return fullName(p) || displayName(p);
}

const FEMALE = new Set(['frau', 'fr.', 'ms', 'ms.', 'mrs', 'mrs.', 'miss', 'madame', 'mme', 'mme.']);
const MALE = new Set(['herr', 'hr.', 'mr', 'mr.', 'monsieur', 'm.']);
/** Anreden that stand for none in an address ("divers" is offered beside Herr and Frau). */
const NO_ADDRESS_WORD = new Set(['divers', 'diverse', 'keine angabe']);

export type SalutationGender = 'female' | 'male' | 'none';

/** Reads the Anrede field: "Frau"/"Ms" → female, "Herr"/"Mr" → male, anything else (empty, "Divers", "Familie") → none. */
export function salutationGender(salutation: string): SalutationGender {
  const s = salutation.trim().toLocaleLowerCase('de');
  if (FEMALE.has(s)) return 'female';
  if (MALE.has(s)) return 'male';
  return 'none';
}

/**
 * The Anrede as an address prints it, in the document's language: "Frau"/"Ms" whichever was typed,
 * as the letter's greeting reads it (an English letter never says "Frau" above "Dear Ms …");
 * "divers" none; anything else ("Familie") as typed.
 */
export function addressSalutation(salutation: string, lang: Language): string {
  const gender = salutationGender(salutation);
  if (gender !== 'none') return t(lang, gender === 'female' ? 'letter.address.female' : 'letter.address.male');
  return NO_ADDRESS_WORD.has(salutation.trim().toLocaleLowerCase('de')) ? '' : salutation.trim();
}

/**
 * The address window of a letter to a person: the organisation (for an Ansprechpartner, who is
 * reached at work), the Anrede, the name and the postal address, leaving out the blank lines. A
 * German address puts the Anrede on a line of its own; an English one before the name ("Ms Anna
 * Berg"), where a title takes its place ("Dr. Anna Berg", as the greeting "Dear Dr. Berg,").
 */
export function recipientLines(p: Addressee, lang: Language): string[] {
  const word = addressSalutation(p.salutation, lang);
  const named =
    lang === 'de' ? [word, addresseeName(p)] : [joinNonEmpty(' ', [p.title.trim() ? '' : word, addresseeName(p)])];
  const lines = [p.kind === 'contact' ? p.organisation : '', ...named];
  return [...lines.map((s) => s.trim()).filter(Boolean), ...addressLines(p)];
}
