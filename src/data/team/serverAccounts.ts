/**
 * Members' own accounts on the sync server (CouchDB's `_users` database and the book database's
 * `_security` members): made when a member gets their first key grant, deleted when they are
 * removed — which ends their server access. Both need an account that administers the server
 * (the one the book was connected with, on the connecting device); with a lesser account nothing
 * is made and members share the connecting account (README: then its password must be changed by
 * hand to shut a removed member out).
 */
import { basicAuth } from '../sync/connect';
import { databaseUrl } from '../sync/pouch';
import type { SyncConfig } from '../sync/types';

type Account = { username: string; password: string };

function base(config: SyncConfig): string {
  return config.serverUrl.replace(/\/+$/, '');
}

async function call(config: SyncConfig, method: string, url: string, body?: unknown): Promise<Response | undefined> {
  return fetch(url, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', authorization: basicAuth(config) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => undefined);
}

const userUrl = (config: SyncConfig, name: string) =>
  `${base(config)}/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;

/** Adds or removes a name in the database's `_security` members; false when the account may not. */
async function setMember(config: SyncConfig, name: string, member: boolean): Promise<boolean> {
  const url = `${databaseUrl(config)}/_security`;
  const found = await call(config, 'GET', url);
  if (!found?.ok) return false;
  const security = (await found.json()) as { admins?: unknown; members?: { names?: string[]; roles?: string[] } };
  const names = new Set(security.members?.names ?? []);
  // The first member listed closes the database to everyone else: the connecting account stays in.
  if (member && names.size === 0) names.add(config.username);
  if (member) names.add(name);
  else names.delete(name);
  const members = { names: [...names], roles: security.members?.roles ?? [] };
  return !!(await call(config, 'PUT', url, { ...security, members }))?.ok;
}

/** A new account for a member (random name and password), or undefined when the server does not let this account make one. */
export async function createMemberAccount(config: SyncConfig): Promise<Account | undefined> {
  const random = (n: number) =>
    [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const account = { username: `member-${random(8)}`, password: random(24) };
  const made = await call(config, 'PUT', userUrl(config, account.username), {
    name: account.username,
    password: account.password,
    roles: [],
    type: 'user',
  });
  if (!made?.ok) return undefined;
  if (!(await setMember(config, account.username, true))) {
    await deleteAccount(config, account.username);
    return undefined;
  }
  return account;
}

async function deleteAccount(config: SyncConfig, name: string): Promise<boolean> {
  const found = await call(config, 'GET', userUrl(config, name));
  if (found?.status === 404) return true;
  if (!found?.ok) return false;
  const { _rev } = (await found.json()) as { _rev: string };
  return !!(await call(config, 'DELETE', `${userUrl(config, name)}?rev=${encodeURIComponent(_rev)}`))?.ok;
}

/** Ends an account's access: its name leaves the database's members and the account is deleted. True when both happened. */
export async function endMemberAccount(config: SyncConfig, name: string): Promise<boolean> {
  const left = await setMember(config, name, false);
  return (await deleteAccount(config, name)) && left;
}
