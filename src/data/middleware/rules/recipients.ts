/**
 * The recipients' setting (RECIPIENTS_KEY): every entry a write adds or changes must pass the
 * domain's check — a third-country entry names its transfer basis — whichever code wrote it.
 * Entries left as they were are not checked again: one stored before the transfer basis existed
 * stays until someone changes it (the documents say its basis is still to be checked).
 */
import { recipientEntryProblem, storedRecipient, type Recipient } from '../../../domain/recipients';
import type { RecordProblem } from '../../../domain/recordProblem';

/** The stored value as this version reads it: entries from before a field was added compare as unchanged. */
export function storedRecipients(value: unknown): Record<string, Recipient> {
  return Object.fromEntries(Object.entries(value ?? {}).map(([id, r]) => [id, storedRecipient(r)]));
}

/** The first problem of the entries `changed` names that are still there (a removed one needs no check). */
export function changedRecipientsProblem(
  next: Record<string, unknown>,
  changed: readonly string[],
): RecordProblem | undefined {
  for (const id of changed) {
    const problem = Object.hasOwn(next, id) ? recipientEntryProblem(id, next[id]) : undefined;
    if (problem) return problem;
  }
  return undefined;
}
