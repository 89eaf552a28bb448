/** Helpers for the form's working copy of a person. */
import type { BankAccount, Person } from '../../domain/person';

export const EMPTY_ACCOUNT: BankAccount = { iban: '', bic: '', holder: '' };

/** Drops empty list entries (an added but unfilled phone or account) before diffing and saving. */
export function cleanDraft(p: Person): Person {
  return {
    ...p,
    furtherPhones: p.furtherPhones.filter((x) => x.trim() !== ''),
    bankAccounts: p.bankAccounts.filter((b) => (b.iban + b.bic + b.holder).trim() !== ''),
  };
}

/** Whether the draft differs from what it was loaded from (lists compared after cleaning). */
export function isDirty(draft: Person, base: Person): boolean {
  const { version: _a, updatedAt: _b, ...x } = cleanDraft(draft);
  const { version: _c, updatedAt: _d, ...y } = cleanDraft(base);
  return JSON.stringify(x) !== JSON.stringify(y);
}
