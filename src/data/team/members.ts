/**
 * Members and the book's key epochs (issue 20, items 1 and 2).
 *
 * - Signing in opens the member's private key with their passphrase (made at the first sign-in
 *   where there is none) and their key grants, which put the book's epoch keys into the keyring.
 * - An administrator's device grants the current epoch to every active member who has a key pair
 *   and no grant of it yet (the first epoch starts when the book is connected), making each a
 *   server account of their own where the server lets it. Adding a member or a device seals no
 *   record again: it adds a grant.
 * - Removing a member ends their server account, starts a new epoch granted to the remaining
 *   members, and re-wraps every person's secret under it (rules/keyGrants.ts); the removed user's
 *   record stays (the log names them), deactivated and without any wrapped key. What they synced
 *   before cannot be taken back (README, the UI).
 */
import type { KeyGrant } from '../../domain/keyGrant';
import { keyGrantId } from '../../domain/keyGrant';
import type { User } from '../../domain/user';
import { rawConnection, type ConsentbookDB } from '../db';
import { RuleError } from '../core/errors';
import { requirePermission, type Session } from '../core/session';
import { keyIdOf, newMemberKeyPair, openPrivateKey } from '../core/crypto/memberKeys';
import { SYNC_CONFIG_KEY } from '../middleware/outbox';
import { writeWith } from '../write';
import { readConfig } from '../sync/state';
import type { SyncConfig } from '../sync/types';
import { grantTo, openGrant, takeGrant } from './grants';
import { forgetMember, memberOf, setMember } from './member';
import { createMemberAccount, endMemberAccount } from './serverAccounts';
import { vouchFor, type VouchProgress } from './vouch';

export { memberOf, forgetMember } from './member';

/**
 * After the passphrase was checked and the keyring opened: the member's private key (a new key
 * pair for a user who has none yet, stored with their record) and their grants' epoch keys.
 */
export async function openMember(
  db: ConsentbookDB,
  session: Session,
  user: User,
  wrapKey: CryptoKey,
  stored: KeyGrant[] | Promise<KeyGrant[]> = readGrants(db, user.id),
): Promise<void> {
  let privateKey = user.keyPair && (await openPrivateKey(wrapKey, user.keyPair.privateKey).catch(() => undefined));
  let keyPair = user.keyPair;
  // None yet, or one whose wrap the passphrase does not open (set anew by someone without it): a new pair.
  if (!privateKey || !keyPair) {
    const made = await newMemberKeyPair(wrapKey);
    privateKey = made.privateKey;
    keyPair = made.record;
    await writeWith(db, { session, intent: 'ownPassphrase' }, [db.users], () => db.users.put({ ...user, keyPair }));
  }
  const keyId = keyIdOf(keyPair.publicKey);
  let account: { username: string; password: string } | undefined;
  const grants = await stored;
  for (const grant of grants.filter((g) => g.keyId === keyId)) {
    try {
      account = takeGrant(db.keyring, await openGrant(privateKey, grant)) ?? account;
    } catch {
      // A grant that does not open (damaged, sealed to an earlier key pair) gives nothing.
    }
  }
  setMember(db, { userId: user.id, keyId, privateKey, ...(account ? { account } : {}) });
}

/** The user's key grants as stored, oldest epoch first (sign-in reads them beside PBKDF2). */
export function readGrants(db: ConsentbookDB, userId: string): Promise<KeyGrant[]> {
  return rawConnection(db).keyGrants.where('userId').equals(userId).sortBy('epoch');
}

/** A grant arriving by sync for the signed-in member: its keys (and account) are taken at once. */
export async function receiveGrant(db: ConsentbookDB, grant: KeyGrant): Promise<void> {
  const member = memberOf(db);
  if (!member || grant.userId !== member.userId || grant.keyId !== member.keyId || db.keyring.epoch >= grant.epoch)
    return;
  const account = takeGrant(db.keyring, await openGrant(member.privateKey, grant));
  if (account) member.account = account;
}

/** The id of the grant of `epoch` the signed-in member waits for, if anyone is signed in. */
export function awaitedGrant(db: ConsentbookDB, epoch: number): string | undefined {
  const member = memberOf(db);
  return member && `keyGrants:${keyGrantId(epoch, member.userId, member.keyId)}`;
}

async function isSynced(db: ConsentbookDB): Promise<boolean> {
  return !!(await rawConnection(db).settings.get(SYNC_CONFIG_KEY));
}

/** The book's server, with the signed-in member's account where their grant gave one (the device keeps no password then). */
export async function serverConfig(db: ConsentbookDB): Promise<SyncConfig | undefined> {
  const stored = await readConfig(db);
  const account = memberOf(db)?.account;
  return stored && (account ? { ...stored, ...account } : stored);
}

