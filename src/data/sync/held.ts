/**
 * Which entries of other devices' audit chains this device holds, by chain. Looking each entry up
 * by its origin costs one index seek per entry — 100,000 for a new device pulling a big book, twice
 * (the check for a rewritten entry, and the skip of one held already). A chain with many entries
 * arriving is read instead with one scan of its origins and kept here, updated once a batch
 * committed; a few entries (a save's, arriving live) are still looked up one by one. Only the
 * applier writes such entries, one batch after another, so the copy stays exact while it runs.
 */
import type { Table } from 'dexie';
import { rawConnection, type ConsentbookDB } from '../db';

/** Fewer entries of a chain than this are looked up one by one rather than by scanning the chain. */
const SCAN_FROM = 64;

export const originOf = (device: string, seq: number) => `${device}/${seq}`;

export class HeldEntries {
  private readonly chains = new Map<string, Set<number>>();

  constructor(private readonly db: ConsentbookDB) {}

  /**
   * Which of `seqs` (of `device`'s chain) are held; `log` is the table to read (a transaction's).
   * Scans the chain once when many are asked for, or when it was scanned already.
   */
  async held(device: string, seqs: readonly number[], log?: Table): Promise<Set<number>> {
    const table = log ?? rawConnection(this.db).auditLog;
    let chain = this.chains.get(device);
    if (!chain && seqs.length >= SCAN_FROM) {
      const origins = (await table.where('origin').startsWith(`${device}/`).keys()) as string[];
      chain = new Set(origins.map((o) => Number(o.slice(device.length + 1))));
      this.chains.set(device, chain);
    }
    if (chain) return new Set(seqs.filter((s) => chain.has(s)));
    const found = (await table
      .where('origin')
      .anyOf(seqs.map((s) => originOf(device, s)))
      .keys()) as string[];
    return new Set(found.map((o) => Number(o.slice(device.length + 1))));
  }

  /** Entries a committed batch appended. */
  committed(device: string, seqs: readonly number[]): void {
    const chain = this.chains.get(device);
    for (const s of seqs) chain?.add(s);
  }
}
