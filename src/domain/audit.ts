import type { HeldBackMark } from './heldBack';

/**
 * Audit entries. They hold the KEYS of changed fields, the person's id and the
 * reason — never a value of a personal field, never a name.
 */

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'lock',
  'unlock',
  'consentGiven',
  'consentWithdrawn',
  'accessReport',
  'portabilityExport',
  'import',
  'settingsChanged',
  'requestClosed',
  'informed',
  'other',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Auto-incremented sequence number: the order of the log. */
  seq?: number;
  at: string;
  userId: string;
  userName: string;
  staffNumber: string;
  /** '' when the entry is not about a person (settings). */
  personId: string;
  action: AuditAction;
  purposeId: string;
  /** Name of the purpose when the entry was written (purposes can be renamed later). */
  purposeName: string;
  comment: string;
  /** Keys of the changed watched fields (or setting keys for settingsChanged). */
  fieldKeys: string[];
  /** Non-personal context: an import's file name, a consent id, a report kind. */
  context: string;
  /**
   * A settings entry that switched GDPR support: the value it was switched to (true: off, nothing
   * about persons logged). Plain, not sealed — a boolean about the book, no personal data — and
   * covered by the hash chain like every top-level field. Absent in entries from before it was
   * recorded (domain/loggingOff.ts counts back across those).
   */
  gdprSupportDisabled?: boolean;
  /**
   * As stored: comment and context sealed (free text can name a person), see data/core/crypto/auditText.ts.
   * The hash chain covers these bytes, so the log verifies without any key.
   */
  sealedText?: Uint8Array;
  /** 'person': sealed under the person's key, so erasing the person makes the text unreadable. */
  textKey?: 'person';
  /** As read: the text was sealed under the key of a person since erased (never stored). */
  textErased?: boolean;
  /**
   * An administrator's device's entry of a member's version it wrote over (sync/writeOver.ts): what
   * finds the entries of that version's change on every device (domain/heldBack.ts
   * writtenOverChange) — its device, author and time, and since when — plain (ids and times, no
   * value) and covered by the hash chain. Absent in every other entry.
   */
  overrides?: string;
  /**
   * As read (never stored, never chained): another device's entry of a change this book refused
   * and holds back — or dropped since, or an administrator's device wrote over — so the data does
   * not contain it (domain/heldBack.ts).
   */
  heldBack?: HeldBackMark;
}
