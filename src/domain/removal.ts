/**
 * What a removed member had written when an administrator removed them, as the remover's device
 * held it: the part that cannot be sent again in the remover's name (the server never lets it
 * change; the rest went out again in the remover's name, data/team/removal.ts). A device that
 * learns of the member only after the removal accepts these as theirs (sync/check.ts); anything
 * else by them is judged by their record, inactive: refused.
 */
import type { ChainedEntry } from './auditChain';
import type { ChainHeadSeen } from './chainCheckpoint';
import type { User } from './user';

export interface KeptAtRemoval {
  /** The head of every audit chain the remover's device held: the member's segments up to it. */
  chains: Record<string, ChainHeadSeen>;
  /** Their append-only documents (key grants, erasures, chain checkpoints): document id → revision. */
  docs: Record<string, string>;
}

const isMap = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null && !Array.isArray(m);

function isKeptAtRemoval(x: unknown): x is KeptAtRemoval {
  if (!isMap(x) || !isMap(x.chains) || !isMap(x.docs)) return false;
  return (
    Object.values(x.docs).every((rev) => typeof rev === 'string') &&
    Object.values(x.chains).every((h) => isMap(h) && Number.isInteger(h.lastSeq) && typeof h.hash === 'string')
  );
}

/**
 * Whether an author (`byAdmin`: an administrator) may write `next` over `old` as to what it keeps
 * from a removal: unchanged, or recorded (well-formed) by the administrator's change that removes
 * the member (active → inactive). One statement for the change made here (rules/users.ts) and one
 * arriving by sync (sync/check.ts): whoever could set it later could vouch for what a removed
 * member writes after their removal.
 */
export function mayRecordKeptAtRemoval(byAdmin: boolean, old: User | undefined, next: User): boolean {
  if (JSON.stringify(next.keptAtRemoval) === JSON.stringify(old?.keptAtRemoval)) return true;
  return byAdmin && !!old?.active && !next.active && isKeptAtRemoval(next.keptAtRemoval);
}

/** An append-only document as the removal held it: its id at the same revision. */
export function keepsDoc(kept: KeptAtRemoval, id: string, rev: string | undefined): boolean {
  return !!rev && Object.hasOwn(kept.docs, id) && kept.docs[id] === rev;
}

/**
 * A segment of `device`'s audit chain within the head the removal held of it — the entry at the
 * head, where the segment holds it, the same one. The server never lets a segment change; one
 * made up inside that range breaks the chain's links (the audit check shows it).
 */
export function keepsSegment(kept: KeptAtRemoval, device: string, entries: readonly ChainedEntry[]): boolean {
  const head = Object.hasOwn(kept.chains, device) ? kept.chains[device] : undefined;
  if (!head || entries.length === 0 || entries[entries.length - 1].seq > head.lastSeq) return false;
  const atHead = entries.find((e) => e.seq === head.lastSeq);
  return !atHead || atHead.hash === head.hash;
}
