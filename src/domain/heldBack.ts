/**
 * Audit entries of a change held back (sync): another device's change of a person arrives as two
 * documents — the person's record and its audit entry, a segment of that device's chain. The record
 * may be refused by the checks (its author lost the right meanwhile, say) and quarantined, while
 * the entry, correctly chained, is applied: it stays — the chain is proof of what was done on that
 * device — but it describes a change this book does not hold, and is shown marked so.
 *
 * Matched at read time, never written into the entry (it is chained): an entry of another device's
 * chain, by the refused version's author, about that person, of an action that changes the
 * person's record, at a time the refused version covers — from after the last version of its
 * device whose change this device holds (found in the replica: sync/heldBack.ts; else from the
 * refused version's own time) up to just after the refused version's own time (its `updatedAt`, set
 * in the transaction that wrote the entry). Both bounds are that device's clock, as the entries'
 * times are: another device's clock, set wrong, moves neither. Either may arrive first: the mark
 * shows once both are here. A version the same author wrote later and that was applied takes the
 * change in (`applied`: no mark); a conflict's resolution drops the refused version for good
 * (`dropped`), on every device.
 */
import type { AuditAction, AuditEntry } from './audit';
import { splitOrigin } from './auditSegment';

/** What the quarantine keeps of a refused version of a person, to find the entries describing it. */
export interface HeldBackChange {
  /** The person's id (the document's key). */
  key: string;
  device: string;
  author: string;
  /** The refused version's time (the person's `updatedAt` in it). */
  changedAt: string;
  /**
   * The time of the last version by the same device whose change this device holds, when older:
   * that device's changes up to it were applied.
   */
  since?: string;
  outcome?: 'applied' | 'dropped';
}

/** How an entry is shown: held back (not applied), or held back and dropped since. */
export type HeldBackMark = 'held' | 'dropped';

/** The actions a person's own record carries (a consent, a report, a proof are documents of their own). */
const PERSON_RECORD_ACTIONS: readonly AuditAction[] = [
  'create',
  'update',
  'delete',
  'lock',
  'unlock',
  'informed',
  'import',
];

/**
 * An entry's time follows its record's `updatedAt` in one transaction: by this much at most. Two
 * changes of a person by one member closer than this are not told apart (both marked or neither).
 */
export const HELD_BACK_SLACK_MS = 500;

const ms = (iso: string) => Date.parse(iso);

/** The mark of one entry (as read: with `origin` when it is another device's), or undefined. */
export function heldBackMark(
  entry: AuditEntry & { origin?: string },
  changes: readonly HeldBackChange[],
): HeldBackMark | undefined {
  if (!entry.origin || !entry.personId || !PERSON_RECORD_ACTIONS.includes(entry.action)) return undefined;
  if (/^(file|transaction|request|breach):/.test(entry.context)) return undefined;
  const { device } = splitOrigin(entry.origin);
  const at = ms(entry.at);
  let mark: HeldBackMark | undefined;
  for (const c of changes) {
    if (c.outcome === 'applied' || c.key !== entry.personId || c.device !== device || c.author !== entry.userId)
      continue;
    // A version's entry is written a moment after its time, in the same transaction: from just after
    // the device's last version held here (half way to this one, when they are close) to just after this one.
    const changed = ms(c.changedAt);
    const since = c.since !== undefined && c.since < c.changedAt ? ms(c.since) : undefined;
    const from = since === undefined ? changed - 1 : since + Math.min(HELD_BACK_SLACK_MS, (changed - since) / 2);
    if (at > changed + HELD_BACK_SLACK_MS || at <= from) continue;
    // Held back by one version and dropped with another: it stays not applied, said as held back.
    mark = c.outcome === 'dropped' && mark !== 'held' ? 'dropped' : 'held';
  }
  return mark;
}
