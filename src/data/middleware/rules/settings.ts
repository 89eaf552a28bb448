/**
 * Settings: changed, never deleted, and every key guarded — a key no list below names is refused.
 * The book's settings (privacy, controller, recipients, the register's notes, the sync server's
 * operator) need their permission — the operator an administrator — and are logged with the keys
 * of the fields that changed — even while GDPR support is off, since switching it is itself logged,
 * with the value it was switched to. The data layer's own keys are written by their own code only. The
 * audit chain's head is the log's own and written only with an entry.
 */
import { AUDIT_HEAD_KEY } from '../../../domain/auditChain';
import { GDPR_SWITCH_KEY } from '../../../domain/loggingOff';
import { EMPTY_REGISTER_NOTES, REGISTER_NOTES_KEY, registerNotesProblem } from '../../../domain/registerNotes';
import {
  controllerProblem,
  DEFAULT_PRIVACY_SETTINGS,
  EMPTY_CONTROLLER,
  privacyProblem,
  privacyShapeProblem,
  NO_SYNC_OPERATOR,
  RECIPIENTS_KEY,
  SEALED_MARK_KEY,
  SYNC_OPERATOR_KEY,
  type BookSettingKey,
} from '../../../domain/settings';
import type { Permission } from '../../../domain/user';
import type { SettingRecord } from '../../core/records';
import { AuditLogAppendOnlyError, problemError, RuleError, type ErrorKey } from '../../core/errors';
import { requirePermission } from '../../core/session';
import { auditEntry } from '../audit';
import { isDelete } from '../mutations';
import { deleteRefused } from './deletes';
import { changedKeys, type RuleWrite, type TableRule } from './rule';
import { changedRecipientsProblem, storedRecipients } from './recipients';
import { recipientEntryShapeProblem } from '../../../domain/recipients';
import { isFields, own, type RecordProblem } from '../../../domain/recordProblem';
import { SYNC_STATE_SETTINGS } from '../../core/syncSettings';

/**
 * The book's settings (replicated to the team): the permission each needs, and what it is before it
 * was first stored, so the first change logs only what changed. The register's notes complete the
 * Art. 30 register the controller's data heads: the same permission (saveRegisterNotes checks it too).
 */
interface EntryChecks {
  /** A value as this version reads it (entries stored before a field was added compare as unchanged). */
  read?: (value: unknown) => Record<string, unknown>;
  /**
   * What the setting's command would refuse, for the keys that changed (`after`: as read, `raw`: as
   * stored): no writer here skips it, nor a change arriving by sync (sync/check.ts).
   */
  problem: (
    after: Record<string, unknown>,
    changed: readonly string[],
    raw: Record<string, unknown>,
  ) => RecordProblem | undefined;
  /**
   * Its shape and types only (no range, no length, no form rule): a value arriving by sync where
   * nothing is held yet (a device's first pull) may hold what was stored before a limit was added.
   */
  shape: (after: Record<string, unknown>, raw: Record<string, unknown>) => RecordProblem | undefined;
}

interface BookSetting {
  permission: Permission;
  /** Written by an administrator only (as the connection it belongs to): refused with this message otherwise. */
  adminOnly?: ErrorKey;
  defaults: object;
  checks: EntryChecks;
}

/**
 * The sync server's operator names an entry by id (the command checks it is a processor, in the same
 * transaction); here only that it is an id, so no writer stores anything else under the key. Sync
 * does not judge the entry either: the recipients may change after (or arrive before) the choice, and
 * the documents read an operator that names no processor as none (syncOperatorOf).
 */
function syncOperatorProblem(next: Record<string, unknown>): RecordProblem | undefined {
  if (typeof next.recipientId !== 'string' || Object.keys(next).some((k) => k !== 'recipientId'))
    return { messageKey: 'error.syncOperatorNotProcessor', reason: 'it names no recipient entry by id' };
  return undefined;
}

const SYNC_OPERATOR_CHECKS: EntryChecks = { problem: syncOperatorProblem, shape: syncOperatorProblem };

/** The recipients' checks (./recipients.ts): each entry changed as stored, e.g. a third-country one names its transfer basis. */
const RECIPIENT_CHECKS: EntryChecks = {
  read: storedRecipients,
  problem: (_after, changed, raw) => changedRecipientsProblem(raw, changed),
  shape: (_after, raw) =>
    Object.entries(raw)
      .map(([id, entry]) => recipientEntryShapeProblem(id, entry))
      .find(Boolean),
};

const BOOK_SETTINGS: Record<BookSettingKey, BookSetting> = {
  privacy: {
    permission: 'changePrivacySettings',
    defaults: DEFAULT_PRIVACY_SETTINGS,
    checks: { problem: privacyProblem, shape: privacyShapeProblem },
  },
  controller: {
    permission: 'changePrivacySettings',
    defaults: EMPTY_CONTROLLER,
    checks: { problem: controllerProblem, shape: (after) => controllerProblem(after, Object.keys(EMPTY_CONTROLLER)) },
  },
  [RECIPIENTS_KEY]: { permission: 'changePrivacySettings', defaults: {}, checks: RECIPIENT_CHECKS },
  [REGISTER_NOTES_KEY]: {
    permission: 'changePrivacySettings',
    defaults: EMPTY_REGISTER_NOTES,
    checks: {
      problem: (after, changed) => registerNotesProblem(after, changed),
      shape: (after) => registerNotesProblem(after, Object.keys(EMPTY_REGISTER_NOTES), Infinity),
    },
  },
  [SYNC_OPERATOR_KEY]: {
    permission: 'changePrivacySettings',
    adminOnly: 'error.syncOperatorAdminOnly',
    defaults: NO_SYNC_OPERATOR,
    checks: SYNC_OPERATOR_CHECKS,
  },
};

