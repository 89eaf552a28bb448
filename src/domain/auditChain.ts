/**
 * The tamper-evident audit log: each entry carries the hash of the previous one, and the head
 * (count and last hash) is kept outside the chain too — in the settings, every backup and every
 * Auskunft.
 *
 * Chain versions, per entry (`chain`):
 * - 1 (no field): SHA-256 over the entry. Anyone can recompute it; entries written before the
 *   keyed chain keep verifying this way.
 * - 2: HMAC-SHA-256 under the audit key (derived from the data key, see keyring.ts): nobody
 *   without a user's passphrase can recompute it. The first keyed entry's `prevHash` is the last
 *   unkeyed hash, so the switch-over point is covered by the key; an unkeyed entry after a keyed
 *   one is refused. The head of a keyed chain carries a MAC of its own (count, seq, hash).
 *
 * A later per-device chain adds a `device` field to every entry (covered like every field) and
 * names the chain in its checkpoints (checkpoint.ts).
 */
import { _HMAC, hmac } from '@noble/hashes/hmac.js';
import { sha256, type _SHA256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { utf8InPlace } from './utf8';
import type { AuditEntry } from './audit';

export const GENESIS_HASH = '0'.repeat(64);
/** Settings key under which the data layer keeps the head. */
export const AUDIT_HEAD_KEY = 'auditHead';
export const KEYED_CHAIN = 2;

export interface ChainedEntry extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
  /** 2: keyed (HMAC); absent: an unkeyed entry from before. */
  chain?: typeof KEYED_CHAIN;
}

export interface ChainHead {
  count: number;
  lastSeq: number;
  hash: string;
  /** HMAC of count, seq and hash under the audit key (keyed chains). */
  mac?: string;
}

export const EMPTY_HEAD: ChainHead = { count: 0, lastSeq: 0, hash: GENESIS_HASH };

export const sameHead = (a: ChainHead, b: ChainHead): boolean =>
  a.count === b.count && a.lastSeq === b.lastSeq && a.hash === b.hash && a.mac === b.mac;

/** The audit key: 32 bytes, in memory only while someone is signed in. */
export type AuditKey = Uint8Array;

export class AuditKeyRequiredError extends Error {
  constructor() {
    super('Checking a keyed audit chain needs the audit key: sign in first');
    this.name = 'AuditKeyRequiredError';
  }
}

/**
 * Every field but the hash itself, in a fixed key order. A sealed entry is hashed as stored: its
 * sealed bytes (as hex), not the comment and context opened from them. The key list filters nested
 * objects too, so a field is covered only at the top level (or as an array of plain values): a new
 * field is added flat (a GDPR switch's value), and entries without it hash as they always did.
 */
function canonical(e: Omit<ChainedEntry, 'hash'> & { hash?: string }): string {
  // `heldBack` is a mark of the entry as read, never part of it.
  const { hash: _h, heldBack: _b, ...rest } = e as Record<string, unknown>;
  if (rest.sealedText instanceof Uint8Array) {
    delete rest.comment;
    delete rest.context;
    delete rest.textErased;
    rest.sealedText = bytesToHex(rest.sealedText);
  }
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** The entry's hash as its chain version defines it; a keyed entry needs the key. */
export function entryHash(e: Omit<ChainedEntry, 'hash'> & { hash?: string }, key?: AuditKey): string {
  return entryHasher(key)(e);
}

/**
 * entryHash for many entries under one key: the key's HMAC state is made once and copied per
 * entry into the same scratch state — no hash objects per entry (an import chains 10,000, a
 * check verifies the whole log).
 */
export function entryHasher(key?: AuditKey): (e: Omit<ChainedEntry, 'hash'> & { hash?: string }) => string {
  let keyed: _HMAC<_SHA256> | undefined;
  let scratch: _HMAC<_SHA256> | undefined;
  return (e) => {
    const bytes = utf8InPlace(canonical(e));
    if (e.chain !== KEYED_CHAIN) return bytesToHex(sha256(bytes));
    if (!key) throw new AuditKeyRequiredError();
    keyed ??= new _HMAC<_SHA256>(sha256, key);
    scratch = keyed._cloneInto(scratch);
    return bytesToHex(scratch.update(bytes).digest());
  };
}

export function headMac(head: ChainHead, key: AuditKey): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes(`head/${head.count}/${head.lastSeq}/${head.hash}`)));
}

