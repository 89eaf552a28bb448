/**
 * What an administrator vouched for when a member's rights were lowered or the member was removed
 * (data/team/vouch.ts). Devices judge a document by its author's record as it stands, not as it
 * stood when the document was written: a device that receives a member's documents only after
 * such a change (one joining later) would refuse what they wrote while they could. So the
 * administrator's change sends their records again in the administrator's name, and keeps on the
 * member's record what the server never lets change and so cannot be sent again (sync/check.ts):
 * - `docs`: their append-only documents (key grants, erasures, chain checkpoints) by revision;
 * - `chains`: the head of every audit chain held (a removal: an inactive author's segments count
 *   up to it).
 */
import type { ChainedEntry } from './auditChain';
import type { ChainHeadSeen } from './chainCheckpoint';
import { isFields, isText, isWhole, own } from './recordProblem';
import type { User } from './user';

export interface Vouched {
  chains: Record<string, ChainHeadSeen>;
  docs: Record<string, string>;
}

function isVouched(x: unknown): x is Vouched {
  if (!isFields(x) || !isFields(x.chains) || !isFields(x.docs)) return false;
  return (
    Object.values(x.docs).every(isText) &&
    Object.values(x.chains).every((h) => isFields(h) && isWhole(h.lastSeq, 0) && isText(h.hash))
  );
}

/** Whether `next` keeps all of `old`: every document at its revision, every chain at least as far. */
function keepsAll(old: Vouched | undefined, next: Vouched): boolean {
  if (!old) return true;
  return (
    Object.entries(old.docs).every(([id, rev]) => own(next.docs, id) === rev) &&
    Object.entries(old.chains).every(([device, head]) => (own(next.chains, device)?.lastSeq ?? -1) >= head.lastSeq)
  );
}

/**
 * Whether an author (`byAdmin`: an administrator) may write `next` over `old` as to what it vouches
 * for: unchanged, or added to (well-formed, nothing of before dropped) by an administrator. One
 * statement for the change made here (rules/users.ts) and one arriving by sync (sync/check.ts):
 * whoever else could set it could vouch for what a removed member writes after their removal.
 */
export function mayRecordVouched(byAdmin: boolean, old: User | undefined, next: User): boolean {
  if (JSON.stringify(next.vouched) === JSON.stringify(old?.vouched)) return true;
  return byAdmin && isVouched(next.vouched) && keepsAll(old?.vouched, next.vouched);
}

/** `before` with `added`: every document of both, each chain as far as either reaches. */
export function mergeVouched(before: Vouched | undefined, added: Vouched): Vouched {
  const chains = { ...before?.chains };
  for (const [device, head] of Object.entries(added.chains))
    if ((own(chains, device)?.lastSeq ?? -1) < head.lastSeq) chains[device] = head;
  return { chains, docs: { ...before?.docs, ...added.docs } };
}

/** An append-only document as vouched for: its id at the same revision. */
export function keepsDoc(vouched: Vouched, id: string, rev: string | undefined): boolean {
  return !!rev && own(vouched.docs, id) === rev;
}

/**
 * A segment of `device`'s audit chain within the head vouched for — the entry at the head, where
 * the segment holds it, the same one. The server never lets a segment change; one made up inside
 * that range breaks the chain's links (the audit check shows it).
 */
export function keepsSegment(vouched: Vouched, device: string, entries: readonly ChainedEntry[]): boolean {
  const head = own(vouched.chains, device);
  if (!head || entries.length === 0 || entries[entries.length - 1].seq > head.lastSeq) return false;
  const atHead = entries.find((e) => e.seq === head.lastSeq);
  return !atHead || atHead.hash === head.hash;
}
