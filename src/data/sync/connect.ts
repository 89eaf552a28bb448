/**
 * Checks a server before the book is connected to it, and names the problem when it fails: the
 * address, the server (not CouchDB), the account, the database.
 */
import { SyncConnectionError } from '../core/errors';
import { databaseUrl } from './pouch';
import type { SyncConfig } from './types';

export function basicAuth(config: Pick<SyncConfig, 'username' | 'password'>): string {
  const bytes = new TextEncoder().encode(`${config.username}:${config.password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

async function get(url: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { headers: { accept: 'application/json', ...headers }, signal });
  } catch {
    signal?.throwIfAborted();
    throw new SyncConnectionError('error.syncUnreachable', `The server ${url} cannot be reached`, { address: url });
  }
}

export async function checkServer(config: SyncConfig, signal?: AbortSignal): Promise<void> {
  const address = config.serverUrl.trim();
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new SyncConnectionError('error.syncBadAddress', `Not an address: ${address}`, { address });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SyncConnectionError('error.syncBadAddress', `Not an http(s) address: ${address}`, { address });
  const welcome = await get(address, {}, signal);
  // CouchDB greets with {"couchdb":"Welcome"}, the development server (express-pouchdb) with its own name.
  const body = (await welcome.json().catch(() => ({}))) as Record<string, unknown>;
  if (!welcome.ok || !(body.couchdb || body['express-pouchdb']))
    throw new SyncConnectionError('error.syncNotCouch', `No CouchDB server at ${address}`, { address });
  const db = await get(databaseUrl(config), { authorization: basicAuth(config) }, signal);
  const params = { user: config.username, database: config.database, status: db.status };
  if (db.status === 401)
    throw new SyncConnectionError(
      'error.syncAccountRefused',
      `The server refused the account ${config.username}`,
      params,
    );
  if (db.status === 403)
    throw new SyncConnectionError('error.syncNoAccess', `No access to the database ${config.database}`, params);
  if (db.status === 404)
    throw new SyncConnectionError('error.syncNoDatabase', `No database ${config.database} on the server`, params);
  if (!db.ok) throw new SyncConnectionError('error.syncServerError', `The server answered ${db.status}`, params);
}
