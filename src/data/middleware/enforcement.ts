/**
 * The enforcement middleware: the purpose rule, locks, permissions, retention and the audit log,
 * below every Dexie write path.
 *
 * Why DBCore middleware and not table hooks: hooks must be synchronous (no reading purposes or
 * settings), do not see `deleteRange` as individual keys, and make Dexie read old values for every
 * write anyway. At the DBCore level every path — add, put, update, bulk*, Collection.modify,
 * delete, Collection.delete, writes inside larger transactions — arrives as one `mutate` call with
 * the full new values, so one place decides. The middleware widens every read-write transaction to
 * the audit log and the tables the rules read, and appends the audit entry with the same
 * transaction: if the person's write or the entry fails, neither is stored.
 */
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie';
import type { AuditAction, AuditEntry } from '../../domain/audit';
import { AUDIT_HEAD_KEY, chainEntries, EMPTY_HEAD, type ChainHead } from '../../domain/auditChain';
import type { Consent } from '../../domain/consent';
import { changedWatchedFields } from '../../domain/diff';
import { isNaturalPerson, newPerson, PERSON_KINDS, type Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import { isDeletable, retentionStatus } from '../../domain/retention';
import { DEFAULT_PRIVACY_SETTINGS, EMPTY_CONTROLLER, type PrivacySettings } from '../../domain/settings';
import type { BusinessTransaction } from '../../domain/transaction';
import type { Permission, User } from '../../domain/user';
import { validatePerson } from '../../domain/validation';
import { checkEvidenceFile, EVIDENCE_MIME, sniffEvidenceKind } from '../../domain/evidenceFile';
import type { StoredFile } from '../core/records';
import { contextOf, type WriteContext } from '../core/context';
import { withDerivedFields } from '../core/derived';
import { refreshStatuses, statusFor, writeStatuses } from '../core/personStatus';
import {
  AuditLogAppendOnlyError,
  NotSignedInError,
  PersonLockedError,
  ReasonRequiredError,
  RuleError,
  StaleVersionError,
  ValidationError,
} from '../core/errors';
import { isGenuineSession, requirePermission } from '../core/session';
import { sealAuditText } from '../core/crypto/auditText';
import type { Keyring } from '../core/crypto/keyring';

/** The keyring of each database's core, for sealing audit text (see enforcementMiddleware). */
const keyrings = new WeakMap<object, Keyring>();

/** Tables every read-write transaction is widened to: the log and what the rules read. */
const RULE_SCOPE = ['auditLog', 'settings', 'purposes', 'transactions', 'users', 'persons', 'consents', 'personStatus'];

type Down = DBCore;
type Guard = (down: Down, table: DBCoreTable, req: DBCoreMutateRequest) => Promise<DBCoreMutateResponse>;

const RANGE_ANY = 3; // DBCoreRangeType.Any (a const enum, not importable at runtime)

function isUpgrade(trans: DBCoreTransaction): boolean {
  return (trans as unknown as IDBTransaction).mode === 'versionchange';
}

function requireContext(trans: DBCoreTransaction, table: string): WriteContext {
  const ctx = contextOf(trans);
  if (!ctx || !isGenuineSession(ctx.session)) throw new NotSignedInError(table);
  return ctx;
}

function now(): string {
  return new Date().toISOString();
}

async function readAll<T>(down: Down, trans: DBCoreTransaction, name: string): Promise<T[]> {
  const table = down.table(name);
  const res = await table.query({
    trans,
    values: true,
    query: { index: table.schema.primaryKey, range: { type: RANGE_ANY, lower: undefined, upper: undefined } as never },
  });
  return res.result as T[];
}

export async function readPrivacy(down: Down, trans: DBCoreTransaction): Promise<PrivacySettings> {
  const rec = (await down.table('settings').get({ trans, key: 'privacy' })) as
    { value?: Partial<PrivacySettings> } | undefined;
  return { ...DEFAULT_PRIVACY_SETTINGS, ...(rec?.value ?? {}) };
}

/** Keys a mutate request touches; `deleteRange` is resolved to its keys. */
async function keysOf(table: DBCoreTable, req: DBCoreMutateRequest): Promise<unknown[]> {
  switch (req.type) {
    case 'add':
    case 'put':
      return req.keys ?? req.values.map((v) => table.schema.primaryKey.extractKey!(v));
    case 'delete':
      return req.keys;
    case 'deleteRange': {
      const res = await table.query({
        trans: req.trans,
        values: false,
        query: { index: table.schema.primaryKey, range: req.range },
      });
      return res.result;
    }
  }
}

function entry(
  ctx: WriteContext,
  action: AuditAction,
  personId: string,
  fieldKeys: string[],
  purpose?: Purpose,
  comment = '',
  context = '',
): AuditEntry {
  return {
    at: now(),
    userId: ctx.session.userId,
    userName: ctx.session.userName,
    staffNumber: ctx.session.staffNumber,
    personId,
    action,
    purposeId: purpose?.id ?? '',
    purposeName: purpose?.name ?? '',
    comment,
    fieldKeys,
    context: context || ctx.auditContext || '',
  };
}

/** The last append of each transaction: appends within one transaction run one after another. */
const appending = new WeakMap<object, Promise<unknown>>();

/**
 * Appends entries to the hash chain and moves its head, in the caller's transaction. Writes issued
 * concurrently in one transaction are chained in turn, so the chain never forks; across
 * transactions the head's table is in every read-write scope, so they are serialised anyway.
 */
function appendAudit(down: Down, trans: DBCoreTransaction, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  const keyring = keyrings.get(down);
  if (keyring) entries = entries.map((e) => sealAuditText(keyring, e));
  const previous = appending.get(trans) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const settings = down.table('settings');
      const stored = (await settings.get({ trans, key: AUDIT_HEAD_KEY })) as { value: ChainHead } | undefined;
      const { chained, head } = chainEntries(stored?.value ?? EMPTY_HEAD, entries);
      const [res] = await Promise.all([
        down.table('auditLog').mutate({ type: 'add', trans, values: chained }),
        settings.mutate({ type: 'put', trans, values: [{ key: AUDIT_HEAD_KEY, value: head }] }),
      ]);
      if (res.numFailures) throw Object.values(res.failures)[0];
    });
  appending.set(trans, next);
  return next;
}

