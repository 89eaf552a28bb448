/**
 * Likely duplicates among the persons already stored and within the file itself: same e-mail
 * address, same phone number, or same name at the same postal code. Lookups go through maps
 * keyed by normalised values, so 10,000 candidates against 100,000 persons stay linear.
 */
import { normaliseText } from '../../domain/diff';
import type { Person } from '../../domain/person';
import type { ImportCandidate } from './types';

export type DuplicateReason = 'email' | 'phone' | 'nameAndPostalCode';

export interface CandidateDuplicates {
  /** Stored persons this candidate probably is. */
  existing: Array<{ id: string; reasons: DuplicateReason[] }>;
  /** Other candidates of the same file (indexes) that are probably the same person. */
  inFile: Array<{ index: number; reasons: DuplicateReason[] }>;
}

export type DuplicateFields = Pick<
  Person,
  'email' | 'phone' | 'furtherPhones' | 'firstName' | 'lastName' | 'postalCode'
>;
export type ExistingPerson = DuplicateFields & Pick<Person, 'id'>;

/**
 * A value shared by very many records (a company switchboard number) says little; capping the
 * matches per key keeps the work linear whatever the data.
 */
const MAX_MATCHES_PER_KEY = 50;

function emailKey(email: string): string {
  const e = email.trim().toLowerCase();
  return e.includes('@') ? `e:${e}` : '';
}

/**
 * Phone numbers compared by their national part for Germany: "+49 (0)30 1234", "0049 30 1234"
 * and "030 1234" are the same number. Other countries keep their code.
 */
export function phoneKey(phone: string): string {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/\D/g, '');
  let international = '';
  if (trimmed.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  if (international) {
    if (!international.startsWith('49')) return international.length >= 6 ? `p:+${international}` : '';
    digits = international.slice(2);
  }
  digits = digits.replace(/^0+/, '');
  return digits.length >= 5 ? `p:${digits}` : '';
}

function nameKey(p: DuplicateFields): string {
  const last = normaliseText(p.lastName).toLowerCase();
  const postal = p.postalCode.replace(/\s+/g, '').toUpperCase();
  if (!last || !postal) return '';
  return `n:${normaliseText(p.firstName).toLowerCase()}|${last}|${postal}`;
}

const REASON: Record<string, DuplicateReason> = { e: 'email', p: 'phone', n: 'nameAndPostalCode' };

/** The person's keys, each once (a number may be listed as phone and as further phone). */
function keysOf(p: DuplicateFields): Set<string> {
  const keys = new Set([emailKey(p.email), nameKey(p), phoneKey(p.phone)]);
  for (const f of p.furtherPhones) keys.add(phoneKey(f));
  keys.delete('');
  return keys;
}

/** Most keys belong to one record: those map to the value itself, shared ones to a list. */
type KeyIndex<T> = Map<string, T | T[]>;

function addTo<T extends string | number>(index: KeyIndex<T>, key: string, value: T): void {
  const entry = index.get(key);
  if (entry === undefined) index.set(key, value);
  else if (!Array.isArray(entry)) index.set(key, [entry, value]);
  else if (entry.length <= MAX_MATCHES_PER_KEY) entry.push(value);
}

function collect<T>(
  hits: Map<T, Set<DuplicateReason>>,
  entry: T | T[] | undefined,
  reason: DuplicateReason,
  skip?: T,
): void {
  if (entry === undefined) return;
  for (const v of Array.isArray(entry) ? entry : [entry]) {
    if (v === skip) continue;
    let reasons = hits.get(v);
    if (!reasons) hits.set(v, (reasons = new Set()));
    reasons.add(reason);
  }
}

/** For each candidate (same order), the stored persons and the other candidates it likely duplicates. */
export function findLikelyDuplicates(
  candidates: ReadonlyArray<ImportCandidate | DuplicateFields>,
  existing: ReadonlyArray<ExistingPerson>,
): CandidateDuplicates[] {
  const stored: KeyIndex<string> = new Map();
  for (const p of existing) for (const key of keysOf(p)) addTo(stored, key, p.id);

  const people = candidates.map((c) => ('person' in c ? c.person : c));
  const candidateKeys = people.map(keysOf);
  const inFile: KeyIndex<number> = new Map();
  candidateKeys.forEach((keys, i) => keys.forEach((key) => addTo(inFile, key, i)));

  return candidateKeys.map((keys, i) => {
    const existingHits = new Map<string, Set<DuplicateReason>>();
    const fileHits = new Map<number, Set<DuplicateReason>>();
    for (const key of keys) {
      const reason = REASON[key[0]];
      collect(existingHits, stored.get(key), reason);
      collect(fileHits, inFile.get(key), reason, i);
    }
    return {
      existing: [...existingHits].map(([id, reasons]) => ({ id, reasons: [...reasons] })),
      inFile: [...fileHits].map(([index, reasons]) => ({ index, reasons: [...reasons] })),
    };
  });
}
