/**
 * Business transactions: none for a locked person (Art. 18); they decide who is on the worklist.
 * They are proof: every entry, change and deletion of one is logged under each person it names
 * (its id, field keys and the comment that says why — none is corrected without one). Each is valid (transactionProblem) — but erasing a
 * person only takes them off theirs, whatever else they hold. One that proves a consent stays as
 * the consent names it: a Kontakt, with that person.
 */
import type { AuditEntry } from '../../../domain/audit';
import type { Consent } from '../../../domain/consent';
import type { Person } from '../../../domain/person';
import { transactionProblem, type BusinessTransaction } from '../../../domain/transaction';
import { PersonLockedError, problemError, RuleError } from '../../core/errors';
import { equalRange } from '../mutations';
import { refreshStatuses } from '../../core/personStatus';
import { requirePermission } from '../../core/session';
import { permissionFor, type RuleWrite, type TableRule } from './rule';
import { proofChange } from './proof';

export const transactionRules: TableRule<BusinessTransaction> = {
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
  },
  async beforeWrite(old, next, w) {
    const audit = await transactionChange(w, next.id, old, next);
    if (w.ctx.intent === 'erase') return { value: next, audit };
    const problem = transactionProblem(next);
    if (problem) throw problemError(problem);
    if (old) {
      await checkCorrection(old, w);
      const unlinked = old.personIds.filter((id) => !next.personIds.includes(id));
      const proving = await consentsProvenBy(old, w);
      if (proving.some((c) => next.kind !== 'contact' || unlinked.includes(c.personId)))
        throw new RuleError('error.transactionIsEvidence', `Transaction ${old.id} is the evidence of a consent`);
    }
    const added = next.personIds.filter((id) => !old?.personIds.includes(id));
    const persons = (await w.down.table('persons').getMany({ trans: w.trans, keys: added })) as (Person | undefined)[];
    const locked = persons.find((p) => p?.lock);
    if (locked) throw new PersonLockedError(locked.id);
    return { value: next, audit };
  },
  async beforeDelete(old, key, w) {
    if (old && w.ctx.intent !== 'erase') {
      await checkCorrection(old, w);
      if ((await consentsProvenBy(old, w)).length > 0)
        throw new RuleError('error.transactionIsEvidence', `Transaction ${old.id} is the evidence of a consent`);
    }
    return { audit: await transactionChange(w, key, old, undefined) };
  },
  async afterWrite(changes, w) {
    await refreshStatuses(
      w.down,
      w.trans,
      changes.flatMap((c) => [...(c.old?.personIds ?? []), ...(c.next?.personIds ?? [])]),
    );
  },
};

/**
 * A transaction's write, logged under each person it names before or after: linking a person to an
 * order processes their data and keeps it (retention), so their own log — and their Auskunft —
 * shows it. An erasure's update is logged once, about no person: the erased one's key is going.
 */
async function transactionChange(
  w: RuleWrite,
  key: string,
  old: BusinessTransaction | undefined,
  next: BusinessTransaction | undefined,
): Promise<AuditEntry[]> {
  if (w.ctx.intent === 'erase') {
    const entry = await proofChange(w, 'transaction', key, old, next, '');
    return entry ? [entry] : [];
  }
  const personIds = [...new Set([...(old?.personIds ?? []), ...(next?.personIds ?? [])])];
  const entries = await Promise.all(personIds.map((id) => proofChange(w, 'transaction', key, old, next, id)));
  return entries.filter((e): e is AuditEntry => !!e);
}

/** A stored transaction is corrected or deleted only with a comment, and not while a linked person is locked. */
async function checkCorrection(old: BusinessTransaction, w: RuleWrite): Promise<void> {
  if (!w.reason?.comment?.trim())
    throw new RuleError('error.transactionComment', `Correcting transaction ${old.id} needs a comment`);
  const persons = (await w.down.table('persons').getMany({ trans: w.trans, keys: old.personIds })) as (
    Person | undefined
  )[];
  const locked = persons.find((p) => p?.lock);
  if (locked) throw new PersonLockedError(locked.id);
}

/** The consents of the transaction's persons whose evidence (or withdrawal's) it is. */
async function consentsProvenBy(tx: BusinessTransaction, w: RuleWrite): Promise<Consent[]> {
  const table = w.down.table('consents');
  const index = table.schema.getIndexByKeyPath('personId');
  if (!index) return [];
  const found: Consent[] = [];
  for (const personId of tx.personIds) {
    const res = await table.query({ trans: w.trans, values: true, query: { index, range: equalRange(personId) } });
    for (const c of res.result as Consent[])
      if (
        (c.evidence.type === 'transaction' && c.evidence.transactionId === tx.id) ||
        (c.withdrawalEvidence?.type === 'transaction' && c.withdrawalEvidence.transactionId === tx.id)
      )
        found.push(c);
  }
  return found;
}
