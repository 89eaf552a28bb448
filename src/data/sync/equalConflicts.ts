/**
 * A person's conflict whose versions hold the same values asks nothing of anyone: two
 * administrators' devices that wrote over the same refused version at once (writeOver.ts: each
 * writes the version it holds, the same one) leave two such versions, and so do two devices making
 * the same change. An administrator's device removes every version but CouchDB's winner — the one
 * every device applies and shows already — from its replica; the deletions replicate (a bare
 * deletion of a losing revision, as a resolution's), so the conflict clears on every device and the
 * server. Deterministic: devices doing it at once remove the same revisions. Only where every
 * version passes the checks and none is a tombstone, and the values are the same in every field
 * (the lock and the times included; only the record's local version counter not compared). No
 * value changes anywhere, so no audit entry is written; each device's write-over entry stays.
 */
import type { Person } from '../../domain/person';
import type { Session } from '../core/session';
import { rawConnection, type ConsentbookDB } from '../db';
import { conflictScope } from './conflicts';
import { openPersonDoc, Refused, Waiting, type CheckScope } from './check';
import { docIdOf, type StoredDoc } from './docs';
import type { Pouch } from './pouch';

/** A person's values as compared: every field, nested ones too, in one order; not the local version counter. */
function valuesOf(person: Person): string {
  const { version: _v, ...rest } = person as Person & { version?: unknown };
  return JSON.stringify(rest, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** The versions opened; undefined when any is a tombstone or refused by the checks; 'wait' when one waits for its author. */
function opened(scope: CheckScope, leaves: readonly StoredDoc[]): Person[] | 'wait' | undefined {
  try {
    return leaves.some((l) => l.deleted || l._deleted) ? undefined : leaves.map((l) => openPersonDoc(scope, l));
  } catch (e) {
    if (e instanceof Waiting) return 'wait';
    if (e instanceof Refused) return undefined;
    throw e;
  }
}

/** The conflicts judged not to hold the same values (person and revisions), per database: not opened again each cycle. */
const judged = new WeakMap<ConsentbookDB, Set<string>>();

/** Removes the losing versions of the persons in conflict whose versions hold the same values; true if any. */
export async function settleEqualConflicts(db: ConsentbookDB, local: Pouch, session: Session): Promise<boolean> {
  const raw = rawConnection(db);
  const me = await raw.users.get(session.userId);
  if (!me?.active || !me.isAdmin || (await raw.conflicts.count()) === 0) return false;
  const [flags, scope] = await Promise.all([raw.conflicts.toArray(), conflictScope(db)]);
  let settled = false;
  const differ = judged.get(db) ?? new Set<string>();
  judged.set(db, differ);
  for (const { personId, revs } of flags) {
    const seen = `${personId} ${[...revs].sort().join(' ')}`;
    if (differ.has(seen)) continue;
    const id = docIdOf('persons', personId);
    const winner = (await local.get(id, { conflicts: true }).catch(() => undefined)) as StoredDoc | undefined;
    const losers = winner?._conflicts ?? [];
    if (!winner || !losers.length) continue;
    const leaves = [
      winner,
      ...(await Promise.all(losers.map(async (rev) => (await local.get(id, { rev })) as StoredDoc))),
    ];
    const persons = opened(scope, leaves);
    if (persons === 'wait') continue;
    if (!persons || new Set(persons.map(valuesOf)).size !== 1) {
      differ.add(seen);
      continue;
    }
    await local.bulkDocs(losers.map((rev) => ({ _id: id, _rev: rev, _deleted: true })));
    settled = true;
  }
  return settled;
}
