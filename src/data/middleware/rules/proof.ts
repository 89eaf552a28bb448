/**
 * Evidence files and business transactions are proof (of a consent, of a reason to keep a
 * person), data-subject requests and breaches the controller's record of meeting its duties
 * (Art. 5(2), 12, 33(5)): a change or deletion of a stored one is logged — ids and field keys,
 * never content. A new request, breach or transaction is logged too (who entered it, and when:
 * no record says); a new file comes with what it proves (a consent's entry, a correction's).
 */
import type { AuditEntry } from '../../../domain/audit';
import { auditEntry } from '../audit';
import { changedKeys, type RuleWrite } from './rule';

export async function proofChange(
  w: RuleWrite,
  kind: 'file' | 'transaction' | 'request' | 'breach',
  key: string,
  old: object | undefined,
  next: object | undefined,
  personId: string,
): Promise<AuditEntry | undefined> {
  if ((await w.privacy()).gdprSupportDisabled) return undefined;
  if (!old) return kind === 'file' ? undefined : auditEntry(w.ctx, 'create', personId, { context: `${kind}:${key}` });
  const fieldKeys = next ? changedKeys(old, next) : [];
  if (next && fieldKeys.length === 0) return undefined;
  // The comment a correction came with says why (a transaction's: required by its rule).
  const comment = w.reason?.comment?.trim() ?? '';
  return auditEntry(w.ctx, next ? 'update' : 'delete', personId, { fieldKeys, comment, context: `${kind}:${key}` });
}
