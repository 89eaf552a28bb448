/**
 * Key grants (data/team): written by a user with "manageUsers", never changed or deleted. A new
 * epoch's first grant re-wraps every person's key secret under it: each person goes out again with
 * the same sealed body and their secret sealed under the new epoch's key (sync/docs.ts) — in the
 * grant's own transaction, so an epoch never starts without the re-wrap queued.
 */
import { keyGrantProblem, type KeyGrant } from '../../../domain/keyGrant';
import { RuleError, type ErrorKey } from '../../core/errors';
import { requirePermission } from '../../core/session';
import { auditEntry } from '../audit';
import { allKeys, readAll, throwOnFailure } from '../mutations';
import type { OutboxRow } from '../outbox';
import type { TableRule } from './rule';
import { TABLE_PERMISSIONS } from './permissions';

export const keyGrantRules: TableRule<KeyGrant> = {
  prepare(w) {
    requirePermission(w.ctx.session, TABLE_PERMISSIONS.keyGrants.write);
    // Append-only (APPEND_ONLY_TABLES, ./deletes.ts): only added, never changed (a put) or deleted.
    if (w.req.type !== 'add') throw new RuleError('error.keyGrantFixed', 'Key grants are never changed or deleted');
  },
  readsStored: false,
  beforeWrite: (_old, next, w) => {
    const problem = keyGrantProblem(next as unknown as Record<string, unknown>);
    if (problem) throw new RuleError(problem.messageKey as ErrorKey, `A key grant: ${problem.reason}`);
    return {
      value: next,
      audit: auditEntry(w.ctx, 'settingsChanged', '', { fieldKeys: ['keyGrant'], context: `keyGrants:${next.id}` }),
    };
  },
  beforeDelete: () => ({}),
  async afterWrite(changes, w) {
    const epochs = new Set(changes.flatMap((c) => (c.next ? [c.next.epoch] : [])));
    const stored = await readAll<KeyGrant>(w.down.table('keyGrants'), w.trans);
    for (const epoch of epochs) {
      const written = changes.filter((c) => c.next?.epoch === epoch).length;
      if (stored.filter((g) => g.epoch === epoch).length !== written) continue;
      // The epoch's first grants: every person's secret goes out again under its key.
      const persons = await allKeys(w.down.table('persons'), w.trans);
      const rows: OutboxRow[] = (persons as string[]).map((key) => ({
        table: 'persons',
        key,
        author: w.ctx.session.userId,
      }));
      if (rows.length)
        throwOnFailure(await w.down.table('outbox').mutate({ type: 'add', trans: w.trans, values: rows }));
    }
  },
};
