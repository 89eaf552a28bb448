/** Helpers for the form's working copy of a person. */
import type { BankAccount, Person } from '../../domain/person';
import { withoutControls } from '../../domain/validation';
import { canonicalJson } from '../../domain/canonicalJson';

export const EMPTY_ACCOUNT: BankAccount = { iban: '', bic: '', holder: '' };

/** The draft as it is saved: empty list entries (an added but unfilled phone or account) dropped, control characters taken out. */
export function cleanDraft(p: Person): Person {
  // Invisible control characters a paste brought (or an older import stored) go; only the note keeps line breaks.
  const line = (v: string) => withoutControls(v).replace(/[\r\n]+/g, ' ');
  const text = Object.fromEntries(
    Object.entries(p).flatMap(([k, v]) =>
      typeof v === 'string' ? [[k, k === 'note' ? withoutControls(v) : line(v)]] : [],
    ),
  );
  return {
    ...p,
    ...text,
    furtherPhones: p.furtherPhones.map(line).filter((x) => x.trim() !== ''),
    bankAccounts: p.bankAccounts
      .map((b) => ({ iban: line(b.iban), bic: line(b.bic), holder: line(b.holder) }))
      .filter((b) => (b.iban + b.bic + b.holder).trim() !== ''),
  };
}

/** Whether the draft differs from what it was loaded from (lists compared after cleaning). */
export function isDirty(draft: Person, base: Person): boolean {
  const { version: _a, updatedAt: _b, ...x } = cleanDraft(draft);
  const { version: _c, updatedAt: _d, ...y } = cleanDraft(base);
  return canonicalJson(x) !== canonicalJson(y);
}

/**
 * Whether the form takes the stored person as it arrives (live): its first arrival, and changes
 * made elsewhere while nothing is edited here. Never a version older than the form's own last save
 * (`ownSave`): a read begun before that save may arrive after it, and taking it would put the old
 * values back over what the user types next (a newer read follows). With edits, the save is checked
 * against the version they were made on (a newer one rebases them: StaleVersionError).
 */
export function takesStored(
  draft: Person | null,
  base: Person | null,
  stored: Person,
  ownSave: number | null,
): boolean {
  if (!draft || !base) return true;
  if (ownSave !== null && stored.version < ownSave) return false;
  return !isDirty(draft, base);
}
