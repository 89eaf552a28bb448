/**
 * Every record of a table, a run at a time by primary key: one request a run and a task for the
 * page between runs. A cursor (Dexie's each(), filter(), anyOf()) is a round trip per record and,
 * over the app's connection, an opening per sealed record: at 100,000 persons tens of seconds
 * where these runs take a few. On the raw connection the records come as stored; on the app's,
 * opened — a run's opening is one task, not the whole table's.
 */
import type { Table } from 'dexie';
import { nextTask } from './nextTask';

/** Up to `limit` of `table`'s records in key order, after `key` (from the first without one). */
function after<T>(table: Table<T, string, unknown>, key: string | undefined, limit: number) {
  return (key === undefined ? table.orderBy(':id') : table.where(':id').above(key)).limit(limit);
}

/** Up to `limit` records of `table` in key order, after `key` (from the first without one). */
export function runAfter<T>(table: Table<T, string, unknown>, key: string | undefined, limit: number): Promise<T[]> {
  return after(table, key, limit).toArray();
}

/** The same run's primary keys only (no record is read). */
export function keysAfter(
  table: Table<unknown, string, unknown>,
  key: string | undefined,
  limit: number,
): Promise<string[]> {
  return after(table, key, limit).primaryKeys();
}

export async function* tableInRuns<T>(table: Table<unknown, string, unknown>, run: number): AsyncGenerator<T[]> {
  const keyPath = table.schema.primKey.keyPath as string;
  for (let last: string | undefined; ;) {
    const records = (await runAfter(table, last, run)) as T[];
    yield records;
    if (records.length < run) return;
    last = (records[records.length - 1] as Record<string, string>)[keyPath];
    await nextTask();
  }
}
