/**
 * Sessions: the acting user of every write. A session exists only after the passphrase was
 * checked; the enforcement middleware accepts no other object as an actor, so no caller can
 * forge a user or a permission.
 */
import { effectivePermissions, type Group, type Permission, type User } from '../domain/user';
import type { ConsentbookDB } from './db';
import { NoKeyForUserError, RuleError, PermissionDeniedError, SignInError } from './errors';
import {
  createCredentials,
  createVerifier,
  MIN_PASSPHRASE_LENGTH,
  newDataKey,
  unlockPassphrase,
  unwrapDataKey,
  wrapDataKey,
} from './passphrase';
import { seedDefaultPurposes } from './purposes';
import { markSealed, openKeyring, sealLegacyRecords } from './sealing';
import { writeWith } from './write';
import { directoryOf } from './directory';

export interface Session {
  readonly userId: string;
  readonly userName: string;
  readonly staffNumber: string;
  readonly isAdmin: boolean;
  readonly permissions: ReadonlySet<Permission>;
  readonly signedInAt: string;
}

const genuine = new WeakSet<Session>();

export function isGenuineSession(s: unknown): s is Session {
  return typeof s === 'object' && s !== null && genuine.has(s as Session);
}

/** Only for the data layer: a session for a user whose passphrase was just checked. */
export function sessionFor(user: User, groups: readonly Group[]): Session {
  const session: Session = Object.freeze({
    userId: user.id,
    userName: user.name,
    staffNumber: user.staffNumber,
    isAdmin: user.isAdmin,
    permissions: effectivePermissions(user, groups),
    signedInAt: new Date().toISOString(),
  });
  genuine.add(session);
  return session;
}

export function requirePermission(session: Session, permission: Permission): void {
  if (!session.permissions.has(permission)) throw new PermissionDeniedError(permission, session.userName);
}

export async function hasUsers(db: ConsentbookDB): Promise<boolean> {
  return (await db.users.count()) > 0;
}

export interface NewUserInput {
  name: string;
  staffNumber: string;
  passphrase: string;
}

export function checkNewUserInput(input: NewUserInput): void {
  if (!input.name.trim()) throw new RuleError('error.userNameRequired', 'A user name is required');
  if (input.name.trim().length > 60)
    throw new RuleError('error.userNameTooLong', 'The user name is too long (at most 60 characters)');
  if (!input.staffNumber.trim())
    throw new RuleError('error.staffNumberRequired', 'A staff number (Personalnummer) is required');
  if (input.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new RuleError(
      'error.passphraseTooShort',
      `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
      { min: MIN_PASSPHRASE_LENGTH },
    );
  }
}

/** First start: creates the administrator, seeds the default purposes and signs in. Refused once any user exists. */
export async function setupAdministrator(db: ConsentbookDB, input: NewUserInput): Promise<Session> {
  checkNewUserInput(input);
  const dataKey = newDataKey();
  const credentials = await createCredentials(input.passphrase, dataKey);
  const user: User = {
    id: crypto.randomUUID(),
    name: input.name.trim(),
    staffNumber: input.staffNumber.trim(),
    ...credentials,
    groupIds: [],
    permissions: [],
    isAdmin: true,
    active: true,
    createdAt: new Date().toISOString(),
  };
  await db.transaction('rw', db.users, async () => {
    if ((await db.users.count()) > 0)
      throw new RuleError('error.alreadySetUp', 'The administrator exists already; sign in instead');
    await db.users.add(user);
  });
  const session = sessionFor(user, []);
  await openKeyring(db, dataKey);
  await markSealed(db, session);
  await seedDefaultPurposes(db, session);
  return session;
}

export async function signIn(db: ConsentbookDB, name: string, passphrase: string): Promise<Session> {
  const user = await db.users.where('name').equals(name.trim()).first();
  // Check a passphrase even for unknown users, so timing does not reveal who exists.
  const wrapKey = user
    ? await unlockPassphrase(passphrase, user.verifier)
    : (await unlockPassphrase(passphrase, await dummyVerifier()), null);
  if (!user || !wrapKey || !user.active) throw new SignInError();
  const groups = await db.groups.bulkGet(user.groupIds);
  const session = sessionFor(
    user,
    groups.filter((g): g is Group => !!g),
  );
  if (user.dataKey) {
    await openKeyring(db, await unwrapDataKey(wrapKey, user.dataKey));
  } else {
    // A user from before encryption at rest: the first of them to sign in makes the data key.
    if ((await db.users.toArray()).some((u) => u.dataKey)) throw new NoKeyForUserError();
    const dataKey = newDataKey();
    const wrapped = await wrapDataKey(wrapKey, dataKey);
    await openKeyring(db, dataKey);
    await writeWith(db, { session, intent: 'ownPassphrase' }, [db.users], () =>
      db.users.put({ ...user, dataKey: wrapped }),
    );
  }
  await sealLegacyRecords(db, session);
  return session;
}

/** Signing out (or the idle lock): the keys leave memory; sealed data cannot be read until the next sign-in. */
export function signOut(db: ConsentbookDB): void {
  db.keyring.lock();
  directoryOf(db).reset();
}

let dummy: ReturnType<typeof createVerifier> | undefined;
function dummyVerifier() {
  dummy ??= createVerifier('not a real passphrase');
  return dummy;
}
