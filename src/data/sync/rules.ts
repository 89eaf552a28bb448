/**
 * The server's own rules for a book (issue 20, item 4): a `validate_doc_update` design document
 * the app installs when it connects a book. CouchDB runs it for every write, by any account —
 * replication included — so even a device that holds the book's key cannot make the server:
 * - change or delete an audit entry, a chain checkpoint, an erasure record or a key grant
 *   (append-only), or
 * - take a document whose `account` is not the authenticated user (nobody writes in another's
 *   name; a bare deletion carries no account and is judged by the devices: sync/check.ts).
 * Design documents themselves can only be written by the database's administrators.
 */
import { SyncConnectionError } from '../core/errors';
import { APPEND_ONLY_TABLES } from '../middleware/rules/deletes';
import { databaseUrl } from './pouch';
import type { SyncConfig } from './types';

export const RULES_ID = '_design/consentbook';
/** Raised whenever the function changes: an older one on the server is replaced. */
export const RULES_VERSION = 2;

/** Plain ES5 as CouchDB's JavaScript engine runs it; the append-only types are spliced in. */
const VALIDATE = `function (newDoc, oldDoc, userCtx) {
  var appendOnly = ${JSON.stringify(APPEND_ONLY_TABLES)};
  var type = newDoc._id.slice(0, newDoc._id.indexOf(':'));
  if (appendOnly.indexOf(type) !== -1) {
    if (newDoc._deleted) throw { forbidden: type + ' are never deleted' };
    if (oldDoc && !oldDoc._deleted) throw { forbidden: type + ' are never changed' };
  }
  if (newDoc._deleted) return;
  if (newDoc.account !== userCtx.name) throw { forbidden: 'the document was not written by the signed-in account' };
}`;

export function rulesDocument(): { _id: string; version: number; validate_doc_update: string } {
  return { _id: RULES_ID, version: RULES_VERSION, validate_doc_update: VALIDATE };
}

function headers(config: SyncConfig): Record<string, string> {
  const bytes = new TextEncoder().encode(`${config.username}:${config.password}`);
  return {
    accept: 'application/json',
    'content-type': 'application/json',
    authorization: `Basic ${btoa(String.fromCharCode(...bytes))}`,
  };
}

/**
 * Installs (or updates) the rules in the book's database. Needs an account that administers the
 * database; when it does not, rules installed earlier (by an operator, README) are accepted, and
 * a database without them is refused with a message saying so.
 */
export async function installRules(config: SyncConfig): Promise<void> {
  const url = `${databaseUrl(config)}/${RULES_ID}`;
  const found = await fetch(url, { headers: headers(config) });
  const current = found.ok ? ((await found.json()) as { _rev: string; version?: number }) : undefined;
  if (current?.version === RULES_VERSION) return;
  const put = await fetch(url, {
    method: 'PUT',
    headers: headers(config),
    body: JSON.stringify({ ...rulesDocument(), ...(current ? { _rev: current._rev } : {}) }),
  });
  if (put.ok) return;
  throw new SyncConnectionError(
    'error.syncNoRules',
    `The account ${config.username} may not install the book's rules in ${config.database} (${put.status})`,
    { user: config.username, database: config.database, status: put.status },
  );
}
