/** Settings that change what the data layer does (Datenschutzcenter). */
import type { LoggingOffPeriod } from './loggingOff';
import { isText, isWhole, type RecordProblem } from './recordProblem';

/**
 * The recipients and processors (domain/recipients.ts), stored in the settings under this key as an
 * object by id, so the log names which entry changed. Here rather than there: the data layer's
 * rules need the key at the start, the recipients' checks (with the EU/EEA list) only later.
 */
export const RECIPIENTS_KEY = 'recipients';

/**
 * The book's settings, as against a device's own (its last backup, its sync state): the data
 * layer's rule table has exactly these (data/middleware/rules/settings.ts), and their records are
 * tagged (data/middleware/bookTags.ts). 'registerNotes' is domain/overview.ts's REGISTER_NOTES_KEY.
 */
export const BOOK_SETTING_KEYS = ['privacy', 'controller', 'recipients', 'registerNotes', 'syncOperator'] as const;
export type BookSettingKey = (typeof BOOK_SETTING_KEYS)[number];

/**
 * The mark that every record of the book is sealed: written at setup, or by the first sign-in after
 * the update that brought encryption at rest (data/auth.ts). A backup carrying it holds no record in
 * plain (commands/backup.ts).
 */
export const SEALED_MARK_KEY = 'encryption';

/**
 * Which entered processor operates the sync server (Art. 28): the id of its recipients' entry, so
 * its name, country, transfer basis and contract date are entered and checked once, there. '' while
 * nobody is named. Administrators choose it (they connect the book), in Einstellungen → Synchronisation.
 */
export const SYNC_OPERATOR_KEY = 'syncOperator';

export interface SyncOperatorChoice {
  recipientId: string;
}

export const NO_SYNC_OPERATOR: SyncOperatorChoice = { recipientId: '' };

export interface Controller {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  email: string;
  phone: string;
  dataProtectionOfficer: string;
}

/**
 * "DSGVO-Programmunterstützung deaktivieren" as the documents state it: while disabled nothing
 * about persons is logged. `since`: when it was switched to its state, from the log's settings
 * entry (switching it is logged even while it is off); null when the log does not tell.
 */
export interface GdprSupportState {
  disabled: boolean;
  since: string | null;
  /**
   * Every period it was disabled, the one running too (domain/loggingOff.ts), oldest first: the log
   * has gaps there. Absent in a register issued before these were read.
   */
  offPeriods?: LoggingOffPeriod[];
}

export interface PrivacySettings {
  /** "DSGVO-Programmunterstützung deaktivieren": off by default. */
  gdprSupportDisabled: boolean;
  /** The name of the consent attribute; empty: the UI language's name ("DSGVO-Einwilligung"). */
  consentAttributeName: string;
  /** Retention defaults in years for linked business transactions (HGB § 257 / AO § 147). */
  retentionYearsTransactions: number;
  retentionYearsAccountingTransactions: number;
  idleLockMinutes: number;
  backupReminderDays: number;
}

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  gdprSupportDisabled: false,
  consentAttributeName: '',
  retentionYearsTransactions: 6,
  retentionYearsAccountingTransactions: 10,
  idleLockMinutes: 10,
  backupReminderDays: 7,
};

/** The consent attribute's name is a label: short enough for a heading on a phone. */
export const CONSENT_ATTRIBUTE_MAX_LENGTH = 60;

/** The idle lock's range in minutes, as the form offers it. */
export const IDLE_LOCK_MINUTES = { min: 1, max: 240 } as const;

const years = (v: unknown) => (isWhole(v, 0, 100) ? undefined : 'is not a whole number of years from 0 to 100');

/** Each privacy setting's check: why its value is not one (undefined: it is). */
const PRIVACY_CHECKS: Record<keyof PrivacySettings, (v: unknown) => string | undefined> = {
  gdprSupportDisabled: (v) => (typeof v === 'boolean' ? undefined : 'is not true or false'),
  consentAttributeName: (v) =>
    !isText(v)
      ? 'is not a text'
      : v.trim().length > CONSENT_ATTRIBUTE_MAX_LENGTH
        ? `is longer than ${CONSENT_ATTRIBUTE_MAX_LENGTH} characters`
        : undefined,
  retentionYearsTransactions: years,
  retentionYearsAccountingTransactions: years,
  idleLockMinutes: (v) =>
    isWhole(v, IDLE_LOCK_MINUTES.min, IDLE_LOCK_MINUTES.max)
      ? undefined
      : `is not a whole number of minutes from ${IDLE_LOCK_MINUTES.min} to ${IDLE_LOCK_MINUTES.max}`,
  backupReminderDays: (v) => (isWhole(v, 1, 365) ? undefined : 'is not a whole number of days from 1 to 365'),
};

