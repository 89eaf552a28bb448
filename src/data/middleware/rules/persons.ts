/**
 * Persons: the purpose rule (a change of watched data needs a stated purpose and comment, logged),
 * locks (Art. 18: a locked person changes only by unlocking), retention before deletion, versions
 * against lost updates, and the derived fields and worklist flag kept in step.
 */
import type { BusinessTransaction } from '../../../domain/transaction';
import type { AuditAction, AuditEntry } from '../../../domain/audit';
import { changedClassification, changedWatchedFields } from '../../../domain/diff';
import { newInformation } from '../../../domain/information';
import { isNaturalPerson, newPerson, PERSON_KINDS, type Person } from '../../../domain/person';
import { isDeletable, retentionStatus } from '../../../domain/retention';
import { validatePersonChange } from '../../../domain/validation';
import { withDerivedFields } from '../../core/derived';
import {
  PersonLockedError,
  ReasonRequiredError,
  RetentionError,
  RuleError,
  StaleVersionError,
  ValidationError,
} from '../../core/errors';
import { refreshStatuses, statusFor, writeStatuses } from '../../core/personStatus';
import { requirePermission } from '../../core/session';
import { auditEntry } from '../audit';
import { equalRange } from '../mutations';
import type { Change, Outcome, RuleWrite, TableRule } from './rule';
import { localDate } from '../../../domain/calendar';
import { deleteRefused } from './deletes';
import { ERASE_PERMISSION, TABLE_PERMISSIONS } from './permissions';

const PERSONS = TABLE_PERMISSIONS.persons;

