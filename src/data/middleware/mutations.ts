/** What both middlewares need to know about a DBCore write request. */
import type { DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction } from 'dexie';

// DBCoreRangeType is a const enum, not importable at runtime.
const RANGE_EQUAL = 1;
const RANGE_ANY = 3;

export function equalRange(value: unknown) {
  return { type: RANGE_EQUAL, lower: value, upper: value } as never;
}

const ANY_RANGE = { type: RANGE_ANY, lower: undefined, upper: undefined } as never;

/** Schema upgrades move stored data as it is: nobody writes on anyone's behalf, no key is in memory. */
export function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as IDBTransaction).mode === 'versionchange';
}

/** Keys a mutate request touches; `deleteRange` is resolved to its keys. */
export async function keysOf(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
  switch (req.type) {
    case 'add':
    case 'put': {
      if (req.keys) return req.keys as unknown[];
      const extractKey = table.schema.primaryKey.extractKey;
      // Dexie hands down the keys of an outbound-key table itself; an inbound key is in each value.
      if (!extractKey) throw new Error(`${table.name}: a write without its keys`);
      return req.values.map((v): unknown => extractKey(v));
    }
    case 'delete':
      return req.keys as unknown[];
    case 'deleteRange': {
      const res = await table.query({
        trans: req.trans,
        values: false,
        query: { index: table.schema.primaryKey, range: req.range },
      });
      return res.result as unknown[];
    }
  }
}

export function isDelete(req: DBCoreMutateRequest): req is DBCoreMutateRequest & { type: 'delete' | 'deleteRange' } {
  return req.type === 'delete' || req.type === 'deleteRange';
}

/** Pass a rewritten write down as a plain add/put/delete (dropping Dexie's update shortcuts). */
export function passDown(
  table: DBCoreTable,
  req: DBCoreMutateRequest,
  keys: unknown[],
  values?: unknown[],
): Promise<DBCoreMutateResponse> {
  if (req.type === 'delete' || req.type === 'deleteRange')
    return table.mutate({ type: 'delete', trans: req.trans, keys });
  if (!values) throw new Error(`${table.name}: an ${req.type} passed down without its values`);
  return table.mutate({ type: req.type, trans: req.trans, values, keys: req.keys });
}

export function failedIndexes(res: DBCoreMutateResponse): Set<number> {
  return new Set(Object.keys(res.failures).map(Number));
}

/** Throws the first failure of a write the middleware made itself (no caller counts its failures). */
export function throwOnFailure(res: DBCoreMutateResponse): void {
  if (res.numFailures) throw Object.values(res.failures)[0];
}

/** Every primary key of a table. */
export async function allKeys(table: DBCoreTable, trans: DBCoreTransaction): Promise<unknown[]> {
  const res = await table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: ANY_RANGE } });
  return res.result as unknown[];
}

export async function readAll<T>(table: DBCoreTable, trans: DBCoreTransaction): Promise<T[]> {
  const res = await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: ANY_RANGE } });
  return res.result as T[];
}

/** Aborts a transaction: nothing of it is stored. A finished or aborted one is left as it is. */
export function abortTransaction(trans: DBCoreTransaction): void {
  try {
    (trans as unknown as IDBTransaction).abort();
  } catch {
    // Already finished or aborted: nothing of it is stored either way.
  }
}
