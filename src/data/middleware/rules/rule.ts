/**
 * The shape of a table's rules: typed handlers per record, in the manner of a store's side effects
 * (before each write or delete, after the request was stored). The adapter (enforcement.ts) calls
 * them for every record of every write path; a handler refuses by throwing a typed error.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction } from 'dexie';
import type { AuditEntry } from '../../../domain/audit';
import type { Purpose } from '../../../domain/purpose';
import type { PrivacySettings } from '../../../domain/settings';
import type { Permission } from '../../../domain/user';
import type { ChangeReason, WriteContext } from '../../core/context';
import type { RuleCache } from '../ruleCache';
import type { Keyring } from '../../core/crypto/keyring';
import { ERASE_PERMISSION, tablePermissions } from './permissions';

/** One write request as the rules see it: who writes and why, and reads shared by its records. */
export class RuleWrite {
  private purposes = new Map<string, Promise<Purpose | undefined>>();
  private privacySettings?: Promise<PrivacySettings>;

  constructor(
    readonly ctx: WriteContext,
    /** The layers below, for the reads a rule needs and the derived data it keeps. */
    readonly down: DBCore,
    readonly table: DBCoreTable,
    readonly req: DBCoreMutateRequest,
    readonly keys: unknown[],
    /** The connection's settings and purposes (ruleCache.ts). */
    private readonly cache: RuleCache,
    /** The signed-in user's keys (the users' rules judge rights as the app last wrote them). */
    readonly keyring?: Keyring,
  ) {}

  get trans(): DBCoreTransaction {
    return this.req.trans;
  }

  privacy(): Promise<PrivacySettings> {
    this.privacySettings ??= this.cache.readPrivacy(this.down, this.trans);
    return this.privacySettings;
  }

  /** A purpose by id, read once per request. */
  purpose(id: string): Promise<Purpose | undefined> {
    let p = this.purposes.get(id);
    if (!p) this.purposes.set(id, (p = this.cache.readPurpose(this.down, this.trans, id)));
    return p;
  }

  /**
   * The reason as the caller handed it over: the rules check it, they do not take it to be
   * complete.
   */
  get reason(): Partial<ChangeReason> | undefined {
    return this.ctx.reason;
  }

  /** The purpose the user gave with the comment, when both are complete and the purpose exists. */
  async reasonPurpose(): Promise<Purpose | undefined> {
    const r = this.reason;
    if (!r?.comment?.trim() || !r.purposeId) return undefined;
    return this.purpose(r.purposeId);
  }
}

/**
 * What a record's write becomes: the value to store and, when it is logged, its audit entry — or
 * one per person it concerns (a business transaction names several).
 */
export interface Outcome<T> {
  value: T;
  audit?: AuditEntry | readonly AuditEntry[];
}

/** A stored write: the record before (none: created) and after (none: deleted). */
export interface Change<T> {
  key: string;
  old?: T;
  next?: T;
}

/** A deletion's entries, as an Outcome's. */
export type Logged = Pick<Outcome<unknown>, 'audit'>;

export interface TableRule<T> {
  /** False when no handler looks at `old`: the stored versions are then not read. */
  readsStored?: boolean;
  /** Admits a write without a session: only the first administrator is created so. */
  admitsWithoutSession?(down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest): Promise<boolean>;
  /** Checks of the request as a whole, before any record: permissions, what the table allows. */
  prepare?(w: RuleWrite): void | Promise<void>;
  /** Checks and completes one record about to be stored (`old`: undefined when it is new). */
  beforeWrite(old: T | undefined, next: T, w: RuleWrite): Outcome<T> | Promise<Outcome<T>>;
  /** Checks one record about to be deleted (`old`: undefined when there is none under the key). */
  beforeDelete(old: T | undefined, key: string, w: RuleWrite): Logged | Promise<Logged>;
  /** After the request was stored, with the records that were: keeps derived data in step. */
  afterWrite?(changes: Change<T>[], w: RuleWrite): Promise<void>;
}

/**
 * The permission of a write of `table`'s records by its intent (./permissions.ts): erasing a person
 * takes their consents, files and links along — that needs the erasure's, not the edit's; filing
 * an issued report with its request the report permission (rules/records.ts checks it changes
 * nothing but their documents).
 */
export function permissionFor(ctx: WriteContext, table: string): Permission {
  const { write, erasure, filing } = tablePermissions(table);
  if (ctx.intent === 'erase' && erasure) return ERASE_PERMISSION;
  if (ctx.intent === 'fileDocument' && filing) return filing;
  return write;
}

/** The top-level fields whose values differ, sorted. */
export function changedKeys(a: unknown, b: unknown): string[] {
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])]
    .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
    .sort();
}
