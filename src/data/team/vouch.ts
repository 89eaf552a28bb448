/**
 * An administrator vouching for members' writing, before a change that lowers their rights or
 * removes them (domain/vouched.ts). Devices judge each document by its author's record as it
 * stands, so after such a change a device that receives the documents only then (one joining
 * later) would refuse what the members wrote while they could — for a removed first administrator,
 * even the roster (the users they made), leaving such a device without anyone to sign in. So the
 * change
 * - sends again, in the administrator's name, every record whose last version such a member wrote
 *   (`resend`, as the replica here holds it; persons at a removal go out anyway, every one under
 *   the new key epoch — rules/keyGrants.ts), and the person tombstones of their erasures;
 * - keeps on their record what the server never lets change (`vouched`): their append-only
 *   documents by revision and the head of every audit chain held here.
 * Only an administrator's device does (it may write every table); nothing where the book does not sync.
 */
import { mergeVouched } from '../../domain/vouched';
import type { Permission, User } from '../../domain/user';
import { rawConnection, type ConsentbookDB } from '../db';
import type { Session } from '../core/session';
import { REPLICATED_TABLES, SYNC_CONFIG_KEY } from '../middleware/outbox';
import { APPEND_ONLY_TABLES } from '../middleware/rules/deletes';
import { changePermissions, TABLE_PERMISSIONS } from '../middleware/rules/permissions';
import { readChainHeads } from '../queries/auditIntegrity';
import { parseDocId, type StoredDoc } from '../sync/docs';
import { replicaOf } from '../sync/replica';
import { deviceId } from '../sync/state';

/** A record to send again: its table and key. */
export interface Resend {
  table: string;
  key: string;
}

export interface Vouching {
  resend: Resend[];
  /** Each member's record with what is vouched for added (the same record where nothing is kept). */
  users: User[];
}

const PAGE = 500;

/** How far the reading is: documents read of those to read (reported only when more than a page). */
export type VouchProgress = (done: number, total: number) => void;

/**
 * The tables whose documents a member who lost `lost` may have written and would now be refused:
 * one guarded by a permission (rules/permissions.ts) when one of its permissions was lost; the
 * settings (a permission per key, few records) always; checkpoints (no permission) only when the
 * member is gone. Audit segments are vouched for by their chains' heads; `personsSent`: every
 * person goes out again anyway.
 */
function tablesToRead(lost: ReadonlySet<Permission> | 'all', personsSent: boolean): string[] {
  return REPLICATED_TABLES.filter((table) => {
    if (table === 'auditLog' || (table === 'persons' && personsSent)) return false;
    if (lost === 'all') return true;
    if (!Object.hasOwn(TABLE_PERMISSIONS, table)) return table === 'settings';
    return [...changePermissions(table, false), ...changePermissions(table, true)].some((p) => lost.has(p));
  });
}

/**
 * The replica's documents of `tables` whose winning revision one of `authors` wrote. Found by the
 * author kept beside each revision this device pushed or applied (syncRevs, indexed), the
 * documents named there read from the replica. A row from before schema v19 carries no author:
 * its document is read too (~110 µs a document), and its author kept on the row where the
 * replica's revision is still the row's — so a book synced before v19 is read whole once per
 * table, not at every change.
 */
async function* replicaDocsOf(
  db: ConsentbookDB,
  authors: ReadonlySet<string>,
  tables: readonly string[],
  onProgress?: VouchProgress,
): AsyncGenerator<StoredDoc> {
  const raw = rawConnection(db);
  const local = await replicaOf(db);
  const wanted = new Set(tables);
  const named = await raw.syncRevs
    .where('author')
    .anyOf([...authors])
    .primaryKeys();
  const unknown = new Map<string, string>();
  // Rows without an author looked for only where there are any (two counts, not every row read).
  const [withAuthor, all] = await Promise.all([
    raw.syncRevs.where('author').aboveOrEqual('').count(),
    raw.syncRevs.count(),
  ]);
  const complete = withAuthor === all;
  if (!complete)
    for (const table of tables)
      await raw.syncRevs
        .where('docId')
        .startsWith(`${table}:`)
        .each((row) => {
          if (row.author === undefined) unknown.set(row.docId, row.rev);
        });
  const docIds = [...named.filter((id) => wanted.has(parseDocId(id).table)), ...unknown.keys()];
  const learned = new Map<string, { rev: string; author: string }>();
  for (let at = 0; at < docIds.length; at += PAGE) {
    const page = await local.allDocs({ keys: docIds.slice(at, at + PAGE), include_docs: true });
    for (const row of page.rows) {
      const doc = row.doc as StoredDoc | undefined;
      if (!doc) continue;
      if (unknown.get(doc._id) === doc._rev && doc.author) learned.set(doc._id, { rev: doc._rev, author: doc.author });
      if (authors.has(doc.author)) yield doc;
    }
    if (docIds.length > PAGE) onProgress?.(Math.min(at + PAGE, docIds.length), docIds.length);
  }
  // Kept only where the row is still that revision (a pull or push may have moved it meanwhile).
  if (learned.size)
    await raw.transaction('rw', raw.syncRevs, () =>
      raw.syncRevs
        .where('docId')
        .anyOf([...learned.keys()])
        .modify((row) => {
          const seen = learned.get(row.docId);
          if (seen && row.author === undefined && row.rev === seen.rev) row.author = seen.author;
        }),
    );
}

/**
 * What `session`'s administrator vouches for of `members`' writing, who lose `lost` ('all': are
 * removed or deactivated).
 */
export async function vouchFor(
  db: ConsentbookDB,
  session: Session,
  members: readonly User[],
  {
    lost,
    personsSent = false,
    onProgress,
  }: { lost: ReadonlySet<Permission> | 'all'; personsSent?: boolean; onProgress?: VouchProgress },
): Promise<Vouching> {
  if (!session.isAdmin || members.length === 0 || !(await rawConnection(db).settings.get(SYNC_CONFIG_KEY)))
    return { resend: [], users: [...members] };
  const ids = new Set(members.map((m) => m.id));
  const tables = tablesToRead(lost, personsSent);
  const resend: Resend[] = [];
  const appendOnly: StoredDoc[] = [];
  for await (const doc of replicaDocsOf(db, ids, tables, onProgress)) {
    const { table, key } = parseDocId(doc._id);
    if (!APPEND_ONLY_TABLES.includes(table)) resend.push({ table, key });
    else appendOnly.push(doc);
    // Their erasure's tombstone of the person: the erased are not among the persons sent again.
    if (table === 'erasures' && personsSent) resend.push({ table: 'persons', key });
  }
  // Only what this device applied (its revision the one held here, sync/apply.ts): one refused
  // here — written without the right, made up — is not vouched for; sent again, a record is read
  // as held here anyway.
  const held = await rawConnection(db).syncRevs.bulkGet(appendOnly.map((d) => d._id));
  const docs = new Map<string, Record<string, string>>();
  appendOnly.forEach((doc, i) => {
    if (held[i]?.rev === doc._rev) docs.set(doc.author, { ...docs.get(doc.author), [doc._id]: doc._rev });
  });
  // An active member's audit segments pass whatever their rights: the heads matter once they are gone.
  const chains = lost === 'all' ? await readChainHeads(db, await deviceId(db)) : {};
  const users = members.map((m) => {
    const own = docs.get(m.id) ?? {};
    if (Object.keys(own).length === 0 && Object.keys(chains).length === 0) return m;
    return { ...m, vouched: mergeVouched(m.vouched, { chains, docs: own }) };
  });
  return { resend, users };
}