/** Pass a rewritten write down as a plain add/put/delete (dropping Dexie's update shortcuts). */
async function passDown(
  table: DBCoreTable,
  req: DBCoreMutateRequest,
  keys: unknown[],
  values?: unknown[],
): Promise<DBCoreMutateResponse> {
  if (req.type === 'add') return table.mutate({ type: 'add', trans: req.trans, values: values!, keys: req.keys });
  if (req.type === 'put') return table.mutate({ type: 'put', trans: req.trans, values: values!, keys: req.keys });
  return table.mutate({ type: 'delete', trans: req.trans, keys });
}

function failedIndexes(res: DBCoreMutateResponse): Set<number> {
  return new Set(Object.keys(res.failures ?? {}).map(Number));
}

/** The purpose and comment of the context, checked; undefined when not given or incomplete. */
function validReason(ctx: WriteContext, purposes: Map<string, Purpose | undefined>): Purpose | undefined {
  const r = ctx.reason;
  if (!r || !r.comment?.trim() || !r.purposeId) return undefined;
  return purposes.get(r.purposeId);
}

async function purposeMap(
  down: Down,
  trans: DBCoreTransaction,
  ctx: WriteContext,
): Promise<Map<string, Purpose | undefined>> {
  const map = new Map<string, Purpose | undefined>();
  if (ctx.reason?.purposeId)
    map.set(ctx.reason.purposeId, await down.table('purposes').get({ trans, key: ctx.reason.purposeId }));
  return map;
}

