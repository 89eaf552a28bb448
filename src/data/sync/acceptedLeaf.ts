/**
 * Of a person's versions in conflict, the one a device applies and shows. The preferred one
 * (wireRules.ts preferredLeaf: a locked one over an unlocked one, else CouchDB's winner) — unless
 * the checks refuse it for its author (a member's change that reached the server after her right
 * was taken, say) while another version passes: then the preferred of those that pass. Before, a
 * device refusing the winner held none of the versions — one joining then held no such person at
 * all, though the conflict's other side was one it could accept. The refused one is held back as
 * any refused loser (heldBack.ts refusedVersions), and the conflict stays shown until resolved. A
 * version this device wrote stays the one it holds (ownHeldBack.ts judges those). Deterministic for
 * the same leaves and the same rights held.
 */
import { checkDoc, Refused, type CheckScope } from './check';
import type { StoredDoc } from './docs';
import { isAuthorRefusal } from './heldBack';
import { preferredLeaf, supersedes } from './wireRules';

/** Whether the checks refuse `doc` for its author (waiting for what it needs: not refused, yet). */
function refusedForAuthor(scope: CheckScope, doc: StoredDoc): boolean {
  try {
    checkDoc(scope, doc);
    return false;
  } catch (e) {
    return e instanceof Refused && isAuthorRefusal(e.refusal.key);
  }
}

const generation = (rev: string) => Number.parseInt(rev, 10) || 0;

/** CouchDB's order of winners: the longer history first, then the greater revision. */
const couchOrder = (a: StoredDoc, b: StoredDoc) =>
  generation(b._rev) - generation(a._rev) || (a._rev < b._rev ? 1 : a._rev > b._rev ? -1 : 0);

/** The version of a person to apply among `winner` (CouchDB's) and the other `leaves`, on device `device`. */
export function acceptedLeaf(
  scope: CheckScope,
  device: string,
  winner: StoredDoc,
  leaves: readonly StoredDoc[],
): StoredDoc {
  const first = preferredLeaf(winner, leaves);
  if (first.device === device || !refusedForAuthor(scope, first)) return first;
  const all = [winner, ...leaves].filter((l, i, list) => !l._deleted && list.indexOf(l) === i);
  // An older version sent again (its clock covered by another's) is never preferred, not even now.
  const rest = all
    .filter((l) => l !== first && !all.some((o) => o !== l && supersedes(o, l)) && !refusedForAuthor(scope, l))
    .sort(couchOrder);
  return rest.length ? preferredLeaf(rest[0], rest.slice(1)) : first;
}
