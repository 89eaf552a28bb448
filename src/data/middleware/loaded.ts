/**
 * A write prepared from the versions its caller loaded (a save's form had the person): the rules
 * run on those before anything is read, so the reads that check them — the stored records and the
 * chain head — go down together with the write and its audit entry, one round trip instead of two
 * (enforcement.ts). IndexedDB answers a transaction's requests in the order they were made, so a
 * read made before the write sees the version before it. When a stored version or the head is not
 * the one assumed (another tab, sync, a stale guess), the transaction is aborted — nothing of it
 * is stored — and the caller writes again the careful way: read, then decide, then write. No
 * diff, check or chain link made from a version that is not the stored one is ever kept.
 */
import type { DBCoreTransaction } from 'dexie';
import type { WriteContext } from '../core/context';
import { abortTransaction } from './mutations';
import { sameBytes } from './presealed';

/** The versions the caller loaded for each key, or undefined unless it loaded every one. */
export function loadedVersions(ctx: WriteContext, table: string, keys: readonly unknown[]): unknown[] | undefined {
  const loaded = ctx.loaded?.get(table);
  if (!loaded || keys.length === 0) return undefined;
  const olds = keys.map((k) => loaded.get(String(k)));
  return olds.every((o) => o !== undefined) ? olds : undefined;
}

/**
 * Whether two records hold the same data as stored: what a record was loaded as (opened, or as
 * the rules handed it down) against what a read gives now. Fields holding undefined count as
 * absent (storing drops them); anything else must be equal, arrays in order.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameData(v, b[i]));
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && sameBytes(a, b);
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let fields = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    fields++;
    if (!Object.hasOwn(y, k) || !sameData(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) fields--;
  return fields === 0;
}

/** Transactions whose loaded versions were not the stored ones. */
const missed = new WeakSet<object>();

/** The check failed: nothing of the transaction may be stored. */
export function missLoaded(trans: DBCoreTransaction): void {
  missed.add(trans);
  abortTransaction(trans);
}

/** Whether a transaction was aborted because what its caller loaded was not stored any more: write again without it. */
export function loadedVersionMissed(idbTransaction: object): boolean {
  return missed.has(idbTransaction);
}

export class LoadedVersionChangedError extends Error {
  constructor(table: string) {
    super(`The stored version of a ${table} record is not the one loaded`);
    this.name = 'LoadedVersionChangedError';
  }
}
