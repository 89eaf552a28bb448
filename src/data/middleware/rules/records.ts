/** Requests, breaches and campaigns: a signed-in user with the edit permission; their commands check the rest. */
import { requirePermission } from '../../core/session';
import { permissionFor, type TableRule } from './rule';

export const recordRules: TableRule<unknown> = {
  readsStored: false,
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx));
  },
  beforeWrite: (_old, next) => ({ value: next }),
  beforeDelete: () => ({}),
};