/** Everything of a person but the lock and the bookkeeping the data layer maintains. */
function content(p: Person): string {
  const { lock: _l, locked: _k, version: _v, updatedAt: _u, ...rest } = p;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

async function linkedTransactions(
  down: Down,
  trans: DBCoreTransaction,
  personId: string,
): Promise<BusinessTransaction[]> {
  const table = down.table('transactions');
  const index = table.schema.getIndexByKeyPath('personIds');
  if (!index) return [];
  const res = await table.query({
    trans,
    values: true,
    query: { index, range: { type: 1, lower: personId, upper: personId } as never },
  });
  return res.result as BusinessTransaction[];
}

// ---------------------------------------------------------------------------------------------
// persons

const guardPersons: Guard = async (down, table, req) => {
  const trans = req.trans;
  const ctx = requireContext(trans, 'persons');
  if (ctx.intent === 'restore') return table.mutate(req);
  const keys = await keysOf(table, req);
  // Issued together: each await is a round trip, and a save is on the user's critical path.
  // An add has no old version (a clash on the key fails the add itself).
  const [privacy, purposes, olds] = await Promise.all([
    readPrivacy(down, trans),
    purposeMap(down, trans, ctx),
    req.type === 'add'
      ? keys.map(() => undefined)
      : (table.getMany({ trans, keys, cache: 'clone' }) as Promise<(Person | undefined)[]>),
  ]);
  const gdpr = !privacy.gdprSupportDisabled;
  const entries: (AuditEntry | null)[] = [];

  if (req.type === 'delete' || req.type === 'deleteRange') {
    const today = now().slice(0, 10);
    for (const [i, old] of olds.entries()) {
      if (!old) {
        entries.push(null);
        continue;
      }
      if (old.lock) throw new PersonLockedError(old.id);
      requirePermission(ctx.session, 'deletePersons');
      if (!isNaturalPerson(old) || !gdpr) {
        entries.push(null);
        continue;
      }
      // Deleting needs a comment; a purpose is optional (the worklist deletes people held for none).
      const changed = changedWatchedFields(old, null);
      const purpose = validReason(ctx, purposes);
      if (!ctx.reason?.comment?.trim() && changed.length > 0)
        throw new ReasonRequiredError(String(keys[i]), changed, 'deletion');
      const status = retentionStatus(
        old,
        await down.table('purposes').get({ trans, key: old.purposeId }),
        await linkedTransactions(down, trans, old.id),
        privacy,
      );
      if (!isDeletable(status, today)) {
        throw new RuleError(
          'error.retention',
          `Person ${old.id} is under a retention duty until ${status.deletableFrom}`,
          { date: status.deletableFrom ?? '' },
        );
      }
      // The tombstone: logged for every deleted natural person, even one without watched data.
      entries.push(entry(ctx, 'delete', old.id, changed, purpose, ctx.reason?.comment.trim() ?? ''));
    }
    const res = await passDown(table, req, keys);
    const failed = failedIndexes(res);
    await appendAudit(
      down,
      trans,
      entries.filter((e, i): e is AuditEntry => !!e && !failed.has(i)),
    );
    await writeStatuses(down, trans, [], keys.filter((_k, i) => olds[i] && !failed.has(i)).map(String));
    return res;
  }

  const values: Person[] = [];
  for (const [i, raw] of req.values.entries()) {
    const old = olds[i];
    const kind = (raw as Partial<Person>).kind;
    if (!PERSON_KINDS.includes(kind as never))
      throw new ValidationError([{ field: 'kind', messageKey: 'validation.kind' }]);
    let value: Person = { ...newPerson(kind), ...(raw as Partial<Person>) };
    const problems = validatePerson(value);
    if (problems.length) throw new ValidationError(problems);

    // Lock and unlock change nothing but the lock.
    const locking = !!value.lock && !old?.lock;
    const unlocking = !value.lock && !!old?.lock;
    if (old?.lock && !unlocking) throw new PersonLockedError(old.id);
    if (locking || unlocking) {
      if (!old) throw new RuleError('error.lockNew', 'Only a stored person can be locked');
      requirePermission(ctx.session, 'lockPersons');
      if (content(old) !== content(value)) {
        if (unlocking) throw new PersonLockedError(old.id);
        throw new RuleError('error.lockWithChanges', 'Locking a person cannot change its data at the same time');
      }
    } else {
      requirePermission(ctx.session, 'editPersons');
    }

    if (old && (value.version ?? 0) < old.version) throw new StaleVersionError(old.id, old.version, value.version);
    value.version = old ? old.version + 1 : 1;
    value.updatedAt = value.updatedAt && value.updatedAt > (old?.updatedAt ?? '') ? value.updatedAt : now();
    value.createdAt = old?.createdAt || value.createdAt || value.updatedAt;

    let audit: AuditEntry | null = null;
    const natural = isNaturalPerson(value) || (!!old && isNaturalPerson(old));
    if (gdpr && natural) {
      if (locking || unlocking) {
        audit = entry(
          ctx,
          locking ? 'lock' : 'unlock',
          value.id,
          [],
          undefined,
          locking ? value.lock!.reason : (ctx.reason?.comment ?? ''),
        );
      } else {
        const changed = changedWatchedFields(old ?? null, value);
        if (changed.length > 0) {
          const purpose = validReason(ctx, purposes);
          if (!purpose) throw new ReasonRequiredError(value.id, changed);
          value.purposeId = purpose.id;
          const action: AuditAction = ctx.intent === 'import' ? 'import' : old ? 'update' : 'create';
          audit = entry(ctx, action, value.id, changed, purpose, ctx.reason!.comment.trim());
        } else if (old && old.purposeId !== value.purposeId) {
          // Not a watched field (no dialog), but why the data is held changed: that is logged.
          const purpose = value.purposeId
            ? ((await down.table('purposes').get({ trans, key: value.purposeId })) as Purpose | undefined)
            : undefined;
          audit = entry(ctx, 'update', value.id, ['purposeId'], purpose, ctx.reason?.comment.trim() ?? '');
        }
      }
    }
    value = withDerivedFields(value);
    values.push(value);
    entries.push(audit);
  }
  const res = await passDown(table, req, keys, values);
  const failed = failedIndexes(res);
  await appendAudit(
    down,
    trans,
    entries.filter((e, i): e is AuditEntry => !!e && !failed.has(i)),
  );
  // The worklist flag: a new person has no transactions or consents yet, so no reads are needed.
  const stored = values.filter((_v, i) => !failed.has(i));
  await writeStatuses(
    down,
    trans,
    stored.filter((_v, i) => !olds[i]).map((p) => statusFor(p, false, false)),
  );
  await refreshStatuses(
    down,
    trans,
    stored
      .filter((v, i) => olds[i] && (olds[i]!.natural !== v.natural || olds[i]!.purposeId !== v.purposeId))
      .map((p) => p.id),
  );
  return res;
};

/** Erasing a person takes their consents, files and links along: that needs "delete", not "edit". */
function permissionFor(ctx: WriteContext): Permission {
  if (ctx.intent === 'fileDocument') return 'issueReports';
  return ctx.intent === 'erase' ? 'deletePersons' : 'editPersons';
}

// ---------------------------------------------------------------------------------------------
// consents: recorded, withdrawn, never edited; deleted only with the person

const guardConsents: Guard = async (down, table, req) => {
  const trans = req.trans;
  const ctx = requireContext(trans, 'consents');
  if (ctx.intent === 'restore') return table.mutate(req);
  requirePermission(ctx.session, permissionFor(ctx));
  const gdpr = !(await readPrivacy(down, trans)).gdprSupportDisabled;
  const keys = await keysOf(table, req);
  if (req.type === 'delete' || req.type === 'deleteRange') {
    if (ctx.intent !== 'erase')
      throw new RuleError('error.consentKept', 'A consent stays on record; withdraw it instead');
    const gone = (await table.getMany({ trans, keys, cache: 'clone' })) as (Consent | undefined)[];
    const res = await passDown(table, req, keys);
    await refreshStatuses(
      down,
      trans,
      gone.filter((c): c is Consent => !!c).map((c) => c.personId),
    );
    return res;
  }
  const olds = (await table.getMany({ trans, keys, cache: 'clone' })) as (Consent | undefined)[];
  const entries: AuditEntry[] = [];
  for (const [i, raw] of req.values.entries()) {
    const value = raw as Consent;
    const old = olds[i];
    const purpose = value.purposeIds[0]
      ? ((await down.table('purposes').get({ trans, key: value.purposeIds[0] })) as Purpose | undefined)
      : undefined;
    if (!old) {
      if (value.status !== 'given') throw new RuleError('error.consentNew', 'A new consent is recorded as given');
      const person = (await down.table('persons').get({ trans, key: value.personId })) as Person | undefined;
      if (!person) throw new RuleError('error.personMissing', `No person ${value.personId}`);
      if (person.lock) throw new PersonLockedError(person.id);
      if (gdpr)
        entries.push(
          entry(
            ctx,
            'consentGiven',
            value.personId,
            value.purposeIds.map((id) => `purpose:${id}`),
            purpose,
            ctx.reason?.comment ?? '',
            `consent:${value.id}`,
          ),
        );
    } else {
      const { status: _s, withdrawnAt: _w, withdrawalEvidence: _e, ...rest } = value;
      const { status: _os, withdrawnAt: _ow, withdrawalEvidence: _oe, ...oldRest } = old;
      const onlyWithdrawn =
        old.status === 'given' &&
        value.status === 'withdrawn' &&
        !!value.withdrawnAt &&
        JSON.stringify(rest) === JSON.stringify(oldRest);
      if (!onlyWithdrawn)
        throw new RuleError('error.consentImmutable', 'A recorded consent cannot be changed, only withdrawn');
      if (gdpr)
        entries.push(
          entry(
            ctx,
            'consentWithdrawn',
            value.personId,
            value.purposeIds.map((id) => `purpose:${id}`),
            purpose,
            ctx.reason?.comment ?? '',
            `consent:${value.id}`,
          ),
        );
    }
  }
  const res = await table.mutate(req);
  await appendAudit(down, trans, entries);
  await refreshStatuses(
    down,
    trans,
    req.values.map((v) => (v as Consent).personId),
  );
  return res;
};

// ---------------------------------------------------------------------------------------------
// the audit log itself: append-only

const guardAudit: Guard = async (down, table, req) => {
  const ctx = requireContext(req.trans, 'auditLog');
  if (ctx.intent === 'restore') return table.mutate(req);
  if (req.type !== 'add') throw new AuditLogAppendOnlyError();
  // Events logged by commands join the chain like the middleware's own entries; the actor is the session's.
  // With GDPR support off nothing is logged but changes of the settings themselves.
  const gdpr = !(await readPrivacy(down, req.trans)).gdprSupportDisabled;
  const entries = req.values
    .map((v) => ({
      ...(v as AuditEntry),
      userId: ctx.session.userId,
      userName: ctx.session.userName,
      staffNumber: ctx.session.staffNumber,
    }))
    .filter((e) => gdpr || e.action === 'settingsChanged');
  await appendAudit(down, req.trans, entries);
  return { numFailures: 0, failures: {}, lastResult: undefined, results: [] };
};

// ---------------------------------------------------------------------------------------------
// purposes, settings, users, groups: reference data with a permission each, changes logged

function changedKeys(a: unknown, b: unknown): string[] {
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])]
    .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
    .sort();
}

