/**
 * The write context: who acts and why. Commands ask the user BEFORE opening a transaction, then
 * open it with the context attached (keyed by the IndexedDB transaction), for the enforcement
 * middleware to read. No dialog ever waits inside a transaction.
 */
import type { Capability } from './capability';
import type { Session } from './session';

export interface ChangeReason {
  purposeId: string;
  comment: string;
}

/**
 * What the write means, where the table alone cannot tell (lock vs. edit, import vs. create). None
 * of these lifts a check; writes that skip checks need a privilege (capability.ts).
 */
export type WriteIntent = 'edit' | 'import' | 'lock' | 'unlock' | 'erase' | 'ownPassphrase' | 'fileDocument';

export interface WriteContext {
  session: Session;
  reason?: ChangeReason;
  intent?: WriteIntent;
  /** Held only by the data layer's restore and seed code. */
  capability?: Capability;
  /** Non-personal context for the audit entry: an import's file name, a report kind. */
  auditContext?: string;
  /**
   * Records to send again in the acting administrator's name: what a member whose rights are
   * lowered, or who is removed, wrote last (team/vouch.ts); queued with the transaction's first
   * replicated write (middleware/outbox.ts).
   */
  resend?: readonly { table: string; key: string }[];
  /** Sync: resolving a conflict deletes these losing revisions together with the merge (sync/conflicts.ts). */
  resolves?: readonly string[];
  /**
   * The stored versions the caller's records were loaded from (a save's form), table → key →
   * version: the rules may run on them first and check them in the write's own round trip
   * (middleware/loaded.ts). Never trusted unchecked.
   */
  loaded?: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
}

const contexts = new WeakMap<object, WriteContext>();

export function attachContext(idbTransaction: object, ctx: WriteContext): void {
  contexts.set(idbTransaction, ctx);
}

export function contextOf(idbTransaction: object): WriteContext | undefined {
  return contexts.get(idbTransaction);
}
