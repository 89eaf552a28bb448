/**
 * Key secrets, erasure tombstones, worklist flags and the directory's buckets are kept by the data
 * layer below the rules (the sealing middleware, personStatus, the directory): no write from above
 * reaches them. Crypto-erasure happens only by erasing the person, with its audit entry.
 */
import { RuleError } from '../../core/errors';
import type { TableRule } from './rule';

export const internalRules: TableRule<unknown> = {
  prepare(w) {
    throw new RuleError('error.internalTable', `The table ${w.table.name} is kept by the data layer itself`, {
      table: w.table.name,
    });
  },
  beforeWrite: (_old, next) => ({ value: next }),
  beforeDelete: () => ({}),
};
