/**
 * Users and groups: managed with "manageUsers" and logged. The first administrator is created
 * without a session (nobody can sign in before); the last active administrator stays; a user may
 * change their own passphrase, and nothing else of their record, without the permission. Only an
 * administrator makes or changes an administrator, and nobody raises their own rights. A user's
 * ended server account is recorded only by an administrator removing them (team/members.ts removeMember).
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import {
  administratorOnly,
  hasActiveAdministrator,
  mayRecordEndedAccount,
  onlyOwnKeysChanged,
  raisesOwnRights,
  rightsLost,
  type Group,
  type Roster,
  type User,
  verifierProblem,
} from '../../../domain/user';
import { mayRecordVouched } from '../../../domain/vouched';
import type { WriteContext } from '../../core/context';
import { problemError, RuleError } from '../../core/errors';
import { requirePermission } from '../../core/session';
import { auditEntry } from '../audit';
import { isDelete, readAll } from '../mutations';
import { SYNC_CONFIG_KEY } from '../../core/syncSettings';
import { tablePermissions } from './permissions';
import { asLastWritten, BOOK_TAGS_KEY, type BookTagsRecord } from '../bookTags';
import { changedKeys, type RuleWrite, type TableRule } from './rule';

function isOwnPassphraseChange(
  ctx: WriteContext,
  tableName: string,
  req: DBCoreMutateRequest,
  existing: User[],
): boolean {
  if (ctx.intent !== 'ownPassphrase' || tableName !== 'users' || req.type !== 'put' || req.values.length !== 1)
    return false;
  const next = req.values[0] as User;
  const old = existing.find((u) => u.id === next.id);
  if (!old || old.id !== ctx.session.userId) return false;
  return onlyOwnKeysChanged(old, next);
}

/** Whether a roster change takes rights from any user (deactivated, demoted, a permission gone). */
function lowersAnyone(before: Roster, after: Roster): boolean {
  return before.users.some((u) => {
    const next = after.users.find((a) => a.id === u.id);
    return !!next && !!rightsLost(u, next, before.groups, after.groups);
  });
}

/** The records of the written table as they are after the write. */
function applied<T extends { id: string }>(records: readonly T[], w: RuleWrite): T[] {
  const after = new Map(records.map((r) => [r.id, r] as const));
  const req = w.req;
  if (isDelete(req)) w.keys.forEach((k) => after.delete(String(k)));
  else req.values.forEach((v, i) => after.set(String(w.keys[i]), v as T));
  return [...after.values()];
}

function checkUsers(existing: User[], after: User[], w: RuleWrite): void {
  const touched = new Set(w.keys.map(String));
  const before = (id: string) => existing.find((u) => u.id === id);
  const written = (id: string) => after.find((u) => u.id === id);
  if (!w.ctx.session.isAdmin && [...touched].some((id) => administratorOnly(before(id), written(id))))
    throw new RuleError('error.adminGrantsAdmin', 'Only an administrator makes or changes an administrator');
  if (!hasActiveAdministrator(after))
    throw new RuleError('error.lastAdmin', 'The last administrator cannot be removed or demoted');
  // The account a removal ended vouches for what the removed member wrote (sync/check.ts): only an
  // administrator's removal sets it.
  const isAdmin = w.ctx.session.isAdmin;
  const puts = isDelete(w.req) ? [] : (w.req.values as User[]).map((v) => ({ old: before(v.id), next: v }));
  if (puts.some(({ old, next }) => !mayRecordEndedAccount(isAdmin, old, next)))
    throw new RuleError(
      'error.endedAccount',
      "Only an administrator's removal of a member from the team records their ended server account",
    );
  // What an administrator vouches for is accepted from the member elsewhere (sync/check.ts): set by one only, only added to.
  if (puts.some(({ old, next }) => !mayRecordVouched(isAdmin, old, next)))
    throw new RuleError(
      'error.vouched',
      'Only an administrator vouches for what a member wrote (when lowering their rights or removing them), and only by adding to it',
    );
}

function logged(w: RuleWrite, key: string, fieldKeys: string[]) {
  return auditEntry(w.ctx, 'settingsChanged', '', { fieldKeys, context: `${w.table.name}:${key}` });
}

export const userRules: TableRule<User | Group> = {
  async admitsWithoutSession(down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest) {
    if (table.name !== 'users' || req.type !== 'add' || req.values.length !== 1 || !(req.values[0] as User).isAdmin)
      return false;
    return (await readAll<User>(down.table('users'), req.trans)).length === 0;
  },
  async prepare(w) {
    const stored = await readAll<User>(w.down.table('users'), w.trans);
    if (!isOwnPassphraseChange(w.ctx, w.table.name, w.req, stored))
      requirePermission(w.ctx.session, tablePermissions(w.table.name).write);
    // Rights are judged as the app last wrote them, as a sign-in grants them (bookTags.ts): a
    // record changed outside the app counts with its kept rights, or with none.
    const keyring = w.keyring?.unlocked ? w.keyring : undefined;
    const found =
      keyring &&
      ((await w.down.table('settings').get({ trans: w.trans, key: BOOK_TAGS_KEY })) as BookTagsRecord | undefined);
    const asWritten = <T extends User | Group>(table: 'users' | 'groups', records: T[]): T[] =>
      keyring && found ? records.map((r) => asLastWritten(keyring, found, table, r).record) : records;
    const existing = asWritten('users', stored);
    const groups = asWritten('groups', await readAll<Group>(w.down.table('groups'), w.trans));
    const after: Roster =
      w.table.name === 'users'
        ? { users: applied(existing, w), groups }
        : { users: existing, groups: applied(groups, w) };
    if (w.table.name === 'users') checkUsers(existing, after.users as User[], w);
    // Other devices need a user's record for what they wrote (their log entries name them): in a
    // synced book a user is removed from the team, never deleted (a device joining later would
    // wait for the record without end).
    const synced = async () => !!(await w.down.table('settings').get({ trans: w.trans, key: SYNC_CONFIG_KEY }));
    if (w.table.name === 'users' && isDelete(w.req) && (await synced()))
      throw new RuleError('error.userDeleteSynced', 'In a synced book a user is removed from the team, not deleted');
    // Taking rights in a synced team vouches for what the member wrote while they could (team/vouch.ts),
    // which only an administrator's device can: otherwise devices joining later refuse it.
    if (!w.ctx.session.isAdmin && lowersAnyone({ users: existing, groups }, after) && (await synced()))
      throw new RuleError('error.lowerNeedsAdmin', 'Only an administrator takes rights from a member of a synced team');
    if (raisesOwnRights(w.ctx.session.userId, { users: existing, groups }, after))
      throw new RuleError('error.ownRights', 'Nobody can raise their own rights; another user must grant them');
  },
  beforeWrite(old, next, w) {
    // A member's record goes to every device: a weak verifier there would make their wrap of the data key cheap to guess.
    const problem = w.table.name === 'users' ? verifierProblem((next as User).verifier) : undefined;
    if (problem) throw problemError(problem);
    return { value: next, audit: logged(w, next.id, changedKeys(old, next)) };
  },
  beforeDelete: (_old, key, w) => ({ audit: logged(w, key, ['deleted']) }),
};