/** The account a new member syncs with: their own where the server lets this device make it, else the one this device uses. */
async function accountFor(config: SyncConfig, user: User, session: Session) {
  if (user.id !== session.userId) {
    const own = await createMemberAccount(config);
    if (own) return { account: own, serverAccount: own.username };
  }
  return { account: { username: config.username, password: config.password } };
}

/**
 * A member's grant of the current epoch, and their own server account where the server lets this
 * device make one — prepared before the transaction that writes the user (the server is asked
 * first), so the user's record and their grant are stored together and arrive together elsewhere.
 * Nothing for a book without key epochs (not synced), a user without a key pair, or on a device
 * that does not hold the book's newest epoch (a device that does grants them: grantDue).
 */
export async function prepareGrant(
  db: ConsentbookDB,
  session: Session,
  user: User,
  config?: SyncConfig,
): Promise<{ user: User; grant?: KeyGrant }> {
  if (!user.keyPair || db.keyring.epoch === 0 || db.keyring.epoch < (await newestStoredEpoch(db))) return { user };
  if (!(await isSynced(db))) return { user };
  config ??= await serverConfig(db);
  if (!config) return { user };
  const { account, serverAccount } = await accountFor(config, user, session);
  const grant = await grantTo(db.keyring, user, session.userId, account);
  return { user: serverAccount ? { ...user, serverAccount } : user, grant };
}

/**
 * Grants the book's key where no command did: the first epoch to every user when the book is
 * connected (or at the first sync of a book connected before), and later to users who made their
 * key pair at sign-in (users from before team keys). Administrators only; a no-op for a book that
 * does not sync. Returns how many grants were written.
 */
export function grantPending(db: ConsentbookDB, session: Session, config?: SyncConfig): Promise<number> {
  // One at a time per book: two runs would start two first epochs or grant twice.
  const run = (granting.get(db) ?? Promise.resolve(0)).catch(() => 0).then(() => grantDue(db, session, config));
  granting.set(db, run);
  return run;
}

const granting = new WeakMap<ConsentbookDB, Promise<number>>();

async function grantDue(db: ConsentbookDB, session: Session, config?: SyncConfig): Promise<number> {
  if (!session.permissions.has('manageUsers') || !(await isSynced(db))) return 0;
  config ??= await serverConfig(db);
  if (!config) return 0;
  // Grants of an epoch this device does not hold (its member's grant still on its way) were made
  // elsewhere: starting the first epoch here, or granting an older one, would hand out another key.
  const newest = await newestStoredEpoch(db);
  if (db.keyring.epoch < newest) return 0;
  const started = db.keyring.epoch === 0;
  if (started) db.keyring.addEpochKey(1, crypto.getRandomValues(new Uint8Array(32)));
  try {
    const raw = rawConnection(db);
    const keyIds = new Set((await raw.keyGrants.toArray()).map((g) => `${g.userId}:${g.keyId}`));
    // Users with an account of their own were granted by the command that made it (here or on
    // another device, whose grant may still be on its way): never twice.
    const due = (await raw.users.toArray()).filter(
      (u) =>
        u.active &&
        u.keyPair &&
        (started || (!u.serverAccount && !keyIds.has(`${u.id}:${keyIdOf(u.keyPair.publicKey)}`))),
    );
    if (due.length === 0) return 0;
    const prepared: { user: User; grant?: KeyGrant }[] = [];
    for (const user of due) prepared.push(await prepareGrant(db, session, user, config));
    const grants = prepared.flatMap((p) => (p.grant ? [p.grant] : []));
    await writeWith(db, { session }, [db.users, db.keyGrants], async () => {
      const changed = prepared.filter((p, i) => p.user !== due[i]).map((p) => p.user);
      if (changed.length) await db.users.bulkPut(changed);
      await db.keyGrants.bulkAdd(grants);
    });
    const own = grants.find((g) => g.userId === session.userId);
    if (own) await receiveOwn(db, own);
    return grants.length;
  } catch (e) {
    if (started) db.keyring.dropEpochKey(1);
    throw e;
  }
}

async function receiveOwn(db: ConsentbookDB, grant: KeyGrant): Promise<void> {
  const member = memberOf(db);
  if (!member || member.account) return;
  const content = await openGrant(member.privateKey, grant);
  if (content.account) member.account = content.account;
}

/**
 * Whether a removal here starts a new key epoch and sends every person again, their secrets
 * re-wrapped under it (rules/keyGrants.ts): a synced book whose team keys began — read from the
 * grants stored too, so a device whose own grant is on its way knows.
 */
