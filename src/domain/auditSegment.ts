/**
 * Audit segments: an import's entries stored as one record per chunk instead of one per entry
 * (IndexedDB costs about the same per record whatever its size, so 10,000 entries as records cost
 * seconds, as 200 segments a fraction of one). Nothing else about the entries changes: each keeps
 * its own place in the chain (seq), its link to the one before and its text sealed under its
 * person's key. A segment is keyed by its first entry's seq and holds at most SEGMENT_MAX entries,
 * consecutive places of the chain, in the order they were chained.
 *
 * Entries of other devices' chains arrive by sync in runs of thousands (a new device's first pull)
 * and are stored as segments too: a run of one device's consecutive entries, each with its own
 * `origin` as a single entry has, the run named by `chain` so that what is held of a chain is read
 * from one index's keys, not from the entries.
 */
import type { ChainedEntry } from './auditChain';

/** Entries per segment at most: a segment starts at most this many − 1 places before any of its entries. */
export const SEGMENT_MAX = 50;

export interface AuditSegment {
  /** The first entry's seq (the key). */
  seq: number;
  lastSeq: number;
  /**
   * The persons its entries are about (multi-entry index: a person's entries are found without a
   * scan), '' among them when one is about no person: another device's settings entries, its GDPR
   * switches among them, are found like the single entries' range of personId '' (loggingOff.ts).
   * Segments stored before name persons only.
   */
  personIds: string[];
  firstAt: string;
  lastAt: string;
  /** As stored: sealed, chained, in chain order. */
  entries: ChainedEntry[];
  /** Another device's entries: that device and the first and last of its own seqs (consecutive). */
  chain?: ChainRun;
}

/** A run of another device's chain: its device, the first and the last of its seqs, none missing between. */
export type ChainRun = [device: string, first: number, last: number];

/** Where an entry of another device's chain came from, as stored with it: `device/seq` of its own chain. */
export const originOf = (device: string, seq: number) => `${device}/${seq}`;

export function splitOrigin(origin: string): { device: string; seq: number } {
  const at = origin.lastIndexOf('/');
  return { device: origin.slice(0, at), seq: Number(origin.slice(at + 1)) };
}

/** Consecutive chained entries as segments of at most SEGMENT_MAX. */
export function segmentsOf(entries: readonly ChainedEntry[]): AuditSegment[] {
  const segments: AuditSegment[] = [];
  for (let i = 0; i < entries.length; i += SEGMENT_MAX) segments.push(segmentOf(entries.slice(i, i + SEGMENT_MAX)));
  return segments;
}

/** One segment of consecutive entries (at most SEGMENT_MAX, at least one). */
export function segmentOf(entries: ChainedEntry[], chain?: ChainRun): AuditSegment {
  const ats = entries.map((e) => e.at).sort();
  return {
    seq: entries[0].seq,
    lastSeq: entries[entries.length - 1].seq,
    personIds: [...new Set(entries.map((e) => e.personId))],
    firstAt: ats[0],
    lastAt: ats[ats.length - 1],
    entries,
    ...(chain ? { chain } : {}),
  };
}

/**
 * Single entries (ascending seq) and segments (ascending key) as one log: a segment's entries
 * stand where its key puts them, in the order stored — not sorted by their own seq, so a segment
 * moved or an entry moved inside one shows as a broken link (auditChain.ts verifyChain).
 */
export function mergeSegments<E extends { seq?: number }>(
  single: readonly E[],
  segments: readonly { seq: number; entries: readonly E[] }[],
): E[] {
  if (segments.length === 0) return single as E[];
  const out: E[] = [];
  let i = 0;
  for (const s of segments) {
    while (i < single.length && (single[i].seq ?? 0) < s.seq) out.push(single[i++]);
    for (const e of s.entries) out.push(e);
  }
  while (i < single.length) out.push(single[i++]);
  return out;
}
