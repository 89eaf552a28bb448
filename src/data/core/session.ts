/**
 * Sessions: the acting user of every write. A session exists only after the passphrase was
 * checked (auth.ts); the enforcement middleware accepts no other object as an actor, so no caller
 * can forge a user or a permission. Sign-out and the idle lock revoke every session of the
 * database (auth.ts): an object kept from before acts no more.
 */
import { effectivePermissions, type Group, type Permission, type User } from '../../domain/user';
import { PermissionDeniedError } from './errors';
import { currentRightsOf, type CurrentRights } from './currentRights';

export interface Session {
  readonly userId: string;
  readonly userName: string;
  readonly staffNumber: string;
  readonly isAdmin: boolean;
  readonly permissions: ReadonlySet<Permission>;
  readonly signedInAt: string;
  /**
   * Rights of the user or a group of theirs found changed outside the app: granted only as the app
   * last wrote them, where kept, else not at all (commands/bookTagCheck.ts trustedAccount).
   */
  readonly rightsWithheld?: true;
}

const genuine = new WeakSet<Session>();
/** The database each session was issued for (by name): its user's current rights are kept under it. */
const issuedFor = new WeakMap<Session, string>();
/** The sessions issued for each database (its connection object), so sign-out can revoke them. */
const issued = new WeakMap<object, Set<Session>>();
/** The set each session was issued into (for the narrowed copies withinRights makes). */
const issuedWith = new WeakMap<Session, Set<Session>>();

export function isGenuineSession(s: unknown): s is Session {
  return typeof s === 'object' && s !== null && genuine.has(s as Session);
}

/** A user's rights as their record and groups give them: what a sign-in grants, and what currentRights keeps. */
export function rightsOf(user: User, groups: readonly Group[]): CurrentRights {
  return { isAdmin: user.isAdmin, permissions: effectivePermissions(user, groups) };
}

/** Only for the data layer: a session for a user whose passphrase was just checked. */
export function sessionFor(db: object, user: User, groups: readonly Group[], rightsWithheld = false): Session {
  const session: Session = Object.freeze({
    userId: user.id,
    userName: user.name,
    staffNumber: user.staffNumber,
    ...rightsOf(user, groups),
    signedInAt: new Date().toISOString(),
    ...(rightsWithheld && { rightsWithheld: true as const }),
  });
  genuine.add(session);
  issuedFor.set(session, (db as { name?: string }).name ?? '');
  let sessions = issued.get(db);
  if (!sessions) issued.set(db, (sessions = new Set()));
  sessions.add(session);
  issuedWith.set(session, sessions);
  return session;
}

/** Every session issued for the database acts no more. */
export function revokeSessions(db: object): void {
  for (const session of issued.get(db) ?? []) genuine.delete(session);
  issued.delete(db);
}

/**
 * The rights the session acts with when its user's rights stand at `now` (currentRights.ts): its
 * sign-in's, less any an administrator took since — never more; the session itself when none was
 * taken. What the UI offers (useRights) and what requirePermission and the enforcement judge by.
 */
export function rightsWithin(session: Session, now: CurrentRights | null | undefined): CurrentRights {
  if (now === undefined) return session;
  const permissions = new Set([...session.permissions].filter((p) => now?.permissions.has(p)));
  const isAdmin = session.isAdmin && !!now?.isAdmin;
  return permissions.size === session.permissions.size && isAdmin === session.isAdmin
    ? session
    : { isAdmin, permissions };
}

/**
 * Refuses a command or read the session may not make: a permission it lacks, or one taken from its
 * user since the sign-in — the same judgement the enforcement makes of writes.
 */
export function requirePermission(session: Session, permission: Permission): void {
  const now = currentRightsOf(issuedFor.get(session) ?? '', session.userId);
  if (!rightsWithin(session, now).permissions.has(permission))
    throw new PermissionDeniedError(permission, session.userName);
}

/**
 * The session judged by the rights as they stand now (currentRights.ts): never more than at
 * its sign-in, less once an administrator lowered them; the same object when nothing was lowered.
 * Made for one write by the data layer, never handed out.
 */
export function withinRights(session: Session, now: CurrentRights | null): Session {
  const rights = rightsWithin(session, now);
  if (rights === session) return session;
  const narrowed: Session = Object.freeze({ ...session, ...rights });
  genuine.add(narrowed);
  // Revoked with the session it narrows.
  issuedWith.get(session)?.add(narrowed);
  return narrowed;
}