export async function rewrapsOnRemoval(db: ConsentbookDB): Promise<boolean> {
  return (db.keyring.epoch > 0 || (await newestStoredEpoch(db)) > 0) && (await isSynced(db));
}

/** Whether this device holds the book's newest key epoch (or the team keys never began): what a removal needs. */
export async function holdsNewestEpoch(db: ConsentbookDB): Promise<boolean> {
  return db.keyring.epoch >= (await newestStoredEpoch(db));
}

/**
 * The newest epoch the book holds a grant of, whoever it is for (0: the team keys never began).
 * Read from the stored grants, not this device's keyring: a device whose own grant has not arrived
 * holds no epoch key yet, though the book's epochs began elsewhere. A live query reading it runs
 * again when a grant arrives.
 */
async function newestStoredEpoch(db: ConsentbookDB): Promise<number> {
  return (await rawConnection(db).keyGrants.orderBy('epoch').last())?.epoch ?? 0;
}

export interface Removal {
  /** The epoch the book's key entered. */
  epoch: number;
  /** Whether the server account of the member was deleted (false: shared account, or the server refused). */
  serverAccessEnded: boolean;
}

/**
 * Removes a member from the team: their server account ends, a new epoch starts for the others,
 * the persons' secrets are re-wrapped under it. Their user record stays, deactivated, without
 * any wrapped key, naming the ended account. manageUsers, and in a synced book an administrator
 * (every person is sent again in their name); nobody removes themselves.
 */
export async function removeMember(
  db: ConsentbookDB,
  session: Session,
  userId: string,
  onProgress?: VouchProgress,
): Promise<Removal> {
  requirePermission(session, 'manageUsers');
  if (userId === session.userId) throw new RuleError('error.removeSelf', 'Nobody removes themselves from the team');
  const raw = rawConnection(db);
  const user = await raw.users.get(userId);
  if (!user) throw new RuleError('error.userMissing', `No user ${userId}`);
  // Every removal from a synced team vouches for what the member wrote (team/vouch.ts) and, once the
  // team keys began, sends every person again: both an administrator's device only.
  const synced = await isSynced(db);
  if (synced && !session.isAdmin)
    throw new RuleError('error.removeNeedsAdmin', 'Only an administrator removes a member from a synced team');
  const config = synced ? await serverConfig(db) : undefined;
  const rewraps = !!config && (await rewrapsOnRemoval(db));
  // The next epoch is this device's newest plus one: without the book's newest key, a removal would
  // leave the member the key they hold, or give an epoch a second key.
  if (rewraps && !(await holdsNewestEpoch(db)))
    throw new RuleError('error.removeNeedsBookKey', "This device does not hold the team's newest key");
  // What they wrote goes out again in this administrator's name, or stays vouched for by their
  // record — read before their account ends, so a failure here leaves nothing half done.
  const vouching = await vouchFor(db, session, [user], { lost: 'all', personsSent: rewraps, onProgress });
  const serverAccessEnded = !!(config && user.serverAccount && (await endMemberAccount(config, user.serverAccount)));
  const { keyPair: _k, dataKey: _d, serverAccount: _s, ...kept } = vouching.users[0];
  // The ended account stays named: what the member wrote through it, while a member, is still
  // accepted elsewhere as theirs (sync/check.ts); a shared account or a refusal ends nothing.
  const removed: User = {
    ...kept,
    active: false,
    ...(serverAccessEnded && user.serverAccount ? { endedAccount: user.serverAccount } : {}),
  };
  const ctx = { session, resend: vouching.resend };
  if (!rewraps) {
    await writeWith(db, ctx, [db.users], () => db.users.put(removed));
    return { epoch: db.keyring.epoch, serverAccessEnded };
  }
  const epoch = db.keyring.epoch + 1;
  db.keyring.addEpochKey(epoch, crypto.getRandomValues(new Uint8Array(32)));
  try {
    const others = (await raw.users.toArray()).filter((u) => u.id !== userId && u.active && u.keyPair);
    const grants = await Promise.all(others.map((u) => grantTo(db.keyring, u, session.userId)));
    await writeWith(db, ctx, [db.users, db.keyGrants], async () => {
      await db.users.put(removed);
      await db.keyGrants.bulkAdd(grants);
    });
  } catch (e) {
    db.keyring.dropEpochKey(epoch);
    throw e;
  }
  return { epoch, serverAccessEnded };
}

/** Signing out: the private key and account leave memory with the keyring. */
export function closeMember(db: ConsentbookDB): void {
  forgetMember(db);
}
