/**
 * A checkpoint of the audit log kept outside the device: the sequence number of an entry and
 * (the start of) its hash. Printed in every Auskunft as a short string a person can type,
 * e.g. `1234:3f2a-9c01-77de-b2c4-5e10-aa07` (96 bits of the hash: finding another entry with the
 * same prefix is out of reach, and a keyed hash cannot be computed at all without the key);
 * backups carry the full head.
 *
 * Later, with one chain per device, a checkpoint names its chain: `<device>/<seq>:<hash>`. The
 * parser reads that form already; a checkpoint without a device names the device's own chain.
 */

export interface Checkpoint {
  /** The chain (a device id) once books sync; undefined: this device's chain. */
  chain?: string;
  seq: number;
  /** Lower-case hex: the full hash or a prefix of at least MIN_HEX characters. */
  hash: string;
}

/** Hex digits printed: 24 (96 bits). */
export const PRINTED_HEX = 24;
/** Fewest hex digits accepted when typed: 16 (64 bits). */
export const MIN_HEX = 16;

export function formatCheckpoint(cp: Checkpoint): string {
  const groups = cp.hash.slice(0, PRINTED_HEX).match(/.{1,4}/g) ?? [];
  return `${cp.chain ? `${cp.chain}/` : ''}${cp.seq}:${groups.join('-')}`;
}

/** The most text a pasted checkpoint is looked for in (a copied line of the PDF holds ~100 characters). */
export const MAX_CHECKPOINT_TEXT = 1_000;

export type CheckpointParse = { ok: true; checkpoint: Checkpoint } | { ok: false; problem: 'unreadable' | 'tooShort' };

/**
 * Reads a typed or pasted checkpoint: spaces, dashes and case do not matter, and text around it
 * (a line copied from the PDF) is ignored.
 */
export function parseCheckpoint(text: string): CheckpointParse {
  // A code and a line around it fit in far less; the search below is quadratic in a long run of digits.
  if (text.length > MAX_CHECKPOINT_TEXT) return { ok: false, problem: 'unreadable' };
  const match = /(?:([a-z0-9_-]+)\/)?(\d+)\s*:\s*([0-9a-f][0-9a-f\s-]*)/i.exec(text.normalize('NFKC'));
  if (!match) return { ok: false, problem: 'unreadable' };
  const hash = match[3].replace(/[\s-]/g, '').toLowerCase();
  if (hash.length < MIN_HEX) return { ok: false, problem: 'tooShort' };
  if (hash.length > 64) return { ok: false, problem: 'unreadable' };
  const seq = Number(match[2]);
  if (!Number.isSafeInteger(seq) || seq < 1) return { ok: false, problem: 'unreadable' };
  return { ok: true, checkpoint: { ...(match[1] ? { chain: match[1] } : {}), seq, hash } };
}

/** What the log says about a checkpoint: it still holds that entry, or what differs. */
export type CheckpointVerdict =
  | { extends: true; seq: number }
  | { extends: false; problem: 'missing'; seq: number; lastSeq: number }
  | { extends: false; problem: 'differs'; seq: number; hash: string };

export function compareCheckpoint(
  cp: Checkpoint,
  entryAt: { seq: number; hash: string } | undefined,
  lastSeq: number,
): CheckpointVerdict {
  if (!entryAt) return { extends: false, problem: 'missing', seq: cp.seq, lastSeq };
  if (!entryAt.hash.startsWith(cp.hash)) return { extends: false, problem: 'differs', seq: cp.seq, hash: entryAt.hash };
  return { extends: true, seq: cp.seq };
}
