/**
 * Kept drafts (a form's unsaved changes at the idle lock): each user writes and deletes only
 * their own, so no one can plant a draft in another user's form. Not logged: a draft changes no
 * data, and saving it later is logged like any save.
 */
import { RuleError } from '../../core/errors';
import type { KeptDraft } from '../../core/records';
import type { RuleWrite, TableRule } from './rule';

function requireOwn(userId: string, w: RuleWrite): void {
  if (userId !== w.ctx.session.userId)
    throw new RuleError('error.draftNotOwn', 'A kept draft can be written and deleted only by its own user');
}

export const draftRules: TableRule<KeptDraft> = {
  readsStored: false,
  beforeWrite: (_old, next, w) => {
    requireOwn(next.userId, w);
    return { value: next };
  },
  beforeDelete: (_old, key, w) => {
    requireOwn(key, w);
    return {};
  },
};
