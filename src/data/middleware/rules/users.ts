/**
 * Users and groups: managed with "manageUsers" and logged. The first administrator is created
 * without a session (nobody can sign in before); the last active administrator stays; a user may
 * change their own passphrase, and nothing else of their record, without the permission.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable } from 'dexie';
import type { Group, User } from '../../../domain/user';
import type { WriteContext } from '../../core/context';
import { RuleError } from '../../core/errors';
import { requirePermission } from '../../core/session';
import { auditEntry } from '../audit';
import { isDelete, readAll } from '../mutations';
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
  return (
    JSON.stringify({ ...old, verifier: null, dataKey: null }) ===
    JSON.stringify({ ...next, verifier: null, dataKey: null })
  );
}

function checkAdminRemains(existing: User[], w: RuleWrite): void {
  const after = new Map(existing.map((u) => [u.id, u] as const));
  const req = w.req;
  if (isDelete(req)) w.keys.forEach((k) => after.delete(String(k)));
  else req.values.forEach((v, i) => after.set(String(w.keys[i]), v as User));
  if (![...after.values()].some((u) => u.isAdmin && u.active))
    throw new RuleError('error.lastAdmin', 'The last administrator cannot be removed or demoted');
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
    const existing = await readAll<User>(w.down.table('users'), w.trans);
    if (!isOwnPassphraseChange(w.ctx, w.table.name, w.req, existing)) requirePermission(w.ctx.session, 'manageUsers');
    if (w.table.name === 'users') checkAdminRemains(existing, w);
  },
  beforeWrite: (old, next, w) => ({ value: next, audit: logged(w, next.id, changedKeys(old, next)) }),
  beforeDelete: (_old, key, w) => ({ audit: logged(w, key, ['deleted']) }),
};