const SETTING_PERMISSION: Record<string, Permission | undefined> = {
  privacy: 'changePrivacySettings',
  controller: 'changePrivacySettings',
};

/** What a setting is before it was first stored, so the first change logs only what changed. */
const SETTING_DEFAULTS: Record<string, object | undefined> = {
  privacy: DEFAULT_PRIVACY_SETTINGS,
  controller: EMPTY_CONTROLLER,
};

const guardSettings: Guard = async (down, table, req) => {
  const ctx = requireContext(req.trans, 'settings');
  if (ctx.intent === 'restore') return table.mutate(req);
  if (req.type !== 'put' && req.type !== 'add')
    throw new RuleError('error.settingsKept', 'Settings are changed, never deleted');
  const keys = await keysOf(table, req);
  const olds = await table.getMany({ trans: req.trans, keys, cache: 'clone' });
  const entries: AuditEntry[] = [];
  req.values.forEach((v, i) => {
    const key = String(keys[i]);
    if (key === AUDIT_HEAD_KEY) throw new AuditLogAppendOnlyError();
    const permission = SETTING_PERMISSION[key];
    if (permission) requirePermission(ctx.session, permission);
    const before = { ...SETTING_DEFAULTS[key], ...((olds[i] as { value?: object } | undefined)?.value ?? {}) };
    const changed = changedKeys(before, (v as { value?: unknown }).value);
    // Privacy settings are logged even while GDPR support is off: switching it is itself logged.
    if (permission && changed.length)
      entries.push(entry(ctx, 'settingsChanged', '', changed, undefined, ctx.reason?.comment ?? '', `settings:${key}`));
  });
  const res = await table.mutate(req);
  await appendAudit(down, req.trans, entries);
  return res;
};

