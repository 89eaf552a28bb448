/**
 * The values a transaction stored, as the rules completed them (version, dates, derived fields):
 * a command returns these instead of reading its own write back, which would cost a request and
 * an opening of the sealed record. Once the transaction commits, the values of a table are also
 * handed to whoever watches it in this tab (the directory), which would otherwise read and open
 * them again; other tabs' commits and sync's are read as before.
 */
import type { DBCoreTransaction } from 'dexie';

/** Per transaction: table → key → value stored. */
const storedIn = new WeakMap<object, Map<string, Map<string, unknown>>>();
/** Per transaction: tables written past keepStored (a delete, a write below the rules): not handed on. */
const notKept = new WeakMap<object, Set<string>>();

export function keepStored(
  trans: DBCoreTransaction,
  table: string,
  keys: readonly unknown[],
  values: readonly unknown[],
  failed: ReadonlySet<number>,
): void {
  let tables = storedIn.get(trans);
  if (!tables) storedIn.set(trans, (tables = new Map<string, Map<string, unknown>>()));
  let stored = tables.get(table);
  if (!stored) tables.set(table, (stored = new Map<string, unknown>()));
  for (const [i, key] of keys.entries()) if (!failed.has(i)) stored.set(String(key), values[i]);
}

/** A write of the table not kept here: what the transaction kept of the table is not handed on (it may be stale). */
export function notStored(trans: DBCoreTransaction, table: string): void {
  let tables = notKept.get(trans);
  if (!tables) notKept.set(trans, (tables = new Set()));
  tables.add(table);
}

/** A copy of what the transaction stored under the key (the caller may change it freely). */
export function storedValue(idbTransaction: object, table: string, key: unknown): unknown {
  const value = storedIn.get(idbTransaction)?.get(table)?.get(String(key));
  return value === undefined ? undefined : structuredClone(value);
}

/**
 * Key → the value committed; only for keys written through the rules in the transaction. Not
 * copied (an import hands on thousands): a watcher must not change them.
 */
export type CommittedValues = ReadonlyMap<string, unknown>;
type CommitWatcher = (values: CommittedValues) => void;
const watchers = new Map<string, Set<CommitWatcher>>();
const slot = (dbName: string, table: string) => `${dbName}/${table}`;

/**
 * Calls `watcher` with what each of this tab's transactions stored in the table, when it
 * commits — just before Dexie's `storagemutated` for the same commit (watchCommit). Returns the
 * unsubscribe.
 */
export function onCommitted(dbName: string, table: string, watcher: CommitWatcher): () => void {
  const key = slot(dbName, table);
  let set = watchers.get(key);
  if (!set) watchers.set(key, (set = new Set()));
  set.add(watcher);
  return () => set.delete(watcher);
}

/**
 * Called as a read-write transaction is made, so its listener comes before the completion
 * handler Dexie sets on it afterwards (which fires `storagemutated`): a watcher has the values
 * by the time the commit is reported.
 */
export function watchCommit(dbName: string, trans: DBCoreTransaction): void {
  const target = trans as unknown as EventTarget;
  if (typeof target.addEventListener !== 'function') return;
  target.addEventListener('complete', () => {
    const tables = storedIn.get(trans);
    if (!tables) return;
    for (const [table, stored] of tables) {
      const set = watchers.get(slot(dbName, table));
      if (!set?.size || notKept.get(trans)?.has(table)) continue;
      for (const watcher of set) watcher(stored);
    }
  });
}
