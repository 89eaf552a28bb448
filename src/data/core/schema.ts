/**
 * The schema history. Each version is frozen once released: later changes add a version with an
 * upgrade function, so a database written by any earlier version opens with nothing lost
 * (tests/unit/migration.test.ts keeps a database written by version 1).
 */
import type { Transaction } from 'dexie';
import { searchTermsOf } from './derived';
import { isFlagged, rebuildStatuses, statusTables, type PersonStatus } from './personStatus';
import type { Person } from '../../domain/person';
import type { AuditSegment } from '../../domain/auditSegment';

export const SCHEMA_V1 = {
  persons: 'id, kind, natural, [natural+purposeId], purposeId, locked, sortName, email, updatedAt',
  purposes: 'id, name, active',
  consents: 'id, personId, [status+personId], *purposeIds, campaignId',
  transactions: 'id, *personIds, date, kind',
  files: 'id, ownerId',
  auditLog: '++seq, personId, at, action, [personId+seq], userId',
  settings: 'key',
  users: 'id, &name',
  groups: 'id, name',
  requests: 'id, personId, status, dueDate',
  breaches: 'id, knownAt',
  campaigns: 'id, createdAt',
} as const;

/** v2: a multi-entry search index over name, e-mail, phone and city words. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  persons: 'id, kind, natural, [natural+purposeId], purposeId, locked, sortName, email, updatedAt, *searchTerms',
} as const;

/** v3: the worklist flag per person (see personStatus.ts). */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  personStatus: 'personId, noReason',
} as const;

/**
 * v5: encryption at rest. The indexes over personal fields (sortName, email, searchTerms) go: a
 * sealed record has none of them in plain. Sorting and search use the in-memory directory built
 * after sign-in (directory.ts). `personKeys` holds each person's key secret, `erasures` the
 * tombstones of erased persons. Records stay as they are here (no key exists while upgrading);
 * the first sign-in seals them (sealLegacyRecords). `directory` holds the person directory sealed
 * in buckets (derived data, not in backups, rebuilt when it does not match the persons).
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V3,
  persons: 'id, kind, natural, [natural+purposeId], purposeId, locked, updatedAt',
  personKeys: 'personId',
  erasures: 'personId',
  directory: 'bucket',
} as const;

/** v6: the consent-gap flag next to the worklist flag (see personStatus.ts), rebuilt on upgrade. */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  personStatus: 'personId, noReason, consentGap',
} as const;

/**
 * v7: the draft an open form held when the idle lock struck, one per user (sealed under the record
 * key, so it cannot be read while locked; offered back to that user after signing in).
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  drafts: 'userId',
} as const;

/**
 * v8: sync (src/data/sync). `outbox` — this device's changes not yet handed to replication, written
 * in the change's own transaction; `quarantine` — incoming documents that failed a check;
 * `syncRevs` — the revision each replicated record was last pushed or applied at (what a local
 * edit descends from); `conflicts` — the plain conflict flag per person. Audit entries from other
 * devices carry `origin` (device/seq of their own chain), indexed so each is applied once.
 */
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  auditLog: '++seq, personId, at, action, [personId+seq], userId, origin',
  outbox: '++seq',
  quarantine: 'id',
  syncRevs: 'docId',
  conflicts: 'personId',
} as const;

/**
 * v9: the due date of informing a person (Art. 13/14) as an index, present only while it runs
 * (derived.ts). Records from before have no clock, so nothing needs rebuilding.
 */
export const SCHEMA_V9 = {
  ...SCHEMA_V8,
  persons: 'id, kind, natural, [natural+purposeId], purposeId, locked, updatedAt, informDue',
} as const;

/**
 * v10: `chainCheckpoints` — signed heads of every device's audit chain, written by each device of
 * a synced book and replicated, never changed (domain/chainCheckpoint.ts).
 */
export const SCHEMA_V10 = {
  ...SCHEMA_V9,
  chainCheckpoints: 'id, device',
} as const;

/**
 * v11: `keyGrants` — the book's key of each epoch sealed to each member's public key (data/team),
 * replicated, never changed. Nothing older changes: a book starts its first epoch when it is
 * connected to a server (or at the next sync of one connected before), and users get their key
 * pair at their next sign-in (their passphrase is needed to wrap it).
 */
export const SCHEMA_V11 = {
  ...SCHEMA_V10,
  keyGrants: 'id, userId, epoch',
} as const;

/**
 * v12: fewer indexes — IndexedDB writes one entry per index for every record, so each costs every
 * save, import and pull. Dropped are those a compound index's prefix serves or no query reads:
 * persons' `natural` and `purposeId` (both kept plain in `[natural+purposeId]`: natural is always
 * 0 or 1, so "held for p" is [0,p] or [1,p], core/purposeUse.ts), the audit log's `personId`
 * (`[personId+seq]`), `action` and `userId` (no query; the log is filtered by person or time). The
 * fields stay in every record as they were. Worklist rows without a flag go: from now on only a
 * person with a flag has one (personStatus.ts).
 */
export const SCHEMA_V12 = {
  ...SCHEMA_V11,
  persons: 'id, kind, [natural+purposeId], locked, updatedAt, informDue',
  auditLog: '++seq, at, [personId+seq], origin',
} as const;

