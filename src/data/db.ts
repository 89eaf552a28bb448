/**
 * The Dexie database, the composition root of the data layer: the tables and schema history (core)
 * with the sealing and enforcement middleware (middleware) on top.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AuditEntry } from '../domain/audit';
import type { AuditSegment } from '../domain/auditSegment';
import type { BusinessTransaction } from '../domain/transaction';
import type { Consent } from '../domain/consent';
import type { Group, User } from '../domain/user';
import type { Purpose } from '../domain/purpose';
import type { Campaign } from '../domain/campaign';
import type { DataBreach, DataSubjectRequest } from '../domain/requests';
import type { ChainCheckpoint } from '../domain/chainCheckpoint';
import type { KeyGrant } from '../domain/keyGrant';
import { SCHEMA_VERSIONS } from './core/schema';
import { enforcementMiddleware } from './middleware/enforcement';
import { sealingMiddleware } from './middleware/sealing';
import { outboxMiddleware, type OutboxRow, type OutboxSwitch } from './middleware/outbox';
import { Keyring, type PersonKeyRecord } from './core/crypto/keyring';
import type { PersonStatus } from './core/personStatus';
import type { PersonKeyGroup } from './core/personSecrets';
import type { DirectoryBucket, DirectoryKey } from './core/derived';
import type {
  ConflictFlag,
  Erasure,
  KeptDraft,
  QuarantineRecord,
  SettingRecord,
  StoredFile,
  StoredPerson,
  SyncRev,
} from './core/records';

export type { StoredPerson, Erasure, StoredFile, SettingRecord, KeptDraft, FormDraft } from './core/records';

export const DEFAULT_DB_NAME = 'consentbook';

export class ConsentbookDB extends Dexie {
  persons!: EntityTable<StoredPerson, 'id'>;
  purposes!: EntityTable<Purpose, 'id'>;
  consents!: EntityTable<Consent, 'id'>;
  transactions!: EntityTable<BusinessTransaction, 'id'>;
  files!: EntityTable<StoredFile, 'id'>;
  auditLog!: Table<AuditEntry, number>;
  /** An import's entries, a chunk a record: read only through core/auditEntries.ts. */
  auditSegments!: Table<AuditSegment, number>;
  settings!: EntityTable<SettingRecord, 'key'>;
  users!: EntityTable<User, 'id'>;
  groups!: EntityTable<Group, 'id'>;
  requests!: EntityTable<DataSubjectRequest, 'id'>;
  breaches!: EntityTable<DataBreach, 'id'>;
  campaigns!: EntityTable<Campaign, 'id'>;
  personStatus!: EntityTable<PersonStatus, 'personId'>;
  personKeys!: EntityTable<PersonKeyRecord, 'personId'>;
  /** An import's new persons' secrets, a chunk a record: read only through core/personSecrets.ts. */
  personKeyGroups!: EntityTable<PersonKeyGroup, 'id'>;
  erasures!: EntityTable<Erasure, 'personId'>;
  directory!: EntityTable<DirectoryBucket, 'bucket'>;
  directoryKeys!: EntityTable<DirectoryKey, 'bucket'>;
  drafts!: EntityTable<KeptDraft, 'userId'>;
  outbox!: Table<OutboxRow, number>;
  quarantine!: EntityTable<QuarantineRecord, 'id'>;
  syncRevs!: EntityTable<SyncRev, 'docId'>;
  conflicts!: EntityTable<ConflictFlag, 'personId'>;
  chainCheckpoints!: EntityTable<ChainCheckpoint, 'id'>;
  keyGrants!: EntityTable<KeyGrant, 'id'>;
  /** The keys while someone is signed in (none for a raw connection). */
  readonly keyring: Keyring;
  readonly sealing: boolean;
  /** Whether changes leave outbox rows (the book is connected to a sync server). */
  readonly outboxSwitch: OutboxSwitch = {};

  /**
   * `raw`: a connection without the sealing and enforcement layers, for backups (they hold the
   * sealed records as stored), bulk decryption off the transaction, and tests that look at bytes.
   * `sealing: false` only for the benchmark's comparison "without encryption"; `rules: false` only
   * for the benchmark's fill (records sealed, no rules: what a restore writes). Like `raw`, they
   * give no one more than the IndexedDB access any code of the page has; the keys stay the
   * signed-in user's (the keyring starts locked).
   */
  constructor(
    name = DEFAULT_DB_NAME,
    { raw = false, sealing = true, rules = true }: { raw?: boolean; sealing?: boolean; rules?: boolean } = {},
  ) {
    // Strict durability: personal data and its audit entry are on disk when the write reports done.
    // The raw connection keeps out of Dexie's query cache: that cache is one per database name, so
    // the app's connection (records opened) and this one (records as stored) would hand each other
    // their results — a live query here read the values the app's connection had just written,
    // unsealed, and the register called sealed records unencrypted until a reload.
    super(name, { chromeTransactionDurability: 'strict', ...(raw ? { cache: 'disabled' as const } : {}) });
    this.sealing = sealing && !raw;
    this.keyring = new Keyring(this.sealing);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    if (!raw) {
      if (sealing) this.use(sealingMiddleware(this.keyring));
      this.use(outboxMiddleware(this.outboxSwitch));
      if (rules) this.use(enforcementMiddleware(this.keyring));
    }
  }
}

export function openDatabase(name = DEFAULT_DB_NAME): ConsentbookDB {
  return new ConsentbookDB(name);
}

const rawConnections = new WeakMap<ConsentbookDB, ConsentbookDB>();

/** The same database as stored: sealed records, no rules. Only the data layer uses it. */
export function rawConnection(db: ConsentbookDB): ConsentbookDB {
  let raw = rawConnections.get(db);
  if (!raw) rawConnections.set(db, (raw = new ConsentbookDB(db.name, { raw: true })));
  return raw;
}
