/** Consents: valid (consentRecordProblem), recorded as given, then only withdrawn — never edited; deleted only with their person. */
import type { AuditEntry } from '../../../domain/audit';
import { consentRecordProblem, type Consent } from '../../../domain/consent';
import type { Person } from '../../../domain/person';
import { PersonLockedError, problemError, RuleError } from '../../core/errors';
import { refreshStatuses } from '../../core/personStatus';
import { requirePermission } from '../../core/session';
import { auditEntry } from '../audit';
import { isDelete } from '../mutations';
import { checkAtEnd } from '../endChecks';
import { deleteRefused } from './deletes';
import { permissionFor, type Change, type Outcome, type RuleWrite, type TableRule } from './rule';

/** Withdrawal changes the status, its date and evidence, and nothing else. */
function isOnlyWithdrawal(old: Consent, value: Consent): boolean {
  const { status: _s, withdrawnAt: _w, withdrawalEvidence: _e, ...rest } = value;
  const { status: _os, withdrawnAt: _ow, withdrawalEvidence: _oe, ...oldRest } = old;
  return (
    old.status === 'given' &&
    value.status === 'withdrawn' &&
    !!value.withdrawnAt &&
    JSON.stringify(rest) === JSON.stringify(oldRest)
  );
}

/**
 * A withdrawal is recorded with its evidence (PRODUCT.md §4): a file, a Kontakt, or — for one by
 * phone or in person — a note of how and to whom, as a verbal consent's. Withdrawals stored before
 * this was required stay valid records; only a new one is held to it.
 */
function withdrawalShown({ withdrawalEvidence: e }: Consent): boolean {
  return !!e && (e.type !== 'none' || e.note.trim() !== '');
}

async function checkNew(value: Consent, w: RuleWrite): Promise<void> {
  if (value.status !== 'given') throw new RuleError('error.consentNew', 'A new consent is recorded as given');
  const person = (await w.down.table('persons').get({ trans: w.trans, key: value.personId })) as Person | undefined;
  if (!person) throw new RuleError('error.personMissing', `No person ${value.personId}`);
  if (person.lock) throw new PersonLockedError(person.id);
}

async function beforeWrite(old: Consent | undefined, value: Consent, w: RuleWrite): Promise<Outcome<Consent>> {
  const problem = consentRecordProblem(value);
  if (problem) throw problemError(problem);
  const purpose = value.purposeIds[0] ? await w.purpose(value.purposeIds[0]) : undefined;
  if (old) {
    if (!isOnlyWithdrawal(old, value))
      throw new RuleError('error.consentImmutable', 'A recorded consent cannot be changed, only withdrawn');
    if (!withdrawalShown(value))
      throw new RuleError('error.withdrawalNoEvidence', `The withdrawal of consent ${value.id} names no evidence`);
  } else {
    await checkNew(value, w);
  }
  if ((await w.privacy()).gdprSupportDisabled) return { value };
  const audit: AuditEntry = auditEntry(w.ctx, old ? 'consentWithdrawn' : 'consentGiven', value.personId, {
    fieldKeys: value.purposeIds.map((id) => `purpose:${id}`),
    purpose,
    comment: w.reason?.comment ?? '',
    context: `consent:${value.id}`,
  });
  return { value, audit };
}

/**
 * A consent goes only with its person's erasure (which logs the tombstone and checks the
 * retention duty): a locked person's consents stay, and the person must be gone by the end of the
 * same transaction — else the consent stays on record.
 */
async function beforeDelete(old: Consent | undefined, _key: string, w: RuleWrite): Promise<{ audit?: AuditEntry }> {
  if (!old) return {};
  const persons = w.down.table('persons');
  const person = (await persons.get({ trans: w.trans, key: old.personId })) as Person | undefined;
  if (person?.lock) throw new PersonLockedError(person.id);
  checkAtEnd(w.trans, async () => {
    if (await persons.get({ trans: w.trans, key: old.personId }))
      throw new RuleError('error.consentKept', 'A consent stays on record; withdraw it instead');
  });
  return {};
}

export const consentRules: TableRule<Consent> = {
  prepare(w) {
    requirePermission(w.ctx.session, permissionFor(w.ctx, w.table.name));
    if (isDelete(w.req) && deleteRefused(w.table.name, w.ctx.intent))
      throw new RuleError('error.consentKept', 'A consent stays on record; withdraw it instead');
  },
  beforeWrite,
  beforeDelete,
  async afterWrite(changes: Change<Consent>[], w) {
    await refreshStatuses(
      w.down,
      w.trans,
      changes.flatMap((c) => (c.next ?? c.old)?.personId ?? []),
    );
  },
};
