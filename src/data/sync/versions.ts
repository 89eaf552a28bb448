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
 * A document naming this device as its writer, against the version held here:
 * - `echo`: the revision this device wrote (its pump kept it in syncRevs);
 * - any other revision was handed out by the server, and nothing of it is trusted before its MAC:
 *   `forged` fails it (made up in this device's name); `replayed` is this device's own older
 *   version as a new revision, or one whose clock is none (a server publishing it again) — the
 *   device sends its version again, on top, so devices joining later get the newer one;
 * - `other`: authentic and not an older version of this device's — judged as any other document,
 *   so naming a device gains an author nothing (no clock merged, no version kept as held).
 * A segment of the chain is written once and never sent again: `echo`, `forged` or `other`.
 */
export function ownVersion(
  held: SyncRev | undefined,
  doc: SyncDoc & { _rev?: string },
  segment: boolean,
  authentic: () => boolean,
): 'echo' | 'forged' | 'replayed' | 'other' {
  if (held?.rev === doc._rev) return 'echo';
  if (!authentic()) return 'forged';
  return !segment && ['older', 'unclocked', 'invalid'].includes(against(held, doc)) ? 'replayed' : 'other';
}

/** The clock known here once the document's version is held too. */
export function heldClock(held: SyncRev | undefined, doc: SyncDoc): VersionClock | undefined {
  const clock = clockOr(doc.clock);
  return held?.clock || clock ? mergedClock(held?.clock, clock) : undefined;
}
