/**
 * Conflicts: CouchDB keeps every revision two devices wrote offline and picks the same winner on
 * each; the applier applies the winner and flags the person (conflicts table: plain, counted).
 * Resolving writes the merge as a change of personal data — purpose and comment required, one audit
 * entry — and names the losing revisions in the write context, so the outbox row carries them and
 * the pump deletes them in the same bulk write as the merge (a version the checks refuse among them:
 * its change is marked dropped on each device as the merge arrives there, apply.ts).
 */
import { conflictingFields } from '../../domain/conflict';
import { changedWatchedFields } from '../../domain/diff';
import type { Person } from '../../domain/person';
import type { User } from '../../domain/user';
import { rawConnection, type ConsentbookDB } from '../db';
import type { ChangeReason } from '../core/context';
import { ReasonRequiredError } from '../core/errors';
import type { Session } from '../core/session';
import { storedPerson } from '../queries/persons';
import { writeWith } from '../write';
import { openPersonDoc, Refused, type CheckScope } from './check';
import { docIdOf, type StoredDoc, type SyncDoc } from './docs';
import { revisionHistory, type Pouch } from './pouch';
import type { ConflictSummary, ConflictVersion } from './types';
import { acceptedLeaf } from './acceptedLeaf';
import { deviceId } from './state';

export async function listConflicts(db: ConsentbookDB): Promise<ConflictSummary[]> {
  return (await rawConnection(db).conflicts.toArray()).map((c) => ({ personId: c.personId, versions: c.revs.length }));
}

/** The scope versions in conflict are opened and judged in: the users and groups held here, not this device's version. */
export async function conflictScope(db: ConsentbookDB): Promise<CheckScope> {
  const raw = rawConnection(db);
  const [users, groups] = await Promise.all([raw.users.toArray(), raw.groups.toArray()]);
  const byId = new Map<string, User>(users.map((u) => [u.id, u]));
  return {
    db,
    keyring: db.keyring,
    user: (id) => byId.get(id),
    users: () => users,
    groups: () => groups,
    personSecret: () => undefined,
    erased: () => false,
    // Versions are shown as they are: not judged against this device's.
    person: () => undefined,
    setting: () => undefined,
    hasConsent: () => true,
    consentPerson: () => undefined,
    // Only persons' versions are opened here.
    keyGrant: () => undefined,
    wire: { gdpr: false, hasPurpose: () => true },
    awaitedGrant: () => undefined,
  };
}

export async function conflictVersions(db: ConsentbookDB, local: Pouch, personId: string): Promise<ConflictVersion[]> {
  const id = docIdOf('persons', personId);
  const winner = (await local.get(id, { conflicts: true })) as StoredDoc;
  const leaves = [
    winner,
    ...(await Promise.all((winner._conflicts ?? []).map(async (rev) => (await local.get(id, { rev })) as StoredDoc))),
  ];
  // The shown version is the one this device applied: a locked one over an unlocked one (wireRules.ts),
  // one the checks accept over one they refuse for its author (acceptedLeaf.ts).
  const scope = await conflictScope(db);
  const shown = acceptedLeaf(scope, await deviceId(db), winner, leaves);
  const base = await commonVersion(scope, local, id, leaves);
  return leaves.map((doc) => {
    const opened = openedOrRefused(scope, doc);
    return {
      rev: doc._rev,
      winner: doc === shown,
      ...opened,
      ...(base && opened.person && { changed: conflictingFields([base, opened.person]) }),
      author: doc.author,
      device: doc.device,
    };
  });
}

/**
 * The version the leaves branched from, where the replica still holds it (a compaction drops the
 * bodies of older revisions): against it, a field changed on one side only is told apart from
 * one changed on both. Undefined when it is not held or its checks refuse it.
 */
async function commonVersion(
  scope: CheckScope,
  local: Pouch,
  id: string,
  leaves: readonly StoredDoc[],
): Promise<Person | undefined> {
  try {
    const histories = await Promise.all(leaves.map((leaf) => revisionHistory(local, id, leaf._rev)));
    // Each history runs newest first: the first revision of one that all others hold is the branch point.
    const shared = histories[0].find((rev) => histories.every((h) => h.includes(rev)));
    return shared ? openPersonDoc(scope, (await local.get(id, { rev: shared })) as StoredDoc) : undefined;
  } catch (e) {
    // Compacted away (not found), or refused by its checks: no base to tell the sides apart by.
    if (e instanceof Refused || (e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

/**
 * A version as its checks judge it: one they refuse (its author lacked the right, or was removed
 * since) is named with why and never offered — the resolution drops it with the other losers, so
 * a conflict with such a version is resolved, not stuck.
 */
function openedOrRefused(scope: CheckScope, doc: StoredDoc): Pick<ConflictVersion, 'person' | 'refused'> {
  try {
    return { person: openPersonDoc(scope, doc) };
  } catch (e) {
    if (e instanceof Refused) return { person: null, refused: e.refusal };
    throw e;
  }
}

export async function resolveConflict(
  db: ConsentbookDB,
  session: Session,
  local: Pouch,
  personId: string,
  merged: Person,
  reason: ChangeReason,
): Promise<void> {
  const comment = reason.comment.trim();
  if (!comment || !reason.purposeId) throw new ReasonRequiredError(personId, ['conflict'], 'conflict resolution');
  const doc = (await local.get(docIdOf('persons', personId), { conflicts: true })) as SyncDoc;
  const losers = doc._conflicts ?? [];
  await writeWith(
    db,
    { session, reason: { ...reason, comment }, intent: 'edit', resolves: losers },
    [db.persons, db.auditLog, db.purposes],
    async () => {
      const stored = await storedPerson(db, personId);
      const purpose = await db.purposes.get(reason.purposeId);
      await db.persons.put({ ...stored, ...merged, id: personId, version: stored.version });
      // One entry either way: the person's own when watched fields change, else this one.
      if (changedWatchedFields(stored, { ...stored, ...merged }).length === 0) {
        await db.auditLog.add({
          at: new Date().toISOString(),
          userId: session.userId,
          userName: session.userName,
          staffNumber: session.staffNumber,
          personId,
          action: 'update',
          purposeId: purpose?.id ?? reason.purposeId,
          purposeName: purpose?.name ?? '',
          comment,
          fieldKeys: [],
          context: 'sync:conflict',
        });
      }
    },
  );
}
