/** Local users, groups and permissions. */
import type { RecordProblem } from './recordProblem';
import type { Vouched } from './vouched';

export const PERMISSIONS = [
  'editPersons',
  'deletePersons',
  'lockPersons',
  'manageReferenceLists',
  'issueReports',
  'manageUsers',
  'changePrivacySettings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface PassphraseVerifier {
  algorithm: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 of the derived bits */
  hash: string;
}

/**
 * The PBKDF2 iterations a user's verifier may name: the app's own count at least — with fewer, the
 * member's wrap of the data key, stored on every device of the team, would be cheap to guess from
 * a copied disk — and no more than a device can run at sign-in.
 */
export const VERIFIER_ITERATIONS = { min: 600_000, max: 10_000_000 } as const;

/** Why a user's verifier is not one the app makes (undefined: it is). */
export function verifierProblem(v: unknown): RecordProblem | undefined {
  const verifier = v as Partial<PassphraseVerifier> | null | undefined;
  const n = verifier?.iterations;
  const whole = typeof n === 'number' && Number.isInteger(n);
  if (verifier?.algorithm === 'PBKDF2-SHA-256' && whole && n >= VERIFIER_ITERATIONS.min && n <= VERIFIER_ITERATIONS.max)
    return undefined;
  return {
    messageKey: 'error.userVerifier',
    reason: `its passphrase verifier is not PBKDF2-SHA-256 with ${VERIFIER_ITERATIONS.min} to ${VERIFIER_ITERATIONS.max} iterations`,
    params: { min: VERIFIER_ITERATIONS.min },
  };
}

/** The database's data key, encrypted under a key derived from this user's passphrase. */
export interface WrappedKey {
  algorithm: 'AES-256-GCM';
  /** base64 */
  iv: string;
  /** base64 of ciphertext and tag */
  data: string;
}

/**
 * A member's key pair (ECDH P-256): the public key in plain (SPKI, base64), the private key
 * (PKCS#8) wrapped under the member's passphrase-derived key, like the data key. Key grants of the
 * book's key epochs are sealed to the public key (data/team).
 */
export interface MemberKeyPair {
  publicKey: string;
  privateKey: WrappedKey;
}

export interface User {
  id: string;
  name: string;
  staffNumber: string;
  verifier: PassphraseVerifier;
  /** Absent only for users from before encryption at rest. */
  dataKey?: WrappedKey;
  /** Absent for users who have not signed in since team keys came (made at their next sign-in). */
  keyPair?: MemberKeyPair;
  /** The member's own account on the sync server (its name only; the password is in their key grant). */
  serverAccount?: string;
  /**
   * The own server account a removal ended (removeMember): what the member wrote through it, while
   * a member, is judged by the rights this record still holds (sync/check.ts) — nothing could be
   * written through it after it ended.
   */
  endedAccount?: string;
  /**
   * What an administrator vouched for of this member's writing when lowering their rights or
   * removing them (domain/vouched.ts): accepted where it arrives later.
   */
  vouched?: Vouched;
  groupIds: string[];
  /** Granted directly, in addition to the groups'. */
  permissions: Permission[];
  isAdmin: boolean;
  active: boolean;
  createdAt: string;
}

export interface Group {
  id: string;
  name: string;
  permissions: Permission[];
}

/** Administrators hold every permission; others the union of their own and their groups'. */
export function effectivePermissions(
  user: Pick<User, 'isAdmin' | 'permissions' | 'groupIds'>,
  groups: readonly Group[],
): Set<Permission> {
  if (user.isAdmin) return new Set(PERMISSIONS);
  const set = new Set<Permission>(user.permissions);
  for (const g of groups) if (user.groupIds.includes(g.id)) g.permissions.forEach((p) => set.add(p));
  return set;
}

export interface Roster {
  users: readonly User[];
  groups: readonly Group[];
}

/**
 * Whether `next` changes nothing of the user's record but what its owner may change without any
 * permission: their passphrase (verifier, wrapped data key) and their key pair. Checked where the
 * change is made (rules/users.ts) and where another device's change arrives (sync/check.ts).
 */
export function onlyOwnKeysChanged(old: User, next: User): boolean {
  const rest = (u: User) => JSON.stringify({ ...u, verifier: null, dataKey: null, keyPair: null });
  return old.id === next.id && rest(old) === rest(next);
}

/**
 * Whether a change of a user's record sets `endedAccount` as only a removal does: to the own
 * server account the record held before, now gone, the user deactivated. Unchanged, it passes.
 */
export function endsAccountAsRemoval(old: User | undefined, next: User): boolean {
  if (next.endedAccount === old?.endedAccount) return true;
  return !!old?.serverAccount && next.endedAccount === old.serverAccount && !next.serverAccount && !next.active;
}

/**
 * Whether an author (`byAdmin`: an administrator) may write `next` over `old` as to its ended server
 * account: unchanged, or recorded as an administrator's removal does (team/members.ts removeMember;
 * the account then vouches for the removed member's documents). One statement for the change made
 * here (rules/users.ts) and one arriving by sync (sync/check.ts).
 */
export function mayRecordEndedAccount(byAdmin: boolean, old: User | undefined, next: User): boolean {
  return next.endedAccount === old?.endedAccount || (byAdmin && endsAccountAsRemoval(old, next));
}

/**
 * Whether changing this user (as stored before and as written; undefined: none) is an
 * administrator's alone: making, changing or deleting an administrator. One statement for the
 * rule (rules/users.ts), another device's change (sync/check.ts) and what the screen offers.
 */
export function administratorOnly(before: User | undefined, after?: User): boolean {
  return before?.isAdmin === true || after?.isAdmin === true;
}

/**
 * Whether the book has an active administrator: the last one stays — refused where the change is
 * made (rules/users.ts) and where another device's change arrives (sync/check.ts).
 */
export function hasActiveAdministrator(users: readonly User[]): boolean {
  return users.some((u) => u.isAdmin && u.active);
}

/**
 * Whether a change of users or groups gives `userId` a permission or the administrator role they
 * did not hold before — directly or through a group. Nobody may raise their own rights.
 */
export function raisesOwnRights(userId: string, before: Roster, after: Roster): boolean {
  const was = before.users.find((u) => u.id === userId);
  const is = after.users.find((u) => u.id === userId);
  if (!was || !is) return false;
  if (is.isAdmin && !was.isAdmin) return true;
  const held = effectivePermissions(was, before.groups);
  return [...effectivePermissions(is, after.groups)].some((p) => !held.has(p));
}

/**
 * What a change of a user's record (and of the groups) takes from them: everything (deactivated),
 * the permissions they held and no longer hold (the administrator role is every permission), or
 * nothing (undefined). Devices then refuse what they may no longer write, earlier documents too
 * (what data/team/vouch.ts answers).
 */
export function rightsLost(
  before: User,
  after: User,
  groupsBefore: readonly Group[],
  groupsAfter = groupsBefore,
): Set<Permission> | 'all' | undefined {
  if (!before.active) return undefined;
  if (!after.active) return 'all';
  const now = effectivePermissions(after, groupsAfter);
  const lost = new Set([...effectivePermissions(before, groupsBefore)].filter((p) => !now.has(p)));
  return lost.size || (before.isAdmin && !after.isAdmin) ? lost : undefined;
}
