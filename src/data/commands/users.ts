/** Users and groups (Einstellungen): created and changed by a user with "manageUsers". */
import type { Group, Permission, User } from '../../domain/user';
import { PERMISSIONS, rightsLost } from '../../domain/user';
import type { ConsentbookDB } from '../db';
import { RuleError, SignInError } from '../core/errors';
import { credentialsWithKey, unlockPassphrase } from '../core/crypto/passphrase';
import { newMemberKeyPair, rewrapPrivateKey } from '../core/crypto/memberKeys';
import { prepareGrant, serverConfig } from '../team/members';
import { endMemberAccount } from '../team/serverAccounts';
import { vouchFor, type VouchProgress } from '../team/vouch';
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
  // The new user gets the data key wrapped under their passphrase (the creator's keyring holds it)
  // and a key pair whose private key only that passphrase opens.
  const { credentials, wrapKey } = await credentialsWithKey(input.passphrase, db.keyring.requireDataKey());
  const user: User = {
    id: crypto.randomUUID(),
    name: input.name.trim(),
    staffNumber: input.staffNumber.trim(),
    ...credentials,
    keyPair: (await newMemberKeyPair(wrapKey)).record,
    groupIds: input.groupIds ?? [],
    permissions: checkPermissions(input.permissions ?? []),
    isAdmin: input.isAdmin ?? false,
    active: true,
    createdAt: new Date().toISOString(),
  };
  // On a synced book the new member gets the book's key sealed to them (and a server account), stored with them.
  const granted = await prepareGrant(db, session, user);
  await writeWith(db, { session }, [db.users, db.keyGrants], async () => {
    if (await db.users.where('name').equals(user.name).count())
      throw new RuleError('error.userExists', 'A user with this name exists');
    await db.users.add(granted.user);
    if (granted.grant) await db.keyGrants.add(granted.grant);
  });
  return granted.user;
}

export type UserChanges = Partial<Pick<User, 'staffNumber' | 'groupIds' | 'permissions' | 'isAdmin' | 'active'>>;

/** Changes a user's rights or deactivates them; the last administrator stays (the middleware refuses). */
export async function updateUser(
  db: ConsentbookDB,
  session: Session,
  userId: string,
  changes: UserChanges,
  onProgress?: VouchProgress,
): Promise<void> {
  if (changes.permissions) changes = { ...changes, permissions: checkPermissions(changes.permissions) };
  const before = await db.users.get(userId);
  if (!before) throw new RuleError('error.userMissing', `No user ${userId}`);
  const groups = await db.groups.toArray();
  // Rights taken (or the user deactivated): what they wrote while they could is vouched for.
  const lost = rightsLost(before, { ...before, ...changes }, groups);
  const vouching = lost ? await vouchFor(db, session, [before], { lost, onProgress }) : undefined;
  await writeWith(db, { session, resend: vouching?.resend }, [db.users], async () => {
    const user = await db.users.get(userId);
    if (!user) throw new RuleError('error.userMissing', `No user ${userId}`);
    const vouched = vouching?.users[0].vouched;
    await db.users.put({ ...user, ...changes, ...(vouched && { vouched }) });
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
  const oldKey = user && (await unlockPassphrase(oldPassphrase, user.verifier));
  if (!user || !oldKey) throw new SignInError();
  checkNewUserInput({ name: user.name, staffNumber: user.staffNumber, passphrase: newPassphrase });
  const { credentials, wrapKey } = await credentialsWithKey(newPassphrase, db.keyring.requireDataKey());
  // The same key pair (its grants stay valid), its private key wrapped under the new passphrase.
  const keyPair = user.keyPair && {
    ...user.keyPair,
    privateKey: await rewrapPrivateKey(oldKey, wrapKey, user.keyPair.privateKey),
  };
  // Changing one's own passphrase needs no "manageUsers": a session of the user itself may.
  await writeWith(db, { session, intent: 'ownPassphrase' }, [db.users], async () => {
    await db.users.put({ ...user, ...credentials, ...(keyPair ? { keyPair } : {}) });
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
  const { credentials, wrapKey } = await credentialsWithKey(passphrase, db.keyring.requireDataKey());
  // The old private key is not known here: a new key pair, granted the book's key anew.
  const keyPair = (await newMemberKeyPair(wrapKey)).record;
  const { serverAccount: old, ...rest } = user;
  const granted = await prepareGrant(db, session, { ...rest, ...credentials, keyPair });
  await writeWith(db, { session }, [db.users, db.keyGrants], async () => {
    await db.users.put(granted.user);
    if (granted.grant) await db.keyGrants.add(granted.grant);
  });
  // Their former account's password was sealed to the former key: it ends, the new grant carries a new one.
  const config = old && granted.user.serverAccount !== old ? await serverConfig(db) : undefined;
  if (config && old) await endMemberAccount(config, old);
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

export async function updateGroup(
  db: ConsentbookDB,
  session: Session,
  group: Group,
  onProgress?: VouchProgress,
): Promise<void> {
  if (!group.name.trim()) throw new RuleError('error.groupNameRequired', 'A group needs a name');
  const next = { ...group, permissions: checkPermissions(group.permissions) };
  const groupsBefore = await db.groups.toArray();
  const groupsAfter = [...groupsBefore.filter((g) => g.id !== group.id), next];
  // Members the change takes a permission from: what they wrote while they could is vouched for.
  const members = (await db.users.toArray()).filter((u) => u.groupIds.includes(group.id));
  const losses = members.map((u) => rightsLost(u, u, groupsBefore, groupsAfter));
  const lost = new Set(losses.flatMap((l) => (l && l !== 'all' ? [...l] : [])));
  const losing = members.filter((_, i) => losses[i]);
  const vouching = await vouchFor(db, session, losing, { lost, onProgress });
  // Only the records something is kept on are written again (each write is a log entry).
  const kept = vouching.users.filter((u, i) => u !== losing[i]);
  // The vouches go out before the group's lowered rights (the outbox keeps this order): a device
  // pulling the book between the two never holds the lowered group without them, which would refuse
  // what the members wrote while they could — for good.
  await writeWith(db, { session, resend: vouching.resend }, [db.groups, db.users], async () => {
    for (const { id, vouched } of kept) {
      const user = await db.users.get(id);
      if (user) await db.users.put({ ...user, vouched });
    }
    await db.groups.put(next);
  });
}

export async function deleteGroup(db: ConsentbookDB, session: Session, groupId: string): Promise<void> {
  await writeWith(db, { session }, [db.groups, db.users], async () => {
    const members = await db.users.filter((u) => u.groupIds.includes(groupId)).toArray();
    if (members.length)
      throw new RuleError('error.groupInUse', 'The group still has members', { count: members.length });
    await db.groups.delete(groupId);
  });
}
