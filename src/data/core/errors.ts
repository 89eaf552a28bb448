/**
 * Typed errors of the data layer. Each carries a translation key so the UI can show the same
 * clear message whichever path hit the rule.
 */
import type { FieldProblem } from '../../domain/validation';
import type { RecordProblem } from '../../domain/recordProblem';
import type { Permission } from '../../domain/user';
import type { EventRight } from '../../domain/eventRights';
import type { MessageKey, MessageParams } from '../../i18n/messages';

/** The keys of the error messages (`i18n/<lang>/errors.ts`, evidence files in `domain.ts`). */
export type ErrorKey = Extract<MessageKey, `error.${string}` | `backup.${string}` | `evidence.${string}`>;

export abstract class ConsentbookError extends Error {
  abstract readonly messageKey: ErrorKey;
  params: MessageParams = {};
}

/** Watched fields of a natural person changed without a stated purpose and comment. */
export class ReasonRequiredError extends ConsentbookError {
  readonly messageKey = 'error.reasonRequired';
  constructor(
    readonly personId: string,
    readonly fieldKeys: string[],
    detail = '',
  ) {
    super(
      `Change reason required for person ${personId}: fields ${fieldKeys.join(', ')} changed${detail ? ` (${detail})` : ''}`,
    );
    this.name = 'ReasonRequiredError';
    this.params = { fields: fieldKeys.join(', ') };
  }
}

export class PersonLockedError extends ConsentbookError {
  readonly messageKey = 'error.personLocked';
  constructor(readonly personId: string) {
    super(`Person ${personId} is locked (Sperrvermerk): unlock it first`);
    this.name = 'PersonLockedError';
  }
}

export class PermissionDeniedError extends ConsentbookError {
  readonly messageKey = 'error.permissionDenied';
  constructor(
    readonly permission: Permission,
    readonly userName: string,
  ) {
    super(`User ${userName} lacks the permission ${permission}`);
    this.name = 'PermissionDeniedError';
    this.params = { permission };
  }
}

/** An event logged by someone who may not do what it records (domain/eventRights.ts): a forged proof. */
export class EventNotPermittedError extends ConsentbookError {
  readonly messageKey: ErrorKey;
  constructor(
    readonly action: string,
    readonly right: EventRight,
    userName: string,
  ) {
    super(`User ${userName} may not log "${action}": it needs ${right === 'admin' ? 'an administrator' : right}`);
    this.name = 'EventNotPermittedError';
    this.messageKey = right === 'admin' ? 'error.eventAdminOnly' : 'error.eventNotPermitted';
    this.params = { action, permission: right };
  }
}

export class NotSignedInError extends ConsentbookError {
  readonly messageKey = 'error.notSignedIn';
  constructor(table: string) {
    super(`Writing to ${table} needs a signed-in user`);
    this.name = 'NotSignedInError';
  }
}

/** A save based on an older version than the stored one (another tab saved meanwhile). */
export class StaleVersionError extends ConsentbookError {
  readonly messageKey = 'error.staleVersion';
  constructor(
    readonly personId: string,
    readonly storedVersion: number,
    readonly givenVersion: number,
  ) {
    super(`Person ${personId} was changed meanwhile (stored version ${storedVersion}, yours ${givenVersion})`);
    this.name = 'StaleVersionError';
  }
}

export class ValidationError extends ConsentbookError {
  readonly messageKey = 'error.validation';
  constructor(readonly problems: FieldProblem[]) {
    super(`Invalid input: ${problems.map((p) => `${p.field} (${p.messageKey})`).join(', ')}`);
    this.name = 'ValidationError';
    this.params = { fields: problems.map((p) => p.field).join(', ') };
  }
}

export class AuditLogAppendOnlyError extends ConsentbookError {
  readonly messageKey = 'error.auditAppendOnly';
  constructor() {
    super('The audit log is append-only: entries cannot be changed or deleted');
    this.name = 'AuditLogAppendOnlyError';
  }
}

