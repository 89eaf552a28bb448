/**
 * Postal addresses as letters and screens print them, for persons and the controller alike, so
 * an address reads the same in every document. Pure.
 */
import { displayName, fullName, type Person } from './person';

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

/**
 * The address window of a letter to a person: the organisation (for an Ansprechpartner, who is
 * reached at work), the Anrede, the name and the postal address, leaving out the blank lines.
 */
export function recipientLines(p: Addressee): string[] {
  const lines = [p.kind === 'contact' ? p.organisation : '', p.salutation, addresseeName(p)];
  return [...lines.map((s) => s.trim()).filter(Boolean), ...addressLines(p)];
}