/**
 * This device's own keys, each with the one check its writer passes through this connection:
 * - `lastBackup` (commands/backup.ts createBackup): the backup's permission, in the writer's own name;
 *   not logged — a fact about this device (the restore's raw write keeps it), shown in the overview.
 * - the sealed mark: set once, by the first administrator at setup (markSealed); the legacy sealing
 *   writes it with the restore privilege, which skips the rules. Never changed after.
 */
const DEVICE_SETTINGS: Record<string, (old: SettingRecord | undefined, next: SettingRecord, w: RuleWrite) => void> = {
  lastBackup(_old, next, w) {
    requirePermission(w.ctx.session, 'issueReports');
    const value = next.value as { by?: unknown } | undefined;
    if (value?.by !== w.ctx.session.userName) throw internal(next.key);
  },
  [SEALED_MARK_KEY](old, next, w) {
    if (old || !w.ctx.session.isAdmin) throw internal(next.key);
  },
};

/**
 * Whether only an administrator writes the book setting `key` — here and, for a change made on
 * another device, in sync's incoming checks (sync/check.ts): one list for both.
 */
export function needsAdministrator(key: string): boolean {
  return !!own(BOOK_SETTINGS, key)?.adminOnly;
}

/**
 * The permission a change of the book setting `key` needs — here and, for a change made on another
 * device, in sync's incoming checks (sync/check.ts); undefined for a key that is no book setting.
 */
export function settingPermission(key: string): Permission | undefined {
  return own(BOOK_SETTINGS, key)?.permission;
}

/** A book setting's change as its rule judges it: the keys that changed, the value as read, and its problem if any. */
interface Judged {
  changed: string[];
  after: Record<string, unknown>;
  problem?: RecordProblem;
}

function judge(key: string, book: BookSetting, old: unknown, next: unknown, firstArrival = false): Judged {
  const read = book.checks.read ?? ((value: unknown) => ({ ...book.defaults, ...(value as object | undefined) }));
  if (!isFields(next))
    return {
      changed: [],
      after: {},
      problem: { messageKey: 'error.settingInvalid', reason: 'its value is not an object', params: { key } },
    };
  const after = read(next);
  if (firstArrival) return { changed: [], after, problem: book.checks.shape(after, next) };
  const changed = changedKeys({ ...book.defaults, ...read(old) }, after);
  return { changed, after, problem: changed.length ? book.checks.problem(after, changed, next) : undefined };
}

/**
 * Why the book setting `key` made on another device (sync/check.ts) may not change from `held`
 * (this device's value) to `next`, as its rule refuses it here; undefined when it may. Nothing held
 * here (a device's first pull): by shape and types only — the value was judged where it was written,
 * and may keep legitimately what a limit added since would refuse (a third-country recipient stored
 * before the transfer basis existed, read as "to be checked"; a longer consent attribute's name).
 */
export function bookSettingProblem(key: string, held: unknown, next: unknown): RecordProblem | undefined {
  const book = own(BOOK_SETTINGS, key);
  if (!book) return { messageKey: 'error.settingUnknown', reason: 'it is no book setting', params: { key } };
  return judge(key, book, held, next, held === undefined).problem;
}

function internal(key: string): RuleError {
  return new RuleError('error.settingInternal', `The setting ${key} is kept by the data layer itself`, { key });
}

export const settingRules: TableRule<SettingRecord> = {
  prepare(w) {
    if (isDelete(w.req) && deleteRefused(w.table.name, w.ctx.intent))
      throw new RuleError('error.settingsKept', 'Settings are changed, never deleted');
  },
  beforeWrite(old, next, w) {
    const key = next.key;
    if (key === AUDIT_HEAD_KEY) throw new AuditLogAppendOnlyError();
    // Written only through the raw connection: the sync state (sync/state.ts, engine.ts, apply.ts).
    // So is anything else no list here names (a restore's pending entry): refused as unknown below.
    if (SYNC_STATE_SETTINGS.includes(key)) throw internal(key);
    const device = own(DEVICE_SETTINGS, key);
    if (device) {
      device(old, next, w);
      return { value: next };
    }
    const book = own(BOOK_SETTINGS, key);
    if (!book) throw new RuleError('error.settingUnknown', `There is no setting ${key}`, { key });
    requirePermission(w.ctx.session, book.permission);
    if (book.adminOnly && !w.ctx.session.isAdmin)
      throw new RuleError(book.adminOnly, `Only an administrator changes the setting ${key}`);
    const { changed, after, problem } = judge(key, book, old?.value, next.value);
    if (problem) throw problemError(problem);
    if (!changed.length) return { value: next };
    const comment = w.reason?.comment ?? '';
    // A switch of GDPR support states which way it went (as the rules read it: set is off), so
    // the periods without logging are read from the log, not counted back (domain/loggingOff.ts).
    const gdprSupportDisabled =
      key === 'privacy' && changed.includes(GDPR_SWITCH_KEY) ? !!after[GDPR_SWITCH_KEY] : undefined;
    return {
      value: next,
      audit: auditEntry(w.ctx, 'settingsChanged', '', {
        fieldKeys: changed,
        comment,
        context: `settings:${key}`,
        gdprSupportDisabled,
      }),
    };
  },
  beforeDelete: () => ({}),
};
