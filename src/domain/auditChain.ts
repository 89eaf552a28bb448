/**
 * The tamper-evident audit log: each entry carries the hash of the previous one, and the head
 * (count and last hash) is kept outside the chain too — in the settings, every backup and every
 * Auskunft. A local chain catches corruption and naive edits; someone with the device can
 * recompute it, which the head copies outside the device reveal.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AuditEntry } from './audit';

export const GENESIS_HASH = '0'.repeat(64);
/** Settings key under which the data layer keeps the head. */
export const AUDIT_HEAD_KEY = 'auditHead';

export interface ChainedEntry extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  count: number;
  lastSeq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { count: 0, lastSeq: 0, hash: GENESIS_HASH };

/**
 * Every field but the hash itself, in a fixed key order. A sealed entry is hashed as stored: its
 * sealed bytes (as hex), not the comment and context opened from them.
 */
function canonical(e: Omit<ChainedEntry, 'hash'> & { hash?: string }): string {
  const { hash: _h, ...rest } = e as Record<string, unknown>;
  if (rest.sealedText instanceof Uint8Array) {
    delete rest.comment;
    delete rest.context;
    rest.sealedText = bytesToHex(rest.sealedText);
  }
  return JSON.stringify(rest, Object.keys(rest).sort());
}

export function entryHash(e: Omit<ChainedEntry, 'hash'> & { hash?: string }): string {
  return bytesToHex(sha256(utf8ToBytes(canonical(e))));
}

/** Links new entries after the head; returns them with seq and hashes, and the new head. */
export function chainEntries(head: ChainHead, entries: AuditEntry[]): { chained: ChainedEntry[]; head: ChainHead } {
  let { count, lastSeq, hash } = head;
  const chained = entries.map((e) => {
    const linked = { ...e, seq: ++lastSeq, prevHash: hash };
    hash = entryHash(linked);
    count++;
    return { ...linked, hash };
  });
  return { chained, head: { count, lastSeq, hash } };
}

export type ChainProblem = 'changed' | 'removed' | 'inserted' | 'reordered' | 'truncated';

export type ChainVerdict =
  { ok: true; count: number; head: ChainHead } | { ok: false; problem: ChainProblem; seq: number; count: number };

/**
 * Walks the log in seq order and names the first entry that was changed, removed, inserted or
 * reordered; compares the end with the head kept outside the chain to detect truncation.
 */
export function verifyChain(
  entries: readonly ChainedEntry[],
  head?: ChainHead,
  from: ChainHead = EMPTY_HEAD,
): ChainVerdict {
  const position = new Map(entries.map((e, i) => [e.hash, i] as const));
  const fail = (problem: ChainProblem, seq: number): ChainVerdict => ({
    ok: false,
    problem,
    seq,
    count: from.count + entries.length,
  });
  // `from`: a head already verified; the entries continue the chain after it.
  let prev = from.hash;
  let expectedSeq = from.lastSeq + 1;
  for (const [i, e] of entries.entries()) {
    if (e.prevHash !== prev) {
      // Where does this entry's link point? Nowhere: its predecessor is gone. Further on: the
      // order was changed. Further back: what stands between was put in.
      const target = e.prevHash === GENESIS_HASH ? -1 : position.get(e.prevHash);
      if (target === undefined) return fail('removed', Math.min(expectedSeq, e.seq));
      if (target > i) return fail('reordered', e.seq);
      return fail('inserted', entries[target + 1].seq);
    }
    if (entryHash(e) !== e.hash) return fail('changed', e.seq);
    prev = e.hash;
    expectedSeq = e.seq + 1;
  }
  const last = entries.at(-1);
  const actual: ChainHead = {
    count: from.count + entries.length,
    lastSeq: last?.seq ?? from.lastSeq,
    hash: last?.hash ?? from.hash,
  };
  if (head && (head.count !== actual.count || head.hash !== actual.hash)) {
    return head.count > actual.count ? fail('truncated', actual.lastSeq + 1) : fail('changed', actual.lastSeq);
  }
  return { ok: true, count: actual.count, head: actual };
}