/** Everything of a person but the lock and the bookkeeping the data layer maintains. */
export function personContent(p: Person): string {
  const { lock: _l, locked: _k, version: _v, updatedAt: _u, changedAt: _c, ...rest } = p;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

/** When the data last changed (Person.changedAt): not when only the lock or the note of being informed did. */
function changedAt(old: Person | undefined, value: Person): string {
  if (!old) return value.updatedAt;
  const data = (p: Person) => personContent({ ...p, information: undefined });
  return data(old) === data(value) ? (old.changedAt ?? old.updatedAt) : value.updatedAt;
}

async function linkedTransactions(w: RuleWrite, personId: string): Promise<BusinessTransaction[]> {
  const table = w.down.table('transactions');
  const index = table.schema.getIndexByKeyPath('personIds');
  if (!index) return [];
  const res = await table.query({ trans: w.trans, values: true, query: { index, range: equalRange(personId) } });
  return res.result as BusinessTransaction[];
}

/** Lock and unlock change nothing but the lock; each needs its own permission. */
function checkLocking(old: Person | undefined, value: Person, w: RuleWrite): 'lock' | 'unlock' | undefined {
  const locking = !!value.lock && !old?.lock;
  const unlocking = !value.lock && !!old?.lock;
  if (old?.lock && !unlocking) {
    // Resolving a conflict of a locked person keeps the locked version as it is (sync/conflicts.ts).
    const same = personContent(old) === personContent(value) && JSON.stringify(old.lock) === JSON.stringify(value.lock);
    if (!w.ctx.resolves?.length || !same) throw new PersonLockedError(old.id);
    requirePermission(w.ctx.session, PERSONS.lock);
    return undefined;
  }
  if (!locking && !unlocking) {
    requirePermission(w.ctx.session, PERSONS.write);
    return undefined;
  }
  if (!old) throw new RuleError('error.lockNew', 'Only a stored person can be locked');
  requirePermission(w.ctx.session, PERSONS.lock);
  if (personContent(old) !== personContent(value)) {
    if (unlocking) throw new PersonLockedError(old.id);
    throw new RuleError('error.lockWithChanges', 'Locking a person cannot change its data at the same time');
  }
  return locking ? 'lock' : 'unlock';
}

/** The audit entry of a save: lock, unlock, a change of watched data (which needs its reason), a new purpose. */
async function auditOfSave(
  old: Person | undefined,
  value: Person,
  lockChange: 'lock' | 'unlock' | undefined,
  w: RuleWrite,
): Promise<AuditEntry | undefined> {
  const ctx = w.ctx;
  if (lockChange) {
    if (lockChange === 'unlock') return auditEntry(ctx, lockChange, value.id, { comment: w.reason?.comment ?? '' });
    // checkLocking says 'lock' only for a value with a lock.
    if (!value.lock) throw new Error(`Locking person ${value.id} without a lock`);
    return auditEntry(ctx, lockChange, value.id, { comment: value.lock.reason });
  }
  const changed: string[] = [...changedWatchedFields(old ?? null, value), ...changedClassification(old, value)];
  if (changed.length > 0) {
    const purpose = await w.reasonPurpose();
    if (!purpose) throw new ReasonRequiredError(value.id, changed);
    value.purposeId = purpose.id;
    const action: AuditAction = ctx.intent === 'import' ? 'import' : old ? 'update' : 'create';
    // reasonPurpose gives a purpose only for a reason with a comment: the comment is there.
    const comment = w.reason?.comment?.trim() ?? '';
    return auditEntry(ctx, action, value.id, { fieldKeys: changed, purpose, comment });
  }
  if (old && old.purposeId !== value.purposeId) {
    // A change of the legal basis: it needs a comment; the logged purpose is the new one
    // (or the one the user named with the comment, as for watched fields).
    const comment = w.reason?.comment?.trim();
    if (!comment) throw new ReasonRequiredError(value.id, ['purposeId']);
    const purpose = (await w.reasonPurpose()) ?? (value.purposeId ? await w.purpose(value.purposeId) : undefined);
    if (purpose) value.purposeId = purpose.id;
    return auditEntry(ctx, 'update', value.id, { fieldKeys: ['purposeId'], purpose, comment });
  }
  if (old && JSON.stringify(old.information) !== JSON.stringify(value.information)) {
    // Whether and how the person was informed is evidence (Art. 5(2)): logged like a consent.
    return auditEntry(ctx, 'informed', value.id, { context: value.information?.channel ?? '' });
  }
  return undefined;
}

async function beforeWrite(old: Person | undefined, next: Person, w: RuleWrite): Promise<Outcome<Person>> {
  // The record as the caller wrote it: a synced or older one may lack fields (newPerson fills them in).
  const given: Partial<Person> = next;
  const kind = given.kind;
  if (!PERSON_KINDS.includes(kind as never))
    throw new ValidationError([{ field: 'kind', messageKey: 'validation.kind' }]);
  const value: Person = { ...newPerson(kind), ...next };
  const problems = validatePersonChange(old, value);
  if (problems.length) throw new ValidationError(problems);
  const lockChange = checkLocking(old, value, w);

  if (old && (given.version ?? 0) < old.version) throw new StaleVersionError(old.id, old.version, value.version);
  value.version = old ? old.version + 1 : 1;
  const now = new Date().toISOString();
  value.updatedAt = value.updatedAt && value.updatedAt > (old?.updatedAt ?? '') ? value.updatedAt : now;
  value.createdAt = old?.createdAt || value.createdAt || value.updatedAt;
  value.changedAt = changedAt(old, value);
  // Entering a person is collecting their data: from them (Art. 13), or from elsewhere for an import (Art. 14).
  if (!old) value.information ??= newInformation(now, w.ctx.intent === 'import' ? 'elsewhere' : 'direct');

  const gdpr = !(await w.privacy()).gdprSupportDisabled;
  const natural = isNaturalPerson(value) || (!!old && isNaturalPerson(old));
  const audit = gdpr && natural ? await auditOfSave(old, value, lockChange, w) : undefined;
  return { value: withDerivedFields(value), audit };
}

/** Deleting a person deletes their key (crypto-erasure): only the erasure command does that. */
function requireErasure(w: RuleWrite): void {
  if (deleteRefused(w.table.name, w.ctx.intent))
    throw new RuleError('error.eraseByCommand', 'A person is erased only by the erasure command');
}

async function beforeDelete(old: Person | undefined, key: string, w: RuleWrite): Promise<{ audit?: AuditEntry }> {
  if (!old) return {};
  const ctx = w.ctx;
  if (old.lock) throw new PersonLockedError(old.id);
  requirePermission(ctx.session, ERASE_PERMISSION);
  const privacy = await w.privacy();
  if (!isNaturalPerson(old)) {
    requireErasure(w);
    return {};
  }
  // The retention duty first: a refusal must not follow a question the user already answered.
  // It is the law's (HGB, AO), not the program's: it holds with the GDPR support switched off too.
  const status = retentionStatus(old, await w.purpose(old.purposeId), await linkedTransactions(w, old.id), privacy);
  if (!isDeletable(status, localDate())) {
    throw new RetentionError(old.id, status.deletableFrom ?? '');
  }
  if (privacy.gdprSupportDisabled) {
    requireErasure(w);
    return {};
  }
  // Deleting needs a comment (why), not a purpose: no purpose justifies an erasure.
  const changed = changedWatchedFields(old, null);
  if (!w.reason?.comment?.trim() && changed.length > 0) throw new ReasonRequiredError(key, changed, 'deletion');
  requireErasure(w);
  // The tombstone: logged for every deleted natural person, even one without watched data.
  return {
    audit: auditEntry(ctx, 'delete', old.id, {
      fieldKeys: changed,
      comment: w.reason?.comment?.trim() ?? '',
    }),
  };
}

/** The worklist flags: a new person has no transactions or consents yet, only its purpose is read. */
async function afterWrite(changes: Change<Person>[], w: RuleWrite): Promise<void> {
  const fresh = changes.flatMap(({ old, next }) => (next && !old ? [next] : []));
  const deleted = changes.filter((c) => c.old && !c.next).map((c) => c.key);
  const moved = changes.filter(
    ({ old, next }) => old && next && (old.natural !== next.natural || old.purposeId !== next.purposeId),
  );
  // An update that keeps the flag's inputs (the usual save) has nothing to do here.
  if (fresh.length + deleted.length + moved.length === 0) return;
  const created = await Promise.all(
    fresh.map(async (next) => statusFor(next, next.purposeId ? await w.purpose(next.purposeId) : undefined, false, [])),
  );
  await writeStatuses(w.down, w.trans, created, deleted, true);
  await refreshStatuses(
    w.down,
    w.trans,
    moved.map((c) => c.key),
  );
}

export const personRules: TableRule<Person> = { beforeWrite, beforeDelete, afterWrite };