const guardPurposes: Guard = async (down, table, req) => {
  const trans = req.trans;
  const ctx = requireContext(trans, 'purposes');
  if (ctx.intent === 'restore') return table.mutate(req);
  requirePermission(ctx.session, 'manageReferenceLists');
  const keys = await keysOf(table, req);
  const olds = await table.getMany({ trans, keys, cache: 'clone' });
  const entries: AuditEntry[] = [];
  if (req.type === 'delete' || req.type === 'deleteRange') {
    for (const key of keys) {
      const persons = down.table('persons');
      const inUse = await persons.count({
        trans,
        query: {
          index: persons.schema.getIndexByKeyPath('purposeId')!,
          range: { type: 1, lower: key, upper: key } as never,
        },
      });
      const consents = down.table('consents');
      const inConsents = await consents.count({
        trans,
        query: {
          index: consents.schema.getIndexByKeyPath('purposeIds')!,
          range: { type: 1, lower: key, upper: key } as never,
        },
      });
      if (inUse + inConsents > 0)
        throw new RuleError('error.purposeInUse', 'A purpose in use cannot be deleted; deactivate it instead');
      entries.push(entry(ctx, 'settingsChanged', '', ['deleted'], undefined, '', `purpose:${String(key)}`));
    }
  } else {
    req.values.forEach((v, i) => {
      const changed = changedKeys(olds[i], v);
      if (changed.length && ctx.intent !== 'seed')
        entries.push(entry(ctx, 'settingsChanged', '', changed, v as Purpose, '', `purpose:${String(keys[i])}`));
    });
  }
  const res = await passDown(table, req, keys, req.type === 'add' || req.type === 'put' ? [...req.values] : undefined);
  await appendAudit(down, trans, entries);
  return res;
};

