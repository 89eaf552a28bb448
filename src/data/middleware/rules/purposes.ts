/** Purposes: reference data with their own permission; changes logged; a purpose in use stays. */
import type { Purpose } from '../../../domain/purpose';
import { RuleError } from '../../core/errors';
import { refreshStatuses } from '../../core/personStatus';
import { isPurposeInUse } from '../../core/purposeUse';
import { requirePermission } from '../../core/session';
import { holdsPrivilege } from '../../core/capability';
import { auditEntry } from '../audit';
import { equalRange } from '../mutations';
import { changedKeys, type Change, type RuleWrite, type TableRule } from './rule';

async function uses(w: RuleWrite, table: string, keyPath: string, purposeId: string): Promise<number> {
  const t = w.down.table(table);
  const index = t.schema.getIndexByKeyPath(keyPath);
  if (!index) throw new Error(`${table} has no index on ${keyPath}`);
  return t.count({ trans: w.trans, query: { index, range: equalRange(purposeId) } });
}

export const purposeRules: TableRule<Purpose> = {
  prepare(w) {
    requirePermission(w.ctx.session, 'manageReferenceLists');
  },
  beforeWrite(old, next, w) {
    const changed = changedKeys(old, next);
    if (!changed.length || holdsPrivilege(w.ctx.capability, 'seed')) return { value: next };
    return {
      value: next,
      audit: auditEntry(w.ctx, 'settingsChanged', '', {
        fieldKeys: changed,
        purpose: next,
        context: `purpose:${next.id}`,
      }),
    };
  },
  async beforeDelete(_old, key, w) {
    if (await isPurposeInUse(key, (table, index, id) => uses(w, table, index, id)))
      throw new RuleError('error.purposeInUse', 'A purpose in use cannot be deleted; deactivate it instead');
    return { audit: auditEntry(w.ctx, 'settingsChanged', '', { fieldKeys: ['deleted'], context: `purpose:${key}` }) };
  },
  /** Whether a purpose needs consent decides the consent-gap flag of everyone held for it. */
  async afterWrite(changes: Change<Purpose>[], w) {
    const persons = w.down.table('persons');
    const index = persons.schema.getIndexByKeyPath('purposeId');
    if (!index) throw new Error('persons has no index on purposeId');
    for (const { key, old, next } of changes) {
      if (!!old?.requiresConsent === !!next?.requiresConsent) continue;
      const held = await persons.query({ trans: w.trans, query: { index, range: equalRange(key) } });
      await refreshStatuses(w.down, w.trans, held.result as string[]);
    }
  },
};
