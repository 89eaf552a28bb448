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
import { originOf, SEGMENT_MAX, splitOrigin, type AuditSegment, type ChainRun } from '../../domain/auditSegment';
import type { ChainedEntry } from '../../domain/auditChain';
import { rawConnection, type ConsentbookDB } from '../db';

/** Fewer entries of a chain than this are looked up one by one rather than by scanning the chain. */
const SCAN_FROM = 64;

/** Where the log is read: the raw connection, or a transaction of it. */
export interface LogTables {
  table(name: string): Table;
}

type StoredEntry = ChainedEntry & { origin: string };

/** The other device's own seq of an entry stored here. */
const seqOf = (origin: string) => splitOrigin(origin).seq;

/** The single entries of `device`'s chain among `seqs` (those applied before segments). */
const singlesAt = (at: LogTables, device: string, seqs: readonly number[]) =>
  at
    .table('auditLog')
    .where('origin')
    .anyOf(seqs.map((s) => originOf(device, s)));

/** The runs of `device`'s chain that can hold any of `seqs` (all of them when none are given). */
function runsAt(at: LogTables, device: string, seqs?: readonly number[]) {
  let from = -Infinity;
  let to = Infinity;
  if (seqs) {
    [from, to] = [Infinity, -Infinity];
    for (const s of seqs) [from, to] = [Math.min(from, s), Math.max(to, s)];
    from -= SEGMENT_MAX - 1; // a run is at most SEGMENT_MAX long
  }
  return (at.table('auditSegments') as Table<AuditSegment, number>)
    .where('chain')
    .between([device, from], [device, to, Infinity], true, true);
}

const runKeys = async (at: LogTables, device: string, seqs?: readonly number[]) =>
  (await runsAt(at, device, seqs).keys()) as unknown[] as ChainRun[];

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
      singlesAt(tables, device, seqs).keys() as Promise<unknown[]> as Promise<string[]>,
      runKeys(tables, device, seqs),
    ]);
    const found = new Set(origins.map(seqOf));
    for (const [, first, last] of runs) for (let s = first; s <= last; s++) if (wanted.has(s)) found.add(s);
    return found;
  }

  /** The hashes of the held entries of `device`'s chain among `seqs`, by that chain's seq. */
  async hashes(device: string, seqs: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (seqs.length === 0) return out;
    const raw = rawConnection(this.db);
    const [single, runs] = await Promise.all([
      singlesAt(raw, device, seqs).toArray() as Promise<StoredEntry[]>,
      runsAt(raw, device, seqs).toArray(),
    ]);
    const wanted = new Set(seqs);
    for (const e of [...single, ...runs.flatMap((r) => r.entries as StoredEntry[])])
      if (wanted.has(seqOf(e.origin))) out.set(seqOf(e.origin), e.hash);
    return out;
  }

  /** Entries a committed batch appended. */
  committed(device: string, seqs: readonly number[]): void {
    const chain = this.chains.get(device);
    for (const s of seqs) chain?.add(s);
  }

  private async scan(at: LogTables, device: string): Promise<Set<number>> {
    const [origins, runs] = await Promise.all([
      at.table('auditLog').where('origin').startsWith(`${device}/`).keys() as Promise<unknown[]> as Promise<string[]>,
      runKeys(at, device),
    ]);
    const chain = new Set(origins.map(seqOf));
    for (const [, first, last] of runs) for (let s = first; s <= last; s++) chain.add(s);
    return chain;
  }
}
