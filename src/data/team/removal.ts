/**
 * What a member about to be removed had written, as this device's replica holds it. Once removed,
 * their documents are refused where they arrive later (sync/check.ts: an inactive author) — so a
 * device joining after the removal would lack everything whose last version they wrote (users
 * they made, purposes, consents, their audit entries), and a removed first administrator would
 * leave such a device without the roster. The removal therefore
 * - sends their records again in the remover's name (`resend`: the remover vouches for them, as
 *   for every person at a removal), and
 * - keeps on their record what cannot be sent again, the server never letting it change
 *   (`kept`: their key grants, erasures and checkpoints by revision, and the head of every audit
 *   chain held here — their segments up to it).
 */
import type { KeptAtRemoval } from '../../domain/removal';
import type { ConsentbookDB } from '../db';
import { REPLICATED_TABLES } from '../middleware/outbox';
import { APPEND_ONLY_TABLES } from '../middleware/rules/deletes';
import { readChainHeads } from '../queries/auditIntegrity';
import { parseDocId, type SyncDoc } from '../sync/docs';
import { replicaOf } from '../sync/replica';
import { deviceId } from '../sync/state';

/** A record to send again: its table and key. */
export interface Resend {
  table: string;
  key: string;
}

const PAGE = 500;

/**
 * Persons go out again anyway (every one held, under the removal's new key epoch:
 * rules/keyGrants.ts); audit segments are kept by their chains' heads.
 */
const SCANNED = REPLICATED_TABLES.filter((t) => t !== 'persons' && t !== 'auditLog');

export async function writtenBy(db: ConsentbookDB, userId: string): Promise<{ resend: Resend[]; kept: KeptAtRemoval }> {
  const local = await replicaOf(db);
  const resend: Resend[] = [];
  const docs: Record<string, string> = {};
  for (const table of SCANNED) {
    // One table's documents at a time, in pages: a book's consents alone can be many.
    for (let startkey = `${table}:`, skip = 0; ; skip = 1) {
      const page = await local.allDocs({ startkey, endkey: `${table}:\ufff0`, skip, limit: PAGE, include_docs: true });
      for (const row of page.rows) {
        const doc = row.doc as (SyncDoc & { _rev: string }) | undefined;
        if (doc?.author !== userId) continue;
        const { key } = parseDocId(doc._id);
        if (APPEND_ONLY_TABLES.includes(table)) docs[doc._id] = doc._rev;
        else resend.push({ table, key });
        // Their erasure's tombstone of the person (persons go out again only as held: the erased are not).
        if (table === 'erasures') resend.push({ table: 'persons', key });
      }
      if (page.rows.length < PAGE) break;
      startkey = page.rows[page.rows.length - 1].id;
    }
  }
  const chains = await readChainHeads(db, await deviceId(db));
  return { resend, kept: { chains, docs } };
}
