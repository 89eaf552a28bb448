/**
 * Opening a read-write transaction with its write context attached. Every command goes through
 * here; a write made any other way carries no context and is refused by the middleware.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
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
  // Inside a caller's transaction this is a part of it: only the outermost command may end it.
  // (Typed as always present; it is null outside any transaction.)
  const outermost = !(Dexie.currentTransaction as Transaction | null);
  try {
    return await db.transaction('rw', tables, async (tx) => {
      attachContext(tx.idbtrans, ctx);
      const result = await work(tx);
      await runEndChecks(tx.idbtrans);
      if (outermost) commitNow(tx.idbtrans);
      return result;
    });
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    throw e;
  }
}

/**
 * The command's work is done and answered: the commit is asked for now, not once Dexie's layers
 * have handed the last answer up and the page's task has ended (IndexedDB's auto-commit) — a
 * save's commit began ~0.5 ms earlier (docs/performance-history.md, session 44). Every request
 * of the work was awaited, so none is left whose failure would have to abort it.
 */
function commitNow(idbtrans: IDBTransaction): void {
  try {
    idbtrans.commit();
  } catch {
    // Finished or aborted meanwhile (Dexie reports which), or a browser without commit().
  }
}
