/** The sync API's types, shared by the engine and its callers (the UI reads only these). */
import type { RefusalText } from '../core/records';
import type { Person } from '../../domain/person';
import type { MergeableField } from '../../domain/conflict';
import type { MessageKey } from '../../i18n/messages';

/** Where a book is replicated to: a CouchDB database and the account this device uses. */
export interface SyncConfig {
  /** The server's base address, e.g. `https://couch.example.org` (no database name). */
  serverUrl: string;
  /** The book's database on that server. */
  database: string;
  username: string;
  password: string;
}

export type SyncState = 'synced' | 'pending' | 'offline' | 'error' | 'conflict';

export interface SyncStatus {
  state: SyncState;
  /** Changes of this device not yet accepted by the server. */
  pending: number;
  /** ISO time of the last complete exchange with the server. */
  lastSyncAt?: string;
  /** What went wrong (state 'error' or 'offline'), in English or the server's own words. */
  error?: string;
  /** The cause as a message key where the engine knows it: what the UI shows, in its language. */
  errorKey?: MessageKey;
  /** Persons with conflicting versions. */
  conflicts: number;
}

export interface PullProgress {
  /** Documents received and applied so far. */
  done: number;
  /** Documents the server holds for the book (known once the pull started). */
  total: number;
}

export interface ConflictSummary {
  personId: string;
  /** Revisions standing: the winner and every losing one. */
  versions: number;
}

/** One version of a person in conflict, opened with the book's keys. */
export interface ConflictVersion {
  rev: string;
  /** CouchDB's deterministic winner: the version every device shows until resolved. */
  winner: boolean;
  /**
   * The version's person; null when its checks refuse it (`refused`: an author who lacked the
   * right or was removed since) — never offered, dropped with the resolution.
   */
  person: Person | null;
  refused?: RefusalText;
  /**
   * The fields this version changed since the version both branched from; absent when that one
   * is no longer held (a field then cannot be told changed on one side or on both).
   */
  changed?: MergeableField[];
  /** The user and device that wrote this version. */
  author: string;
  device: string;
}

/** An incoming document that failed a check: kept here, never applied. */
/** A document set aside until what it needs arrives (feed.ts), as stored in the settings. */
export interface SetAside {
  rev: string;
  /** The document it waits for: its author's record (`users:…`), its person, a key grant ('' when kept before). */
  awaits: string;
  /** When it was first set aside ('' when kept before). */
  since: string;
}

/** A document set aside, as listed. */
export interface WaitingEntry {
  docId: string;
  /** The table it belongs to. */
  type: string;
  /** What it waits for: a table and a key (none: set aside before this was kept). */
  awaited?: { type: string; key: string };
  /** When it was first set aside ('' when kept before). */
  since: string;
}

export interface QuarantineEntry {
  docId: string;
  rev: string;
  /** The table it claims to belong to ('' when unreadable). */
  type: string;
  /** Why it was refused, in English, e.g. "does not open with the book's keys". */
  reason: string;
  /** The same as a message key with its values, to show it in the user's language (entries kept before it have none). */
  refusal?: RefusalText;
  at: string;
  /** What became of it since: a later version carrying the change applied, or dropped by a conflict's resolution. */
  outcome?: 'applied' | 'dropped';
  /** Taken note of on this device, by whom (a user's name). */
  acknowledged?: { at: string; by: string };
  /** Still to be looked at (neither settled nor taken note of): what the header and the Übersicht count. */
  standing: boolean;
}

/**
 * A version of a person this device wrote that the team does not take over (sync/ownHeldBack.ts):
 * its author lost the right it needs before it reached the other devices, and their checks refuse
 * it. This device shows it until an administrator's device writes the team's version over it
 * (`reverted`); the team holds the version before it.
 */
export interface OwnHeldBackVersion {
  docId: string;
  rev: string;
  /** Who wrote it (a user's id). */
  author: string;
  /** The person's `updatedAt` in it: when the change was made. */
  changedAt: string;
  /** The fields it changed against the team's version (undefined: that version is not held here). */
  fields?: MergeableField[];
  /** Why the other devices refuse it: the same checks, with the rights as they stand here now. */
  refusal: RefusalText;
  /** Taken note of on this device, by whom (commands/heldBack.ts). */
  acknowledged?: { at: string; by: string };
  /**
   * Written over by an administrator's device that refused it (sync/writeOver.ts): by whom (a
   * user's id) and that version (`rev`), applied here — this device too shows the team's value now.
   */
  reverted?: { by: string; rev: string };
}

/** What sync/ownHeldBack.ts keeps (settings, this device's own): the versions, and the rights judged. */
export interface OwnHeldBackState {
  /** Each user's rights when last judged: whether active, and their permissions (sorted). */
  rights: Record<string, { active: boolean; permissions: string[] }>;
  versions: OwnHeldBackVersion[];
}
