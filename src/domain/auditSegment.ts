/**
 * Audit segments: an import's entries stored as one record per chunk instead of one per entry
 * (IndexedDB costs about the same per record whatever its size, so 10,000 entries as records cost
 * seconds, as 200 segments a fraction of one). Nothing else about the entries changes: each keeps
 * its own place in the chain (seq), its link to the one before and its text sealed under its
 * person's key. A segment is keyed by its first entry's seq and holds at most SEGMENT_MAX entries,
 * consecutive places of the chain, in the order they were chained.
 */
import type { ChainedEntry } from './auditChain';

/** Entries per segment at most: a segment starts at most this many − 1 places before any of its entries. */
export const SEGMENT_MAX = 50;

export interface AuditSegment {
  /** The first entry's seq (the key). */
  seq: number;
  lastSeq: number;
  /** The persons its entries are about (multi-entry index: a person's entries are found without a scan). */
  personIds: string[];
  firstAt: string;
  lastAt: string;
  /** As stored: sealed, chained, in chain order. */
  entries: ChainedEntry[];
}

/** Consecutive chained entries as segments of at most SEGMENT_MAX. */
export function segmentsOf(entries: readonly ChainedEntry[]): AuditSegment[] {
  const segments: AuditSegment[] = [];
  for (let i = 0; i < entries.length; i += SEGMENT_MAX) {
    const part = entries.slice(i, i + SEGMENT_MAX);
    const ats = part.map((e) => e.at).sort();
    segments.push({
      seq: part[0].seq,
      lastSeq: part[part.length - 1].seq,
      personIds: [...new Set(part.map((e) => e.personId).filter((id) => id))],
      firstAt: ats[0],
      lastAt: ats[ats.length - 1],
      entries: part,
    });
  }
  return segments;
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
