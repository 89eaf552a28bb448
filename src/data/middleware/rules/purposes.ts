/**
 * Purposes: reference data with their own permission; valid (purposeProblem), one on basis f with
 * its legitimate interest (interestProblem); changes logged; a purpose in use stays.
 */
import { interestProblem, purposeProblem, type Purpose } from '../../../domain/purpose';
import { problemError, RuleError } from '../../core/errors';
import { refreshStatuses } from '../../core/personStatus';
import { isPurposeInUse, PERSONS_BY_PURPOSE, personPurposeKeys } from '../../core/purposeUse';
import { requirePermission } from '../../core/session';
import { holdsPrivilege } from '../../core/capability';
import { auditEntry } from '../audit';
import { equalRange } from '../mutations';
import { TABLE_PERMISSIONS } from './permissions';
import { changedKeys, type Change, type RuleWrite, type TableRule } from './rule';

/** An index by its name in the schema string ('[a+b]' for a compound one). */
function indexOf(w: RuleWrite, table: string, name: string) {
  const t = w.down.table(table);
  const index = t.schema.indexes.find((i) => i.name === name);
  if (!index) throw new Error(`${table} has no index ${name}`);
  return { t, index };
}

async function uses(w: RuleWrite, table: string, name: string, keys: unknown[]): Promise<number> {
  const { t, index } = indexOf(w, table, name);
  const counts = await Promise.all(
    keys.map((key) => t.count({ trans: w.trans, query: { index, range: equalRange(key) } })),
  );
  return counts.reduce((a, b) => a + b, 0);
}

export const purposeRules: TableRule<Purpose> = {
  prepare(w) {
    requirePermission(w.ctx.session, TABLE_PERMISSIONS.purposes.write);
  },
  beforeWrite(old, next, w) {
    // A purpose on basis f names its legitimate interest (one stored before the field keeps its other changes).
    const problem = purposeProblem(next) ?? interestProblem(old, next);
    if (problem) throw problemError(problem);
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
    if (await isPurposeInUse(key, (table, index, keys) => uses(w, table, index, keys)))
      throw new RuleError('error.purposeInUse', 'A purpose in use cannot be deleted; deactivate it instead');
    return { audit: auditEntry(w.ctx, 'settingsChanged', '', { fieldKeys: ['deleted'], context: `purpose:${key}` }) };
  },
  /** Whether a purpose needs consent decides the consent-gap flag of everyone held for it. */
  async afterWrite(changes: Change<Purpose>[], w) {
    const { t: persons, index } = indexOf(w, 'persons', PERSONS_BY_PURPOSE);
    for (const { key, old, next } of changes) {
      if (!!old?.requiresConsent === !!next?.requiresConsent) continue;
      const held = await Promise.all(
        personPurposeKeys(key).map((k) => persons.query({ trans: w.trans, query: { index, range: equalRange(k) } })),
      );
      await refreshStatuses(
        w.down,
        w.trans,
        held.flatMap((h) => h.result as string[]),
      );
    }
  },
};
