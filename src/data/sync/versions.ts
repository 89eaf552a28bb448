/**
 * Which version of a record a document is, against the one this device holds (syncRevs): a
 * document whose version clock the held clock covers is that version or one before it, handed out
 * again as a new revision — by a server replaying old bytes, which their MAC does not tell apart.
 * Refused, as is a document without a clock over a held version that has one from a device seen
 * sending clocks (an older version from before clocks sent again); from a device never seen
 * sending any, it is a change made by an app from before clocks and judged as before — so a
 * device not updated yet loses no work, and once it sends clocks its old versions are refused.
 */
import { clockOr, coveredBy, isVersionClock, mergedClock, type VersionClock } from '../../domain/versionClock';
import type { SyncRev } from '../core/records';
import { refusal, type Refusal } from './refusal';
import type { SyncDoc } from './docs';

/** A document's version against the one held here; `held`: the same revision, or nothing to compare (no clock held). */
type Against = 'held' | 'invalid' | 'unclocked' | 'same' | 'older' | 'other';

function against(held: SyncRev | undefined, doc: SyncDoc & { _rev?: string }): Against {
  if (doc.clock !== undefined && !isVersionClock(doc.clock)) return 'invalid';
  if (!held?.clock || held.rev === doc._rev) return 'held';
  if (!doc.clock) return 'unclocked';
  if (!coveredBy(doc.clock, held.clock)) return 'other';
  return coveredBy(held.clock, doc.clock) ? 'same' : 'older';
}

export function replayRefusal(
  held: SyncRev | undefined,
  doc: SyncDoc & { _rev?: string },
  sendsClocks: (device: string) => boolean,
): Refusal | undefined {
  switch (against(held, doc)) {
    case 'invalid':
      return refusal('sync.refused.invalidClock');
    case 'unclocked':
      return sendsClocks(doc.device) ? refusal('sync.refused.noClock', { device: doc.device }) : undefined;
    case 'same':
    case 'older':
      return refusal('sync.refused.olderVersion');
    default:
      return undefined;
  }
}

/**
 * Whether this device's own document, coming back as a new revision, is an older version of what
 * it holds (a server publishing it again): this device then sends its version again, on top, so
 * devices joining later get the newer one (feed.ts). Its latest version coming back is not.
 */
export function ownReplayed(held: SyncRev | undefined, doc: SyncDoc & { _rev?: string }): boolean {
  // One whose clock is not one was changed on the way (its own echo's MAC is not checked): sent again too.
  return ['older', 'unclocked', 'invalid'].includes(against(held, doc));
}

/** The clock known here once the document's version is held too. */
export function heldClock(held: SyncRev | undefined, doc: SyncDoc): VersionClock | undefined {
  const clock = clockOr(doc.clock);
  return held?.clock || clock ? mergedClock(held?.clock, clock) : undefined;
}
