/**
 * Seals and chains entries after the head as stored and moves the head, in the caller's
 * transaction: what the log's middleware does for a command (middleware/audit.ts), for the writes
 * that run past the rules — a restore's pending entries (commands/restoreLog.ts) and the sync
 * applier's entry of a version written over (sync/writeOver.ts). The keyring is read inside the
 * transaction: keys locked meanwhile fail it rather than chain with wiped bytes.
 */
import type { Table } from 'dexie';
import type { AuditEntry } from '../../domain/audit';
import { AUDIT_HEAD_KEY, chainEntries, EMPTY_HEAD, type ChainedEntry, type ChainHead } from '../../domain/auditChain';
import { sealAuditText } from './crypto/auditText';
import type { Keyring } from './crypto/keyring';

/** Where the entries go: the raw connection inside its transaction, or the transaction itself (settings and auditLog in scope). */
export interface ChainTables {
  table(name: string): Table;
}

/** The entries as chained and stored (their `seq` given by the log). */
export async function appendToChain(
  at: ChainTables,
  keyring: Keyring,
  entries: readonly AuditEntry[],
): Promise<ChainedEntry[]> {
  const stored = (await at.table('settings').get(AUDIT_HEAD_KEY)) as { value?: ChainHead } | undefined;
  const sealed = entries.map((e) => sealAuditText(keyring, e));
  const { chained, head } = chainEntries(stored?.value ?? EMPTY_HEAD, sealed, keyring.auditKey());
  await at.table('auditLog').bulkAdd(chained);
  await at.table('settings').put({ key: AUDIT_HEAD_KEY, value: head });
  return chained;
}
