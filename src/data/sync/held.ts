/**
 * Which entries of other devices' audit chains this device holds, by chain. They are stored as
 * segments, a run of a chain's consecutive entries each (apply.ts), named by a `chain` index of
 * [device, first, last]; entries applied before segments are single records found by `origin`.
 * Looking each entry up costs one index seek per entry — 100,000 for a new device pulling a big
 * book, twice (the check for a rewritten entry, and the skip of one held already). A chain with many
 * entries arriving is read instead with one scan of its index keys and kept here, updated once a
 * batch committed; a few entries (a save's, arriving live) are still looked up. Only the applier
 * writes such entries, one batch after another, so the copy stays exact while it runs.
 */
import type { Table } from 'dexie';
import { SEGMENT_MAX, type AuditSegment, type ChainRun } from '../../domain/auditSegment';
import type { ChainedEntry } from '../../domain/auditChain';
import { rawConnection, type ConsentbookDB } from '../db';

/** Fewer entries of a chain than this are looked up one by one rather than by scanning the chain. */
const SCAN_FROM = 64;

export const originOf = (device: string, seq: number) => `${device}/${seq}`;

/** The other device's own seq of an entry stored here (its `origin` is device/seq). */
export const originSeq = (origin: string) => Number(origin.slice(origin.lastIndexOf('/') + 1));

/** Where the log is read: the raw connection, or a transaction of it. */
export interface LogTables {
  table(name: string): Table;
}

const singles = (at: LogTables) => at.table('auditLog');
const segments = (at: LogTables) => at.table('auditSegments') as Table<AuditSegment, number>;

/** The runs of `device`'s chain whose first seq lies in [from, to] (index keys only). */
function runKeys(at: LogTables, device: string, from: number, to: number): Promise<ChainRun[]> {
  return segments(at).where('chain').between([device, from], [device, to, Infinity], true, true).keys() as Promise<
    unknown[]
  > as Promise<ChainRun[]>;
}

/** The runs that can hold any of these seqs: a run is at most SEGMENT_MAX long. */
function bounds(seqs: readonly number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const s of seqs) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return [min - SEGMENT_MAX + 1, max];
}

export class HeldEntries {
  private readonly chains = new Map<string, Set<number>>();

  constructor(private readonly db: ConsentbookDB) {}

  /**
   * Which of `seqs` (of `device`'s chain) are held; `at` is where to read (a transaction).
   * Scans the chain once when many are asked for, or when it was scanned already.
   */
  async held(device: string, seqs: readonly number[], at?: LogTables): Promise<Set<number>> {
    const tables = at ?? rawConnection(this.db);
    let chain = this.chains.get(device);
    if (!chain && seqs.length >= SCAN_FROM) {
      chain = await this.scan(tables, device);
      this.chains.set(device, chain);
    }
    if (chain) return new Set(seqs.filter((s) => chain.has(s)));
    if (seqs.length === 0) return new Set();
    const wanted = new Set(seqs);
    const [origins, runs] = await Promise.all([
      singles(tables)
        .where('origin')
        .anyOf(seqs.map((s) => originOf(device, s)))
        .keys() as Promise<unknown[]> as Promise<string[]>,
      runKeys(tables, device, ...bounds(seqs)),
    ]);
    const found = new Set(origins.map(originSeq));
    for (const [, first, last] of runs) for (let s = first; s <= last; s++) if (wanted.has(s)) found.add(s);
    return found;
  }

  /** The hashes of the held entries of `device`'s chain among `seqs`, by that chain's seq. */
  async hashes(device: string, seqs: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (seqs.length === 0) return out;
    const raw = rawConnection(this.db);
    const [from, to] = bounds(seqs);
    const [single, segs] = await Promise.all([
      singles(raw)
        .where('origin')
        .anyOf(seqs.map((s) => originOf(device, s)))
        .toArray() as Promise<(ChainedEntry & { origin: string })[]>,
      segments(raw).where('chain').between([device, from], [device, to, Infinity], true, true).toArray(),
    ]);
    const wanted = new Set(seqs);
    for (const e of [...single, ...segs.flatMap((s) => s.entries as (ChainedEntry & { origin: string })[])]) {
      const seq = originSeq(e.origin);
      if (wanted.has(seq)) out.set(seq, e.hash);
    }
    return out;
  }

  /** Entries a committed batch appended. */
  committed(device: string, seqs: readonly number[]): void {
    const chain = this.chains.get(device);
    for (const s of seqs) chain?.add(s);
  }

  private async scan(at: LogTables, device: string): Promise<Set<number>> {
    const [origins, runs] = await Promise.all([
      singles(at).where('origin').startsWith(`${device}/`).keys() as Promise<unknown[]> as Promise<string[]>,
      runKeys(at, device, -Infinity, Infinity),
    ]);
    const chain = new Set(origins.map(originSeq));
    for (const [, first, last] of runs) for (let s = first; s <= last; s++) chain.add(s);
    return chain;
  }
}