export class SignInError extends ConsentbookError {
  readonly messageKey = 'error.signIn';
  constructor() {
    super('Unknown user or wrong passphrase');
    this.name = 'SignInError';
  }
}

/** Personal data is sealed and the keys are not in memory: nobody is signed in (or the idle lock struck). */
export class KeysLockedError extends ConsentbookError {
  readonly messageKey = 'error.keysLocked';
  constructor() {
    super('The data is locked: sign in again to read or change personal data');
    this.name = 'KeysLockedError';
  }
}

/**
 * A sealed record that does not open with its key: a plain field beside the ciphertext or a byte in
 * it was changed outside the app, or another record's ciphertext was copied in. Names table and key.
 */
export class SealedRecordError extends ConsentbookError {
  readonly messageKey = 'error.sealedRecord';
  constructor(
    readonly table: string,
    readonly key: string,
    cause: unknown,
  ) {
    super(`The record ${table}/${key} does not open: it was changed outside the app (or is damaged)`, { cause });
    this.name = 'SealedRecordError';
    this.params = { table, key };
  }
}

/**
 * A record in plain in a table whose records are all sealed: every record is sealed from the book's
 * setup (or, in a book from before encryption at rest, at the first sign-in after the update, which
 * reads them below the codec and logs what it sealed: auth.ts sealLegacyRecords). One in plain was
 * put there outside the app — a consent planted as given, say — and is refused as a changed sealed
 * record is, naming table and key.
 */
export function plainRecordError(table: string, key: unknown): SealedRecordError {
  return new SealedRecordError(table, String(key), new Error('stored in plain, not sealed'));
}

/** A person's key secret is gone: the person was erased (crypto-erasure), their sealed data stays unreadable. */
export class PersonKeyMissingError extends ConsentbookError {
  readonly messageKey = 'error.personKeyMissing';
  constructor(readonly personId: string) {
    super(`No key for person ${personId}: the person was erased`);
    this.name = 'PersonKeyMissingError';
  }
}

/** A user exists from before encryption, but the data key was already set up by someone else. */
export class NoKeyForUserError extends ConsentbookError {
  readonly messageKey = 'error.noKeyForUser';
  constructor() {
    super('This account has no access to the encrypted data yet; an administrator must set its passphrase anew');
    this.name = 'NoKeyForUserError';
  }
}

/** A rule of the domain refused the command (message key says which). */
export class RuleError extends ConsentbookError {
  constructor(
    readonly messageKey: ErrorKey,
    message: string,
    params: MessageParams = {},
  ) {
    super(message);
    this.name = 'RuleError';
    this.params = params;
  }
}

/** A record's problem (domain/recordProblem.ts) as a rule refuses it. */
export function problemError(problem: RecordProblem): RuleError {
  return new RuleError(problem.messageKey as ErrorKey, problem.reason, problem.params);
}

/** Connecting to a sync server failed: the key names the problem (address, server, account, database). */
export class SyncConnectionError extends ConsentbookError {
  constructor(
    readonly messageKey: ErrorKey,
    message: string,
    params: MessageParams = {},
  ) {
    super(message);
    this.name = 'SyncConnectionError';
    this.params = params;
  }
}

/** A deletion refused because a statutory retention duty runs until `deletableFrom` (ISO date). */
export class RetentionError extends RuleError {
  constructor(
    readonly personId: string,
    readonly deletableFrom: string,
  ) {
    super('error.retention', `Person ${personId} is under a retention duty until ${deletableFrom}`, {
      date: deletableFrom,
    });
    this.name = 'RetentionError';
  }
}

/** The device's storage is full; nothing of the write was stored. */
export class StorageFullError extends ConsentbookError {
  readonly messageKey = 'error.storageFull';
  constructor() {
    super('The device storage is full; nothing was saved');
    this.name = 'StorageFullError';
  }
}

/** QuotaExceededError can arrive as the inner error of an AbortError. */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}
