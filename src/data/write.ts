/**
 * Opening a read-write transaction with its write context attached. Every command goes through
 * here; a write made any other way carries no context and is refused by the middleware.
 */
import type { Table, Transaction } from 'dexie';
import type { ConsentbookDB } from './db';
import { attachContext, type WriteContext } from './core/context';
import { runEndChecks } from './middleware/endChecks';
import { isQuotaError, StorageFullError } from './core/errors';

export async function writeWith<T>(
  db: ConsentbookDB,
  ctx: WriteContext,
  tables: Table[],
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction('rw', tables, async (tx) => {
      attachContext(tx.idbtrans, ctx);
      const result = await work(tx);
      await runEndChecks(tx.idbtrans);
      return result;
    });
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    throw e;
  }
}
