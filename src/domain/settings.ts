/** Settings that change what the data layer does (Datenschutzcenter). */
import type { LoggingOffPeriod } from './loggingOff';

/**
 * The recipients and processors (domain/recipients.ts), stored in the settings under this key as an
 * object by id, so the log names which entry changed. Here rather than there: the data layer's
 * rules need the key at the start, the recipients' checks (with the EU/EEA list) only later.
 */
export const RECIPIENTS_KEY = 'recipients';

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
