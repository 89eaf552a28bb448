/**
 * Business transactions: none for a locked person (Art. 18); they decide who is on the worklist.
 * They are proof: every change and deletion of one is logged (its id and field keys). Each is valid
 * (transactionProblem) — but erasing a person only takes them off theirs, whatever else they hold.
 */
import type { Person } from '../../../domain/person';
import { transactionProblem, type BusinessTransaction } from '../../../domain/transaction';
import { PersonLockedError, problemError } from '../../core/errors';
import { refreshStatuses } from '../../core/personStatus';
import { requirePermission } from '../../core/session';
import { permissionFor, type TableRule } from './rule';
import { proofChange } from './proof';

export const transactionRules: TableRule<BusinessTransaction> = {
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
  },
  async beforeWrite(old, next, w) {
    const audit = await proofChange(w, 'transaction', next.id, old, next, '');
    if (w.ctx.intent === 'erase') return { value: next, audit };
    const problem = transactionProblem(next);
    if (problem) throw problemError(problem);
    const added = next.personIds.filter((id) => !old?.personIds.includes(id));
    const persons = (await w.down.table('persons').getMany({ trans: w.trans, keys: added })) as (Person | undefined)[];
    const locked = persons.find((p) => p?.lock);
    if (locked) throw new PersonLockedError(locked.id);
    return { value: next, audit };
  },
  beforeDelete: async (old, key, w) => ({ audit: await proofChange(w, 'transaction', key, old, undefined, '') }),
  async afterWrite(changes, w) {
    await refreshStatuses(
      w.down,
      w.trans,
      changes.flatMap((c) => [...(c.old?.personIds ?? []), ...(c.next?.personIds ?? [])]),
    );
  },
};