/** A user may change their own verifier, and nothing else of their record, without "manageUsers". */
function isOwnPassphraseChange(
  ctx: WriteContext,
  tableName: string,
  req: DBCoreMutateRequest,
  existing: User[],
): boolean {
  if (ctx.intent !== 'ownPassphrase' || tableName !== 'users' || req.type !== 'put' || req.values.length !== 1)
    return false;
  const next = req.values[0] as User;
  const old = existing.find((u) => u.id === next.id);
  if (!old || old.id !== ctx.session.userId) return false;
  return (
    JSON.stringify({ ...old, verifier: null, dataKey: null }) ===
    JSON.stringify({ ...next, verifier: null, dataKey: null })
  );
}

/** Users and groups: the first administrator is created without a session; the last one stays. */
const guardUsers: Guard = async (down, table, req) => {
  const trans = req.trans;
  const ctx = contextOf(trans);
  const existing = await readAll<User>(down, trans, 'users');
  if (
    !ctx &&
    table.name === 'users' &&
    existing.length === 0 &&
    req.type === 'add' &&
    req.values.length === 1 &&
    (req.values[0] as User).isAdmin
  ) {
    return table.mutate(req);
  }
  const checked = requireContext(trans, table.name);
  if (checked.intent === 'restore') return table.mutate(req);
  const keys = await keysOf(table, req);
  if (!isOwnPassphraseChange(checked, table.name, req, existing)) requirePermission(checked.session, 'manageUsers');
  if (table.name === 'users') {
    const after = new Map(existing.map((u) => [u.id, u] as const));
    if (req.type === 'add' || req.type === 'put') req.values.forEach((v, i) => after.set(String(keys[i]), v as User));
    else keys.forEach((k) => after.delete(String(k)));
    if (![...after.values()].some((u) => u.isAdmin && u.active)) {
      throw new RuleError('error.lastAdmin', 'The last administrator cannot be removed or demoted');
    }
  }
  const olds = await table.getMany({ trans, keys, cache: 'clone' });
  const entries = keys.map((k, i) => {
    const next = req.type === 'add' || req.type === 'put' ? req.values[i] : undefined;
    return entry(
      checked,
      'settingsChanged',
      '',
      next ? changedKeys(olds[i], next) : ['deleted'],
      undefined,
      '',
      `${table.name}:${String(k)}`,
    );
  });
  const res = await table.mutate(req);
  await appendAudit(down, trans, entries);
  return res;
};