/**
 * v13: `auditSegments` — an import's audit entries as one record per chunk (domain/auditSegment.ts:
 * its entries, the persons they are about as a multi-entry index, first and last time), read with
 * the single entries by one reader (core/auditEntries.ts). A table of its own, new and empty: a
 * multi-entry index added to the stored log would have the upgrade scan every entry (67 s for
 * 1,000,000).
 */
export const SCHEMA_V13 = {
  ...SCHEMA_V12,
  auditSegments: 'seq, *personIds, lastAt',
} as const;

/**
 * v14: `directoryKeys` — each directory bucket's own secret (directory/buckets.ts, format 4). A
 * bucket's rows were encrypted under each person's secret, so reading the directory took every
 * person's secret (100,000 records read at each sign-in); now it takes 1,024, and erasure deletes
 * the erased person's bucket with its secret, which every stored copy of that bucket needs. New
 * and empty: buckets of format 3 are not read, the directory is derived from the persons once.
 */
export const SCHEMA_V14 = {
  ...SCHEMA_V13,
  directoryKeys: 'bucket',
} as const;

/**
 * v15: `personKeyGroups` — the key secrets of an import's new persons, a chunk a record, found by
 * a multi-entry index of their persons (core/personSecrets.ts): a record per secret was about a
 * quarter of an import's write. New and empty: the secrets stored stay records of their own.
 */
export const SCHEMA_V15 = {
  ...SCHEMA_V14,
  personKeyGroups: 'id, *personIds',
} as const;

/**
 * v16: `chain` on `auditSegments` — other devices' entries arrive by sync as segments too, a run of
 * one chain's consecutive entries each (sync/apply.ts), indexed by [device, first, last] so what is
 * held of a chain is read from index keys (sync/held.ts): a record per entry with three indexes
 * was most of a new device's first pull. Segments without it (an import's) are not in the index.
 */
export const SCHEMA_V16 = {
  ...SCHEMA_V15,
  auditSegments: 'seq, *personIds, lastAt, chain',
} as const;

/**
 * v19: `author` on `syncRevs` — who wrote each revision this device pushed or applied, indexed:
 * an administrator vouching for a member's writing (team/vouch.ts) finds the member's documents
 * without reading every document of the replica. Rows from before carry none (read from the
 * replica then).
 */
export const SCHEMA_V19 = {
  ...SCHEMA_V16,
  syncRevs: 'docId, author',
} as const;

export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<unknown>;
}

function recomputeSearchTerms(tx: Transaction): Promise<unknown> {
  return tx
    .table('persons')
    .toCollection()
    .modify((p: Person & { searchTerms?: string[] }) => {
      p.searchTerms = searchTermsOf(p);
    });
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 2, stores: SCHEMA_V2, upgrade: recomputeSearchTerms },
  { version: 3, stores: SCHEMA_V3, upgrade: (tx) => rebuildStatuses(statusTables(tx)) },
  // v4: phone numbers are searchable in national and international form (same indexes).
  { version: 4, stores: SCHEMA_V3, upgrade: recomputeSearchTerms },
  { version: 5, stores: SCHEMA_V5 },
  { version: 6, stores: SCHEMA_V6, upgrade: (tx) => rebuildStatuses(statusTables(tx)) },
  { version: 7, stores: SCHEMA_V7 },
  { version: 8, stores: SCHEMA_V8 },
  { version: 9, stores: SCHEMA_V9 },
  { version: 10, stores: SCHEMA_V10 },
  { version: 11, stores: SCHEMA_V11 },
  {
    version: 12,
    stores: SCHEMA_V12,
    upgrade: (tx) =>
      tx
        .table<PersonStatus>('personStatus')
        .filter((s) => !isFlagged(s))
        .delete(),
  },
  { version: 13, stores: SCHEMA_V13 },
  { version: 14, stores: SCHEMA_V14 },
  { version: 15, stores: SCHEMA_V15 },
  { version: 16, stores: SCHEMA_V16 },
  // v17: refused sync documents are kept as what and why only — the document itself could hold a
  // person's sealed key secret and outlive their erasure (sync/feed.ts). Same tables.
  {
    version: 17,
    stores: SCHEMA_V16,
    upgrade: (tx) =>
      tx
        .table('quarantine')
        .toCollection()
        .modify((q: { doc?: unknown }) => {
          delete q.doc;
        }),
  },
  // v18: another device's segment names '' among its persons when one of its entries is about no
  // person (a settings entry: a GDPR switch's, which the logging-off periods read by personId '').
  // Segments stored before named persons only. Only other devices' segments (the chain index) can
  // hold such an entry — an import's are about persons — so only those are read, once. Same tables.
  {
    version: 18,
    stores: SCHEMA_V16,
    upgrade: (tx) =>
      tx
        .table('auditSegments')
        .orderBy('chain')
        .modify((segment: AuditSegment) => {
          if (!segment.personIds.includes('') && segment.entries.some((e) => e.personId === ''))
            segment.personIds.push('');
        }),
  },
  { version: 19, stores: SCHEMA_V19 },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;
/** The tables' schema as the current version declares them. */
export const CURRENT_SCHEMA: Readonly<Record<string, string>> = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].stores;
