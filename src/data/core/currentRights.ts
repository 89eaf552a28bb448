/**
 * The signed-in users' rights as they stand now, per database. A session keeps the rights of its
 * sign-in, but an administrator may lower them meanwhile — in another tab, or on another device
 * whose change sync applies here. The enforcement judges every write by the lower of the two
 * (never more than at sign-in: a raise waits for the next sign-in), so a member's device stops
 * making the changes the team's other devices would refuse and hold back. Computed after each
 * change of users or groups as a sign-in computes them — the rights as the app last wrote them
 * (auth.ts, watchRights) — and read synchronously by the enforcement: no read in a save's path.
 */
import type { Permission } from '../../domain/user';

export interface CurrentRights {
  isAdmin: boolean;
  permissions: ReadonlySet<Permission>;
}

/** Database name → user id → rights (null: no longer an active user). */
const known = new Map<string, Map<string, CurrentRights | null>>();
/** Told of every change, so the UI can follow a right taken while it shows (useRights). */
const listeners = new Set<() => void>();

/** Calls `cb` after each change of anyone's current rights; returns the unsubscribe function. */
export function subscribeCurrentRights(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

const notify = () => {
  for (const cb of listeners) cb();
};

/** The user's rights now; undefined while not computed (the session's own then stand). */
export function currentRightsOf(dbName: string, userId: string): CurrentRights | null | undefined {
  return known.get(dbName)?.get(userId);
}

export function keepCurrentRights(dbName: string, userId: string, rights: CurrentRights | null | undefined): void {
  let users = known.get(dbName);
  if (!users) known.set(dbName, (users = new Map<string, CurrentRights | null>()));
  if (rights === undefined) users.delete(userId);
  else users.set(userId, rights);
  notify();
}

export function forgetCurrentRights(dbName: string): void {
  known.delete(dbName);
  notify();
}