/** Business transactions: none for a locked person (Art. 18); they decide who is on the worklist. */
const guardTransactions: Guard = async (down, table, req) => {
  const ctx = requireContext(req.trans, table.name);
  if (ctx.intent === 'restore') return table.mutate(req);
  requirePermission(ctx.session, permissionFor(ctx));
  const keys = await keysOf(table, req);
  const olds = (await table.getMany({ trans: req.trans, keys, cache: 'clone' })) as (BusinessTransaction | undefined)[];
  const next = req.type === 'add' || req.type === 'put' ? (req.values as BusinessTransaction[]) : [];
  if (ctx.intent !== 'erase') {
    const added = next.flatMap((t, i) => t.personIds.filter((id) => !olds[i]?.personIds.includes(id)));
    const persons = (await down.table('persons').getMany({ trans: req.trans, keys: added })) as (Person | undefined)[];
    const locked = persons.find((p) => p?.lock);
    if (locked) throw new PersonLockedError(locked.id);
  }
  const res = await table.mutate(req);
  await refreshStatuses(down, req.trans, [
    ...olds.flatMap((t) => t?.personIds ?? []),
    ...next.flatMap((t) => t.personIds),
  ]);
  return res;
};

/** Other tables holding personal data or evidence: a signed-in user with the edit permission. */
const guardEditable: Guard = async (_down, table, req) => {
  const ctx = requireContext(req.trans, table.name);
  if (ctx.intent === 'restore') return table.mutate(req);
  requirePermission(ctx.session, permissionFor(ctx));
  if (table.name === 'files' && (req.type === 'add' || req.type === 'put')) {
    for (const file of req.values as StoredFile[]) {
      const problem = checkEvidenceFile(file.data);
      if (problem)
        throw new RuleError(problem.messageKey, `Evidence file ${file.name} refused: ${problem.messageKey}`, {
          ...problem.params,
          file: file.name,
        });
      file.mimeType = EVIDENCE_MIME[sniffEvidenceKind(file.data)!];
      file.size = file.data.byteLength;
    }
  }
  return table.mutate(req);
};

const GUARDS: Record<string, Guard> = {
  persons: guardPersons,
  consents: guardConsents,
  auditLog: guardAudit,
  settings: guardSettings,
  purposes: guardPurposes,
  users: guardUsers,
  groups: guardUsers,
  transactions: guardTransactions,
  files: guardEditable,
  requests: guardEditable,
  breaches: guardEditable,
  campaigns: guardEditable,
};

/**
 * Dexie tracks the current transaction in a zone (PSD) that native `await` inside a middleware
 * can lose; the lower layers read it. Every call down re-enters the zone the write arrived in.
 */
interface ZoneApi {
  PSD: unknown;
  usePSD<T>(psd: unknown, fn: () => T): T;
}
const zones = Dexie.Promise as unknown as ZoneApi;

function zonedTable(table: DBCoreTable, psd: unknown): DBCoreTable {
  const wrap =
    <R, A>(fn: (req: A) => R) =>
    (req: A) =>
      zones.usePSD(psd, () => fn(req));
  return {
    ...table,
    get: wrap(table.get.bind(table)),
    getMany: wrap(table.getMany.bind(table)),
    query: wrap(table.query.bind(table)),
    count: wrap(table.count.bind(table)),
    openCursor: wrap(table.openCursor.bind(table)),
    mutate: wrap(table.mutate.bind(table)),
  };
}

function zonedCore(down: DBCore, psd: unknown): DBCore {
  const core = { ...down, table: (name: string) => zonedTable(down.table(name), psd) };
  const keyring = keyrings.get(down);
  if (keyring) keyrings.set(core, keyring);
  return core;
}

export const enforcementMiddleware = (keyring: Keyring): Middleware<DBCore> => ({
  stack: 'dbcore',
  name: 'consentbook-enforcement',
  create(down) {
    keyrings.set(down, keyring);
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' ? [...new Set([...stores, ...RULE_SCOPE])] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        const guard = GUARDS[name];
        if (!guard) return table;
        return {
          ...table,
          mutate(req) {
            // Schema upgrades rewrite stored data, they do not change it on anyone's behalf.
            if (isUpgrade(req.trans)) return table.mutate(req);
            const psd = zones.PSD;
            return guard(zonedCore(down, psd), zonedTable(table, psd), req);
          },
        };
      },
    };
  },
});
