/**
 * Which watched fields differ between two versions of a person. Whitespace-only edits are not
 * changes, nor is reordering a repeated field (further phones, bank accounts).
 */
import type { BankAccount, Person, PersonalData } from './person';
import { WATCHED_FIELDS, type WatchedFieldKey } from './fields';

/** Trim and fold inner runs of white space: "  Max   Muster " equals "Max Muster". */
export function normaliseText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
}

/** IBAN and BIC ignore spacing and case: "de89 3704" equals "DE893704". */
export function normaliseCode(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : '';
}

function bankKey(b: BankAccount): string {
  return [normaliseCode(b.iban), normaliseCode(b.bic), normaliseText(b.holder)].join('\u0000');
}

/** A repeated field as a sorted list of normalised, non-empty entries. */
function normaliseRepeated(key: WatchedFieldKey, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const entries =
    key === 'bankAccounts'
      ? (value as unknown[])
          .map((b) => (b && typeof b === 'object' ? bankKey(b as BankAccount) : ''))
          .filter((k) => k.replaceAll('\u0000', '') !== '')
      : value.map(normaliseText).filter(Boolean);
  return entries.sort();
}

/** The normalised form used for comparison; '' / [] when empty. */
export function normalisedValue(
  key: WatchedFieldKey,
  data: Partial<PersonalData> | null | undefined,
): string | string[] {
  const field = WATCHED_FIELDS.find((w) => w.key === key);
  const raw = data ? data[key] : undefined;
  if (field?.repeated) return normaliseRepeated(key, raw);
  return normaliseText(raw);
}

function sameValue(a: string | string[], b: string | string[]): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * Keys of the watched fields that differ, in catalogue order. `before` null means creation
 * (every non-empty field counts); `after` null means deletion (likewise), since a missing
 * version compares as all fields empty.
 */
export function changedWatchedFields(
  before: Partial<PersonalData> | null | undefined,
  after: Partial<PersonalData> | null | undefined,
): WatchedFieldKey[] {
  const changed: WatchedFieldKey[] = [];
  for (const { key } of WATCHED_FIELDS) {
    const a = normalisedValue(key, before);
    const b = normalisedValue(key, after);
    if (!sameValue(a, b)) changed.push(key);
  }
  return changed;
}

/**
 * A stored person's kind or "Privat" changed: what decides whether they are a natural person, and
 * so whether the purpose rule, the log and the retention duty apply to them at all. Unticking
 * "Privat" on a private customer would otherwise take every later change out of the rules.
 */
export function changedClassification(
  before: Partial<Pick<Person, 'kind' | 'private'>> | null | undefined,
  after: Partial<Pick<Person, 'kind' | 'private'>>,
): ('kind' | 'private')[] {
  if (!before) return [];
  const changed: ('kind' | 'private')[] = [];
  if (before.kind !== after.kind) changed.push('kind');
  if (!!before.private !== !!after.private) changed.push('private');
  return changed;
}

/**
 * What a save of a stored person must give a reason for: the changed watched fields, the kind and
 * "Privat", and a changed purpose — why the data is held is its legal basis, so changing it alone
 * counts too.
 */
export function reasonedChanges(
  before: (Partial<PersonalData> & Partial<Pick<Person, 'kind' | 'private' | 'purposeId'>>) | null | undefined,
  after: Partial<PersonalData> & Partial<Pick<Person, 'kind' | 'private' | 'purposeId'>>,
): string[] {
  const changed: string[] = [...changedWatchedFields(before, after), ...changedClassification(before, after)];
  if (before && (before.purposeId ?? '') !== (after.purposeId ?? '')) changed.push('purposeId');
  return changed;
}

/**
 * The user's edits carried over to a version someone else saved meanwhile (a three-way merge):
 * every field the user changed from the version they loaded keeps their value, every other field
 * takes the newer version's — so saving again overwrites only what the user changed, never blindly.
 */
export function rebasedDraft<T extends object>(draft: T, loaded: T, newer: T): T {
  const keys = new Set([...Object.keys(draft), ...Object.keys(loaded), ...Object.keys(newer)]) as Set<keyof T>;
  const merged = { ...newer };
  for (const k of keys) if (JSON.stringify(draft[k]) !== JSON.stringify(loaded[k])) merged[k] = draft[k];
  return merged;
}
