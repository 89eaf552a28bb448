/**
 * The incoming changes the sync engine held back (its quarantine, sync/feed.ts), and this device's
 * own changes the team holds back (sync/ownHeldBack.ts): counted live for the header's status and
 * the Übersicht, listed with their reasons in Einstellungen → Synchronisation. Warned of while they
 * stand: not once a later version carrying the change was applied, a conflict's resolution dropped
 * it, or a user took note of it (commands/heldBack.ts) — listed all the same.
 */
import type { QuarantineRecord } from '../core/records';
import type { HeldBackChange } from '../../domain/heldBack';
import type { OwnHeldBackState, OwnHeldBackVersion, QuarantineEntry } from '../sync/types';
import { SYNC_DEVICE_KEY, SYNC_OWN_HELD_BACK_KEY, SYNC_WRITTEN_OVER_KEY } from '../core/syncSettings';
import { rawConnection, type ConsentbookDB } from '../db';

/** Whether a held-back change is still to be looked at. */
export const stillStanding = (q: QuarantineRecord): boolean => !q.acknowledged && !q.change?.outcome;

export async function countHeldBack(db: ConsentbookDB): Promise<number> {
  const [held, own] = await Promise.all([rawConnection(db).quarantine.toArray(), readOwnHeldBack(db)]);
  return held.filter(stillStanding).length + own.filter((v) => !v.acknowledged).length;
}

/** What sync/ownHeldBack.ts keeps of this device's own versions the team refuses (none: not judged yet). */
export async function readOwnHeldBackState(db: ConsentbookDB): Promise<OwnHeldBackState | undefined> {
  return (await rawConnection(db).settings.get(SYNC_OWN_HELD_BACK_KEY))?.value as OwnHeldBackState | undefined;
}

/** This device's own versions the team does not take over, oldest change first. */
export async function readOwnHeldBack(db: ConsentbookDB): Promise<OwnHeldBackVersion[]> {
  const versions = (await readOwnHeldBackState(db))?.versions ?? [];
  return [...versions].sort((a, b) => a.changedAt.localeCompare(b.changedAt));
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

/**
 * The held-back changes, as the audit entries describing them are marked (domain/heldBack.ts): those
 * refused here, and those an administrator's device wrote over (sync/writtenOver.ts).
 */
export async function readHeldBackChanges(db: ConsentbookDB): Promise<HeldBackChange[]> {
  const raw = rawConnection(db);
  const [held, writtenOver] = await Promise.all([raw.quarantine.toArray(), raw.settings.get(SYNC_WRITTEN_OVER_KEY)]);
  return [
    ...held.flatMap((q) => (q.change ? [q.change] : [])),
    ...((writtenOver?.value as HeldBackChange[] | undefined) ?? []),
  ];
}

/** This device's id in the sync (its chain's entries are its own), where it syncs. */
export async function readDeviceId(db: ConsentbookDB): Promise<string | undefined> {
  const stored = (await rawConnection(db).settings.get(SYNC_DEVICE_KEY))?.value;
  return typeof stored === 'string' ? stored : undefined;
}
