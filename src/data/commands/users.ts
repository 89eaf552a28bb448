/** Users and groups (Einstellungen): created and changed by a user with "manageUsers". */
import type { Group, Permission, User } from '../../domain/user';
import { PERMISSIONS } from '../../domain/user';
import type { ConsentbookDB } from '../db';
import { RuleError, SignInError } from '../core/errors';
import { createCredentials, unlockPassphrase } from '../core/crypto/passphrase';
import { checkNewUserInput, type NewUserInput } from '../auth';
import { requirePermission, type Session } from '../core/session';
import { writeWith } from '../write';

function checkPermissions(permissions: readonly string[]): Permission[] {
  const unknown = permissions.filter((p) => !PERMISSIONS.includes(p as Permission));
  if (unknown.length) throw new RuleError('error.unknownPermission', `Unknown permissions: ${unknown.join(', ')}`);
  return [...new Set(permissions as Permission[])];
}

export interface UserInput extends NewUserInput {
  groupIds?: string[];
  permissions?: Permission[];
  isAdmin?: boolean;
}

export async function createUser(db: ConsentbookDB, session: Session, input: UserInput): Promise<User> {
  requirePermission(session, 'manageUsers');
  checkNewUserInput(input);
  // The new user gets the data key wrapped under their passphrase: the creator's keyring holds it.
  const user: User = {
    id: crypto.randomUUID(),
    name: input.name.trim(),
    staffNumber: input.staffNumber.trim(),
    ...(await createCredentials(input.passphrase, db.keyring.requireDataKey())),
    groupIds: input.groupIds ?? [],
    permissions: checkPermissions(input.permissions ?? []),
    isAdmin: input.isAdmin ?? false,
    active: true,
    createdAt: new Date().toISOString(),
  };
  await writeWith(db, { session }, [db.users], async () => {
    if (await db.users.where('name').equals(user.name).count())
      throw new RuleError('error.userExists', 'A user with this name exists');
    await db.users.add(user);
  });
  return user;
}

export type UserChanges = Partial<Pick<User, 'staffNumber' | 'groupIds' | 'permissions' | 'isAdmin' | 'active'>>;

/** Changes a user's rights or deactivates them; the last administrator stays (the middleware refuses). */
export async function updateUser(
  db: ConsentbookDB,
  session: Session,
  userId: string,
  changes: UserChanges,
): Promise<void> {
  if (changes.permissions) changes = { ...changes, permissions: checkPermissions(changes.permissions) };
  await writeWith(db, { session }, [db.users], async () => {
    const user = await db.users.get(userId);
    if (!user) throw new RuleError('error.userMissing', `No user ${userId}`);
    await db.users.put({ ...user, ...changes });
  });
}

export async function deleteUser(db: ConsentbookDB, session: Session, userId: string): Promise<void> {
  await writeWith(db, { session }, [db.users], () => db.users.delete(userId));
}

/**
 * A user changes their own passphrase (the old one proves it is them). The data key is wrapped
 * anew under the new passphrase; no record is re-encrypted.
 */
export async function changePassphrase(
  db: ConsentbookDB,
  session: Session,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<void> {
  const user = await db.users.get(session.userId);
  if (!user || !(await unlockPassphrase(oldPassphrase, user.verifier))) throw new SignInError();
  checkNewUserInput({ name: user.name, staffNumber: user.staffNumber, passphrase: newPassphrase });
  const credentials = await createCredentials(newPassphrase, db.keyring.requireDataKey());
  // Changing one's own passphrase needs no "manageUsers": a session of the user itself may.
  await writeWith(db, { session, intent: 'ownPassphrase' }, [db.users], async () => {
    await db.users.put({ ...user, ...credentials });
  });
}

/**
 * An administrator sets another user's passphrase anew: forgotten, or an account from before
 * encryption at rest. The data key (in the administrator's keyring) is wrapped for it.
 */
export async function setUserPassphrase(
  db: ConsentbookDB,
  session: Session,
  userId: string,
  passphrase: string,
): Promise<void> {
  requirePermission(session, 'manageUsers');
  const user = await db.users.get(userId);
  if (!user) throw new RuleError('error.userMissing', `No user ${userId}`);
  checkNewUserInput({ name: user.name, staffNumber: user.staffNumber, passphrase });
  const credentials = await createCredentials(passphrase, db.keyring.requireDataKey());
  await writeWith(db, { session }, [db.users], async () => {
    await db.users.put({ ...user, ...credentials });
  });
}

export async function createGroup(
  db: ConsentbookDB,
  session: Session,
  name: string,
  permissions: Permission[],
): Promise<Group> {
  if (!name.trim()) throw new RuleError('error.groupNameRequired', 'A group needs a name');
  const group: Group = { id: crypto.randomUUID(), name: name.trim(), permissions: checkPermissions(permissions) };
  await writeWith(db, { session }, [db.groups], () => db.groups.add(group));
  return group;
}

export async function updateGroup(db: ConsentbookDB, session: Session, group: Group): Promise<void> {
  if (!group.name.trim()) throw new RuleError('error.groupNameRequired', 'A group needs a name');
  await writeWith(db, { session }, [db.groups], () =>
    db.groups.put({ ...group, permissions: checkPermissions(group.permissions) }),
  );
}

export async function deleteGroup(db: ConsentbookDB, session: Session, groupId: string): Promise<void> {
  await writeWith(db, { session }, [db.groups, db.users], async () => {
    const members = await db.users.filter((u) => u.groupIds.includes(groupId)).toArray();
    if (members.length)
      throw new RuleError('error.groupInUse', 'The group still has members', { count: members.length });
    await db.groups.delete(groupId);
  });
}
