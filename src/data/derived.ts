/**
 * Index fields derived from a person. The data layer recomputes them on every write, so no
 * caller can store a person whose indexes lie about it.
 */
import { isNaturalPerson, sortNameOf, type Person } from '../domain/person';

/** Lower-cased words of name, organisation, e-mail, city, and phone digits, for prefix search. */
export function searchTermsOf(p: Pick<Person, 'firstName' | 'lastName' | 'organisation' | 'email' | 'city' | 'phone' | 'furtherPhones'>): string[] {
  const terms = new Set<string>();
  for (const text of [p.firstName, p.lastName, p.organisation, p.city]) {
    for (const word of (text ?? '').toLocaleLowerCase('de').split(/[\s,;/()-]+/)) if (word) terms.add(word);
  }
  const email = (p.email ?? '').trim().toLowerCase();
  if (email) terms.add(email);
  for (const phone of [p.phone, ...(p.furtherPhones ?? [])]) {
    const digits = (phone ?? '').replace(/\D/g, '');
    if (digits) terms.add(digits);
  }
  return [...terms];
}

export function withDerivedFields(p: Person): Person & { searchTerms: string[] } {
  return {
    ...p,
    natural: isNaturalPerson(p) ? 1 : 0,
    locked: p.lock ? 1 : 0,
    sortName: sortNameOf(p),
    searchTerms: searchTermsOf(p),
  };
}
