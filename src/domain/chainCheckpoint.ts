/**
 * Signed checkpoints of the per-device audit chains (issue 20, item 4). Every device of a synced
 * book appends its own chain; from time to time a device writes down the head (last sequence
 * number and hash) of every chain it holds and signs that statement with the audit key. The
 * checkpoints replicate like every record and are never changed, so each device can compare its
 * own copy of every chain with what the others saw:
 * - a chain that no longer reaches a head some device saw was truncated;
 * - a chain whose entry at that sequence number has another hash was rewritten;
 * - a device whose later checkpoint names an earlier head of a chain than its earlier one lost
 *   entries of that chain (its copy was cut back).
 * Pure: the data layer reads the chains and checkpoints and hands them in.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AuditKey } from './auditChain';

export interface ChainHeadSeen {
  lastSeq: number;
  hash: string;
}

export interface ChainCheckpoint {
  /** Random id: checkpoints are only ever added. */
  id: string;
  /** The device that wrote it. */
  device: string;
  at: string;
  /** Every chain the device held, by the device id of the chain. */
  heads: Record<string, ChainHeadSeen>;
  /** HMAC-SHA-256 under the audit key over everything above. */
  mac: string;
}

function canonical(cp: Omit<ChainCheckpoint, 'mac'>): string {
  const heads = Object.keys(cp.heads)
    .sort()
    .map((d) => [d, cp.heads[d].lastSeq, cp.heads[d].hash]);
  return JSON.stringify(['chain-checkpoint', cp.id, cp.device, cp.at, heads]);
}

export function signCheckpoint(cp: Omit<ChainCheckpoint, 'mac'>, key: AuditKey): ChainCheckpoint {
  return { ...cp, mac: bytesToHex(hmac(sha256, key, utf8ToBytes(canonical(cp)))) };
}

export function checkpointSigned(cp: ChainCheckpoint, key: AuditKey): boolean {
  return typeof cp.mac === 'string' && signCheckpoint(cp, key).mac === cp.mac;
}

/** One chain as held here: the hash of each entry by its sequence number in that chain. */
export type HeldChains = ReadonlyMap<string, ReadonlyMap<number, string>>;

export type CheckpointProblem =
  /** The checkpoint's signature does not hold: written or changed without the audit key. */
  | { problem: 'forged'; checkpoint: string; device: string }
  /** A head some device saw is missing from this copy of the chain. */
  | { problem: 'truncated'; device: string; seq: number; reportedBy: string }
  /** The entry at a head some device saw has another hash here (or there). */
  | { problem: 'changed'; device: string; seq: number; reportedBy: string }
  /** A later checkpoint of one device names an earlier head of a chain: that device's copy was cut back. */
  | { problem: 'cutBack'; device: string; seq: number; reportedBy: string };

/**
 * Judges every checkpoint against the chains held here; returns the first problem (the chain
 * and its device named), or undefined when every checkpoint agrees.
 */
export function judgeCheckpoints(
  checkpoints: readonly ChainCheckpoint[],
  chains: HeldChains,
  key: AuditKey,
): CheckpointProblem | undefined {
  const ordered = [...checkpoints].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const highest = new Map<string, number>();
  for (const cp of ordered) {
    if (!checkpointSigned(cp, key)) return { problem: 'forged', checkpoint: cp.id, device: cp.device };
    for (const [device, head] of Object.entries(cp.heads)) {
      const seen = `${cp.device}/${device}`;
      if (head.lastSeq < (highest.get(seen) ?? 0))
        return { problem: 'cutBack', device, seq: highest.get(seen) ?? 0, reportedBy: cp.device };
      highest.set(seen, head.lastSeq);
      if (head.lastSeq === 0) continue;
      const hash = chains.get(device)?.get(head.lastSeq);
      if (hash === undefined) return { problem: 'truncated', device, seq: head.lastSeq, reportedBy: cp.device };
      if (hash !== head.hash) return { problem: 'changed', device, seq: head.lastSeq, reportedBy: cp.device };
    }
  }
  return undefined;
}
