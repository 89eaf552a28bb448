/**
 * The incoming changes the sync engine held back (its quarantine, sync/feed.ts): counted live for
 * the header's status and the Übersicht, listed with their reasons in Einstellungen → Synchronisation.
 * Warned of while they stand: not once a later version carrying the change was applied, a conflict's
 * resolution dropped it, or a user took note of it (commands/heldBack.ts) — listed all the same.
 */
import type { QuarantineRecord } from '../core/records';
import type { HeldBackChange } from '../../domain/heldBack';
import type { QuarantineEntry } from '../sync/types';
import { rawConnection, type ConsentbookDB } from '../db';

/** Whether a held-back change is still to be looked at. */
export const stillStanding = (q: QuarantineRecord): boolean => !q.acknowledged && !q.change?.outcome;

export async function countHeldBack(db: ConsentbookDB): Promise<number> {
  return (await rawConnection(db).quarantine.toArray()).filter(stillStanding).length;
}

export async function readHeldBack(db: ConsentbookDB): Promise<QuarantineEntry[]> {
  return (await rawConnection(db).quarantine.toArray()).map((q) => {
    const { docId, rev, type, reason, refusal, at, change, acknowledged } = q;
    return {
      docId,
      rev,
      type,
      reason,
      ...(refusal && { refusal }),
      at,
      ...(change?.outcome && { outcome: change.outcome }),
      ...(acknowledged && { acknowledged }),
      standing: stillStanding(q),
    };
  });
}

/** The held-back changes of persons, as the audit entries describing them are marked (domain/heldBack.ts). */
export async function readHeldBackChanges(db: ConsentbookDB): Promise<HeldBackChange[]> {
  return (await rawConnection(db).quarantine.toArray()).flatMap((q) => (q.change ? [q.change] : []));
}