/** Links new entries after the head, keyed; returns them with seq and hashes, and the new head. */
export function chainEntries(
  head: ChainHead,
  entries: AuditEntry[],
  key: AuditKey,
): { chained: ChainedEntry[]; head: ChainHead } {
  let { count, lastSeq, hash } = head;
  const hashOf = entryHasher(key);
  const chained = entries.map((e) => {
    const linked = { ...e, chain: KEYED_CHAIN, seq: ++lastSeq, prevHash: hash } as const;
    hash = hashOf(linked);
    count++;
    return { ...linked, hash };
  });
  const next = { count, lastSeq, hash };
  return { chained, head: { ...next, mac: headMac(next, key) } };
}

/**
 * `cutBack`: a device's later checkpoint names an earlier head of a chain than its earlier one;
 * `forged`: a checkpoint whose signature does not hold (chainCheckpoint.ts).
 */
export type ChainProblem = 'changed' | 'removed' | 'inserted' | 'reordered' | 'truncated' | 'cutBack' | 'forged';

/**
 * Another device's chain as a check verified it (sync): its device, the head it verified (its own
 * seq numbers; `count` its entries held here) and the users who wrote its entries, to name it by.
 */
export interface OtherChain {
  device: string;
  head: ChainHead;
  users: string[];
}

export type ChainVerdict =
  | {
      ok: true;
      /** This device's chain: its entries verified. */
      count: number;
      head: ChainHead;
      /** False when keyed entries were checked by their links only (no key at hand). */
      keyed: boolean;
      /** The other devices' chains held here, each verified on its own (none: a book of one device). */
      others?: OtherChain[];
    }
  | {
      ok: false;
      problem: ChainProblem;
      seq: number;
      count: number;
      /** Another device's chain (sync): its device id; `seq` is then that chain's own number when `reportedBy` is set. */
      device?: string;
      /** That chain's own number of the entry (`seq` is its place here), when the chain's links found it. */
      chainSeq?: number;
      /** The users who wrote that chain's entries held here, to name the device by. */
      deviceUsers?: string[];
      /** The device whose checkpoint revealed the problem. */
      reportedBy?: string;
    };

/**
 * Walks the log in seq order and names the first entry that was changed, removed, inserted or
 * reordered; compares the end with the head kept outside the chain to detect truncation.
 * Without `key`, keyed entries are checked by their links only (a backup of another book, before
 * anyone signed into it): `keyed: false` in the verdict says so.
 */
export function verifyChain(
  entries: readonly ChainedEntry[],
  head?: ChainHead,
  from: ChainHead = EMPTY_HEAD,
  key?: AuditKey,
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
  let keyedSeen = !!from.mac;
  let keyed = true;
  const hashOf = entryHasher(key);
  for (const [i, e] of entries.entries()) {
    if (e.prevHash !== prev) {
      // Where does this entry's link point? Nowhere: its predecessor is gone. Further on: the
      // order was changed. Further back: what stands between was put in.
      const target = e.prevHash === GENESIS_HASH ? -1 : position.get(e.prevHash);
      if (target === undefined) return fail('removed', Math.min(expectedSeq, e.seq));
      if (target > i) return fail('reordered', e.seq);
      // A link to itself: no chain writes one (a record without its hashes, say).
      if (target === i) return fail('changed', e.seq);
      return fail('inserted', entries[target + 1].seq);
    }
    // Once keyed, always keyed: an unkeyed entry after a keyed one was forged.
    if (e.chain === KEYED_CHAIN) keyedSeen = true;
    else if (keyedSeen) return fail('changed', e.seq);
    if (e.chain === KEYED_CHAIN && !key) keyed = false;
    else if (hashOf(e) !== e.hash) return fail('changed', e.seq);
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
  // A keyed chain's head is keyed too: an unkeyed or forged head over it was written without the key.
  if (head && key && keyedSeen && head.mac !== headMac(actual, key)) return fail('changed', actual.lastSeq);
  const verified = key && keyedSeen ? { ...actual, mac: headMac(actual, key) } : actual;
  return { ok: true, count: actual.count, head: verified, keyed };
}
