/**
 * Permissions across the wire (issue 20, item 5): a change arriving from another device passes the
 * rules a local write passes in the middleware (middleware/rules/persons.ts), judged against this
 * device's version of the record — a locked person changes only by unlocking (lockPersons), and
 * is neither erased nor given a new consent; while the book's GDPR support is on, a change of a
 * natural person's watched fields names a purpose of the book. Each function returns why the
 * change is refused (quarantined, shown), or undefined.
 *
 * A lock set on one device and an edit made offline on another are two versions of the person:
 * the locked one stands (preferredLeaf) and the conflict is shown until an administrator resolves it.
 */
import { coveredBy, isVersionClock } from '../../domain/versionClock';
import { changedWatchedFields } from '../../domain/diff';
import { isNaturalPerson, type Person } from '../../domain/person';
import type { Permission } from '../../domain/user';
import { personContent } from '../middleware/rules/persons';
import { TABLE_PERMISSIONS } from '../middleware/rules/permissions';
import type { StoredDoc } from './docs';
import { refusal, type Refusal } from './refusal';

/** A person's permissions, as the rule (rules/persons.ts checkLocking) reads them. */
const PERSONS = TABLE_PERMISSIONS.persons;

/** What the rules read besides the two versions: the book's switch and purposes as known here. */
export interface WireScope {
  gdpr: boolean;
  hasPurpose(id: string): boolean;
}

/** Why another device's version `next` may not replace this device's `old`. */
export function personRefusal(
  old: Person | undefined,
  next: Person,
  author: string,
  has: ReadonlySet<Permission>,
  scope: WireScope,
): Refusal | undefined {
  if (old?.lock) {
    // Only the lock may go; the content stays as it is while locked.
    if (personContent(old) !== personContent(next)) return refusal('sync.refused.personLocked');
    if (!next.lock && !has.has(PERSONS.lock)) return refusal('sync.refused.mayNotUnlock', { author });
    return undefined;
  }
  if (next.lock) {
    // A lock may arrive over another version than the one it was set on (a conflict): not judged by content.
    if (!has.has(PERSONS.lock)) return refusal('sync.refused.mayNotLock', { author });
    // …but only over a person this device holds: a new person needs the edit permission, locked or not.
    if (!old && !has.has(PERSONS.write)) return refusal('sync.refused.mayNotChangePersons', { author });
  } else if (!has.has(PERSONS.write)) return refusal('sync.refused.mayNotChangePersons', { author });
  if (!scope.gdpr || !old || !(isNaturalPerson(next) || isNaturalPerson(old))) return undefined;
  // A person this device has not seen may predate the switch (or be the pull of a book): only changes are judged.
  if (changedWatchedFields(old, next).length > 0 && !(next.purposeId && scope.hasPurpose(next.purposeId)))
    return refusal('sync.refused.noPurpose');
  return undefined;
}

/** Erasing a person, a tombstone or a new consent: refused while the person is locked here. */
export function lockedRefusal(locked: boolean): Refusal | undefined {
  return locked ? refusal('sync.refused.personLocked') : undefined;
}

/**
 * The version of a person every device applies and shows: a locked one over an unlocked one (an
 * edit made offline does not overwrite a lock), else CouchDB's winner. A version whose clock
 * another leaf's covers is not a change made elsewhere at the same time but an older version made
 * a branch again (a server replaying it, sync/versions.ts): never preferred — not even as the
 * winner, which a made-up revision number can make it. Deterministic: the same leaves give the
 * same choice on every device.
 */
export function preferredLeaf(winner: StoredDoc, leaves: readonly StoredDoc[]): StoredDoc {
  const byRev = (a: StoredDoc, b: StoredDoc) => (a._rev < b._rev ? 1 : -1);
  const all = [winner, ...leaves.filter((l) => !l._deleted)];
  const current = all.filter((l) => !all.some((other) => other !== l && supersedes(other, l)));
  const first = current.includes(winner) ? winner : (current.sort(byRev)[0] ?? winner);
  if (first.plain.locked === 1 || first.deleted) return first;
  const locked = current.filter((l) => l.plain.locked === 1 && !l.deleted);
  return locked.sort(byRev)[0] ?? first;
}

/** Whether `a`'s version clock covers `b`'s (of two equal clocks, the greater revision stands). */
export function supersedes(a: StoredDoc, b: StoredDoc): boolean {
  if (!isVersionClock(a.clock) || !isVersionClock(b.clock) || !coveredBy(b.clock, a.clock)) return false;
  return !coveredBy(a.clock, b.clock) || a._rev > b._rev;
}
