/**
 * Erasure reaches the replicas (issue 20, item 3). A person's key secret travels in their document
 * (sealed under the book's key), so every stored revision of it that still carries a key would
 * undo the crypto-erasure for anyone holding the book's key. Once a person is erased — here, or by
 * an erasure record from another device — every leaf of their document but the sealed tombstone
 * is deleted in this device's replica (the deletions replicate, so a branch an offline edit left
 * on the server goes too) and the replica is compacted, which drops the bodies of all older
 * revisions; the server is asked to compact as well, where the account may (CouchDB: database
 * administrators; the server's own automatic compaction otherwise).
 */
import { docIdOf, type StoredDoc } from './docs';
import { databaseUrl, type Pouch } from './pouch';
import type { SyncConfig } from './types';

export async function forgetInReplica(local: Pouch, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  const deletions = [];
  for (const personId of personIds) {
    const id = docIdOf('persons', personId);
    const winner = await local.get(id, { conflicts: true }).catch(() => undefined);
    if (!winner) continue;
    const losers = await Promise.all((winner._conflicts ?? []).map((rev) => local.get(id, { rev })));
    const leaves = [winner, ...losers] as StoredDoc[];
    // Without the sealed tombstone here yet, the document is left whole: its arrival cleans up.
    if (!leaves.some((leaf) => leaf.deleted)) continue;
    for (const leaf of leaves) if (!leaf.deleted) deletions.push({ _id: id, _rev: leaf._rev, _deleted: true });
  }
  if (deletions.length) await local.bulkDocs(deletions);
  await local.compact();
}

/** Asks the server to compact the book's database; an account that may not is not an error. */
export async function compactServer(config: SyncConfig): Promise<boolean> {
  const bytes = new TextEncoder().encode(`${config.username}:${config.password}`);
  const response = await fetch(`${databaseUrl(config)}/_compact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(String.fromCharCode(...bytes))}` },
  }).catch(() => undefined);
  return !!response?.ok;
}