/** The first of the privacy settings `changed` whose value is none (fields this version does not know are ignored). */
export function privacyProblem(value: Record<string, unknown>, changed: readonly string[]): RecordProblem | undefined {
  for (const field of changed) {
    const why = Object.hasOwn(PRIVACY_CHECKS, field)
      ? PRIVACY_CHECKS[field as keyof PrivacySettings](value[field])
      : undefined;
    if (!why) continue;
    if (field === 'consentAttributeName' && isText(value[field]))
      return {
        messageKey: 'error.consentAttributeName',
        reason: `${field} ${why}`,
        params: { max: CONSENT_ATTRIBUTE_MAX_LENGTH },
      };
    return { messageKey: 'error.settingInvalid', reason: `${field} ${why}`, params: { key: 'privacy' } };
  }
  return undefined;
}

/**
 * The first privacy setting whose value is not of its type (true or false, a text, a number) — no
 * range or length: a value stored before a limit was added still has the right types.
 */
export function privacyShapeProblem(value: Record<string, unknown>): RecordProblem | undefined {
  const TYPE_NAMES: Record<string, string> = { boolean: 'true or false', string: 'a text', number: 'a number' };
  for (const [field, fallback] of Object.entries(DEFAULT_PRIVACY_SETTINGS)) {
    const type = typeof fallback;
    const v = value[field];
    if (typeof v !== type || (type === 'number' && !Number.isFinite(v)))
      return {
        messageKey: 'error.settingInvalid',
        reason: `${field} is not ${TYPE_NAMES[type]}`,
        params: { key: 'privacy' },
      };
  }
  return undefined;
}

/** The default name older versions stored: it stands for the UI language's name, not for a choice. */
export const FORMER_DEFAULT_CONSENT_ATTRIBUTE = 'DSGVO-Einwilligung';

export const EMPTY_CONTROLLER: Controller = {
  name: '',
  street: '',
  postalCode: '',
  city: '',
  country: '',
  email: '',
  phone: '',
  dataProtectionOfficer: '',
};

/** The first of the controller's fields `changed` that is no text. */
export function controllerProblem(
  value: Record<string, unknown>,
  changed: readonly string[],
): RecordProblem | undefined {
  const field = changed.find((f) => Object.hasOwn(EMPTY_CONTROLLER, f) && !isText(value[f]));
  return field
    ? { messageKey: 'error.settingInvalid', reason: `${field} is not a text`, params: { key: 'controller' } }
    : undefined;
}

/** What a document needs of the controller (Art. 13(1)(a), 15, 30(1)(a)); the DPO only if one is named. */
export type ControllerPart = 'name' | 'address' | 'contact';

export function controllerGaps(c: Controller): ControllerPart[] {
  const filled = (...values: string[]) => values.every((v) => v.trim() !== '');
  const gaps: ControllerPart[] = [];
  if (!filled(c.name)) gaps.push('name');
  if (!filled(c.street, c.postalCode, c.city)) gaps.push('address');
  if (!filled(c.email) && !filled(c.phone)) gaps.push('contact');
  return gaps;
}

/** A document was to be issued without its controller: nobody could tell the person who is responsible. */
export class ControllerMissingError extends Error {
  readonly messageKey = 'error.controllerMissing';
  constructor(readonly missing: ControllerPart[]) {
    super(`No document without a controller: ${missing.join(', ')} missing`);
    this.name = 'ControllerMissingError';
  }
}

/** Refuses (ControllerMissingError) when the controller lacks a name, an address or a way to contact them. */
export function requireController(c: Controller): void {
  const missing = controllerGaps(c);
  if (missing.length > 0) throw new ControllerMissingError(missing);
}
