/**
 * Connecting a book to a server from what a person types (Einstellungen → Synchronisation), and
 * inviting a device to it. The engine (index.ts) checks and stores the connection.
 */
import { RuleError } from '../core/errors';
import type { ConsentbookDB } from '../db';
import type { Session } from '../core/session';
import { configureSync, exportBookKey, startSync, type SyncConfig } from './index';
import { createInvitation } from './invitation';

export interface ConnectInput {
  /** The server's address, optionally with the book's database as its last path segment. */
  address: string;
  username: string;
  password: string;
}

/**
 * Splits a typed address into server and database. Without a database in it, the book's own name
 * is used: derived from its key (HKDF, reveals nothing), the same on every device of the book.
 */
export function syncConfigOf(input: ConnectInput, defaultDatabase: string): SyncConfig {
  const address = input.address.trim();
  const account = { username: input.username.trim(), password: input.password };
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    // Not an address at all: the engine's check names the problem.
    return { serverUrl: address, database: defaultDatabase, ...account };
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const database = segments.pop() ?? defaultDatabase;
  const path = segments.join('/');
  return {
    serverUrl: `${url.origin}${path ? `/${path}` : ''}`,
    database: decodeURIComponent(database),
    ...account,
  };
}

/** Checks and stores the connection (administrators only, refused by the engine otherwise), then starts syncing. */
export async function connectBook(db: ConsentbookDB, session: Session, input: ConnectInput): Promise<void> {
  const config = syncConfigOf(input, `book-${db.keyring.keyId()}`);
  await configureSync(db, session, config);
  await startSync(db, session);
}

/**
 * A new invitation for the book's connection (administrators only): the code to hand to the new
 * device and its expiry. It carries this book's account and key (invitation.ts).
 */
export async function inviteDevice(db: ConsentbookDB, session: Session): Promise<{ code: string; expiresAt: string }> {
  const dataKey = exportBookKey(db, session);
  try {
    // The inviting member's own account (their grant's): the device keeps no password once it is known.
    const config = await (await import('../team/members')).serverConfig(db);
    if (!config) throw new RuleError('error.invitation.notConnected', 'The book is not connected to a server');
    return await createInvitation(session, config, dataKey);
  } finally {
    dataKey.fill(0);
  }
}
