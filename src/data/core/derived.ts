/**
 * Fields derived from a person. The data layer recomputes them on every write, so no caller can
 * store a person whose flags lie about it. The search words are not stored (they would be
 * personal data in plain): the directory computes them after sign-in.
 */
import { informationDue } from '../../domain/information';
import { displayName, isNaturalPerson, sortNameOf, type Person, type PersonKind } from '../../domain/person';
import { foldForSearch } from '../../domain/searchFold';

type TextField = 'firstName' | 'lastName' | 'organisation' | 'email' | 'city' | 'phone' | 'furtherPhones';
/** A person as stored by any schema version: a field a later version added may be missing. */
type AnyVersion<P> = Omit<P, TextField> & Partial<Pick<Person, TextField>>;

/** Between the words of a name, organisation or city; between a word's parts; between an e-mail's parts. */
const WORDS = /[\s,;/()]+/;
const PARTS = /[-\u2010-\u2015.']+/;
/** Whether a text has more than one word, a word more than one part: most have not, and a test allocates no array. */
const HAS_WORDS = /[\s,;/()]/;
const HAS_PARTS = /[-\u2010-\u2015.']/;
const EMAIL_PARTS = /[@._+-]+/;
/** Printable ASCII, which foldForSearch only lower-cases (most of the directory's 100,000 persons). */
const ASCII = /^[ -~]*$/;

/**
 * The search words of a person, each folded as the query is (foldForSearch): every word of name,
 * organisation and city — a hyphenated one whole and each part; the e-mail whole, its domain and
 * each part; every phone number's digits (phoneTerms), and from each of its groups on (phoneParts).
 *
 * Runs for every person at each sign-in (the row workers): a text of printable ASCII is lower-cased
 * once rather than each word folded, each word is folded once, and a double is dropped by a look
 * through the dozen words so far. A word that begins another ("anna" beside "anna-lena") stays: a
 * search matches prefixes, so it finds nothing more — but dropping it took sorting every person's
 * words, the row workers' largest cost.
 */
export function searchTermsOf(p: Partial<Pick<Person, TextField>>): string[] {
  const terms: string[] = [];
  const put = (term: string) => {
    if (term && !terms.includes(term)) terms.push(term);
  };
  // `lowered`: the word is of a text lower-cased whole, which is its fold.
  const add = (word: string, lowered: boolean) => {
    if (lowered) put(word);
    else for (const form of foldForSearch(word)) put(form);
  };
  for (const text of [p.firstName, p.lastName, p.organisation, p.city]) {
    if (!text) continue;
    const lowered = ASCII.test(text);
    const cased = lowered ? text.toLowerCase() : text;
    for (const word of HAS_WORDS.test(cased) ? cased.split(WORDS) : [cased]) {
      add(word, lowered);
      if (!HAS_PARTS.test(word)) continue;
      const parts = word.split(PARTS);
      if (parts.length > 1) for (const part of parts) add(part, lowered);
    }
  }
  const trimmed = (p.email ?? '').trim();
  if (trimmed) {
    const lowered = ASCII.test(trimmed);
    const email = lowered ? trimmed.toLowerCase() : trimmed;
    add(email, lowered);
    add(email.slice(email.indexOf('@') + 1), lowered);
    for (const part of email.split(EMAIL_PARTS)) add(part, lowered);
  }
  for (const phone of [p.phone, ...(p.furtherPhones ?? [])]) {
    if (!phone) continue;
    for (const digits of phoneTerms(phone)) put(digits);
    for (const digits of phoneParts(phone)) put(digits);
  }
  return terms;
}

/**
 * A phone number's digits, in the international and the German national form, so that "0221…",
 * "+49 221…" and "0049 221…" find each other.
 */
export function phoneTerms(phone: string): string[] {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (!digits) return [];
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (!trimmed.startsWith('+') && digits.startsWith('0')) return [digits, `49${digits.slice(1)}`];
  if (digits.startsWith('49')) return [digits, `0${digits.slice(2)}`];
  return [digits];
}

/** From each later group of a written number on, its digits: "+49 221 5550101" is found by "5550101". */
export function phoneParts(phone: string): string[] {
  const groups = phone.split(/[^\d]+/).filter(Boolean);
  const parts: string[] = [];
  // The tails from the last group back: each is one concatenation, not a join of the rest.
  let tail = '';
  for (let i = groups.length - 1; i >= 1; i--) {
    tail = groups[i] + tail;
    if (tail.length >= 3) parts.push(tail);
  }
  return parts.reverse();
}

export function withDerivedFields(p: Person): Person {
  const { searchTerms: _s, informDue: _d, locked: _l, ...rest } = p as Person & { searchTerms?: unknown };
  const natural = isNaturalPerson(p);
  // Indexed only while the duty to inform runs: the Prüfliste reads due dates from the index.
  const informDue = natural && p.information && !p.information.informedAt ? informationDue(p.information) : undefined;
  return {
    ...rest,
    natural: natural ? 1 : 0,
    // Indexed only while locked: an index entry per person write fewer (queries ask for 1 only).
    ...(p.lock ? { locked: 1 as const } : {}),
    sortName: sortNameOf(p),
    ...(informDue ? { informDue } : {}),
  };
}

/**
 * A person as the directory holds them: the sort name, the search words, and what a row of the
 * person list shows — so the list needs no record read (and decryption) per row. Only the row's
 * fields are stored (directory/buckets.ts); the rest is derived from them when read.
 */
export interface DirectoryEntry {
  id: string;
  sortName: string;
  /** The search words (searchTermsOf), each after SEARCH_SEPARATOR: one native substring search finds a prefix of any. */
  searchText: string;
  name: string;
  email: string;
  phone: string;
  city: string;
  kind: PersonKind;
  locked: boolean;
  /** The name's parts and further numbers: not shown, kept to derive and store the rest. */
  firstName: string;
  lastName: string;
  organisation: string;
  furtherPhones: string[];
}

export const SEARCH_SEPARATOR = '\u0001';

/** The stored part of an entry (buckets.ts): everything else is derived from it. */
export type DirectoryRow = Pick<
  DirectoryEntry,
  'firstName' | 'lastName' | 'organisation' | 'email' | 'city' | 'phone' | 'furtherPhones' | 'kind' | 'locked'
>;

/** A row's search words (searchTermsOf) as DirectoryEntry.searchText holds them, each after SEARCH_SEPARATOR. */
export const searchTextOf = (row: DirectoryRow): string => SEARCH_SEPARATOR + searchTermsOf(row).join(SEARCH_SEPARATOR);

export function entryOfRow(id: string, row: DirectoryRow): DirectoryEntry {
  return {
    id,
    sortName: sortNameOf(row),
    searchText: searchTextOf(row),
    name: displayName(row),
    email: row.email,
    phone: row.phone,
    city: row.city,
    kind: row.kind,
    locked: row.locked,
    firstName: row.firstName,
    lastName: row.lastName,
    organisation: row.organisation,
    furtherPhones: row.furtherPhones,
  };
}

/** A stored record may miss fields a later version added: they count as empty. */
export function entryOf(p: AnyVersion<Person>): DirectoryEntry {
  return entryOfRow(p.id, {
    firstName: p.firstName ?? '',
    lastName: p.lastName ?? '',
    organisation: p.organisation ?? '',
    email: p.email ?? '',
    city: p.city ?? '',
    phone: p.phone ?? '',
    furtherPhones: p.furtherPhones ?? [],
    kind: p.kind,
    locked: !!p.lock,
  });
}

/**
 * The directory is stored sealed in buckets (table `directory`, format in directory/buckets.ts),
 * so a sign-in opens about a thousand ciphertexts of the record key, not one per person.
 */
export const DIRECTORY_BUCKETS = 1024;

/** A bucket as IndexedDB holds it: its number and one ciphertext (directory/buckets.ts). */
export interface DirectoryBucket {
  bucket: number;
  sealed: Uint8Array;
}

/**
 * A bucket's own secret (table `directoryKeys`): its rows are encrypted under it, and erasing a
 * person deletes it with the bucket, so no stored copy of the bucket opens again (buckets.ts).
 */
export interface DirectoryKey {
  bucket: number;
  secret: Uint8Array;
}

/**
 * The directory image's secret in `directoryKeys` (directory/image.ts), below every bucket's number:
 * each path that deletes a bucket's secret for an erasure deletes it too.
 */
export const DIRECTORY_IMAGE_KEY = -1;

/** FNV-1a of the id: a stable bucket for each person. */
export function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % DIRECTORY_BUCKETS;
}
