/**
 * The values a transaction stored, as the rules completed them (version, dates, derived fields):
 * a command returns these instead of reading its own write back, which would cost a request and
 * an opening of the sealed record.
 */
import type { DBCoreTransaction } from 'dexie';

const storedIn = new WeakMap<object, Map<string, unknown>>();

const slot = (table: string, key: unknown) => `${table}/${String(key)}`;

export function keepStored(
  trans: DBCoreTransaction,
  table: string,
  keys: readonly unknown[],
  values: readonly unknown[],
  failed: ReadonlySet<number>,
): void {
  let stored = storedIn.get(trans);
  if (!stored) storedIn.set(trans, (stored = new Map<string, unknown>()));
  for (const [i, key] of keys.entries()) if (!failed.has(i)) stored.set(slot(table, key), values[i]);
}

/** A copy of what the transaction stored under the key (the caller may change it freely). */
export function storedValue(idbTransaction: object, table: string, key: unknown): unknown {
  const value = storedIn.get(idbTransaction)?.get(slot(table, key));
  return value === undefined ? undefined : structuredClone(value);
}
