/**
 * A refused document as the quarantine keeps it (feed.ts), with — for a person's version — what
 * finds the audit entries describing its change (domain/heldBack.ts), and what becomes of it: a
 * later version of the same author applied takes the change in; a conflict's resolution drops it,
 * on every device, as the resolution's version arrives.
 */
import type { Transaction } from 'dexie';
import {
  isHeldBackRecordTable,
  isPersonChange,
  lastStepsOnly,
  recordStepsCarried,
  type HeldBackChange,
} from '../../domain/heldBack';
import type { Keyring } from '../core/crypto/keyring';
import type { ConflictFlag, QuarantineRecord, SyncRev } from '../core/records';
import { rawConnection, type ConsentbookDB } from '../db';
import { docIdOf, isAuthentic, parseDocId, type StoredDoc, type SyncDoc } from './docs';
import { checkDoc, Refused, type CheckScope } from './check';
import { revisionHistory, type Pouch } from './pouch';
import { reasonOf, type Refusal, type RefusalKey } from './refusal';

/**
 * What was refused, and why — not the document (feed.ts quarantine). A version of a person, a
 * consent or a transaction whose MAC holds under `keyring` (its author, device and time are a
 * member's, not made up) keeps what finds the entries of its change; HeldBackHistory.bound adds
 * where they start.
 */
export function quarantineRecord(
  doc: SyncDoc,
  table: string,
  why: Refusal | string,
  keyring?: Keyring,
): QuarantineRecord {
  const { key } = parseDocId(doc._id);
  const change = keyring && isAuthentic(keyring, doc) ? changeOf(doc, table, key) : undefined;
  return {
    id: `${doc._id}@${doc._rev}`,
    docId: doc._id,
    rev: doc._rev ?? '',
    type: table,
    // In English, as logged; the refusal's key and values let the list show it translated.
    reason: typeof why === 'string' ? why : reasonOf(why),
    ...(typeof why === 'string' ? {} : { refusal: why }),
    at: new Date().toISOString(),
    ...(change && { change }),
  };
}

/**
 * What finds the entries of an authentic version's change: a person's by its time; a record's by
 * its id and the steps it carries — all, until bound() finds a version of its device held here.
 */
function changeOf(doc: SyncDoc, table: string, key: string): HeldBackChange | undefined {
  if (typeof doc.author !== 'string') return undefined;
  const { device, author } = doc;
  if (isHeldBackRecordTable(table))
    return {
      table,
      key,
      device,
      author,
      actions: recordStepsCarried(table, { deleted: !!doc.deleted, status: doc.plain.status }),
    };
  const changedAt = doc.plain.updatedAt;
  return table === 'persons' && typeof changedAt === 'string' ? { key, device, author, changedAt } : undefined;
}

/** The tables whose refused versions keep what finds their entries (a later version applied may carry their change). */
export const heldBackTable = (table: string): boolean => table === 'persons' || isHeldBackRecordTable(table);

/** Refusals of a version for its author: one never taken, whatever the conflict's resolution. */
const AUTHOR_REFUSALS: readonly RefusalKey[] = [
  'sync.refused.noAuthor',
  'sync.refused.inactiveAuthor',
  'sync.refused.mayNotChange',
  'sync.refused.mayNotChangePersons',
  'sync.refused.mayNotLock',
  'sync.refused.mayNotUnlock',
  'sync.refused.endedAccount',
];

export const isAuthorRefusal = (key: string): boolean => (AUTHOR_REFUSALS as readonly string[]).includes(key);

/**
 * A record's versions in conflict that are not applied (CouchDB's winner, or a person's locked one,
 * is): those the checks refuse for their author — a member's change made offline after her right
 * was taken, beside the administrator's version (her earlier one vouched for, sent again in his
 * name: team/vouch.ts) — are held back as a refused winner is, so their entries are marked too
 * (and a person's conflict's resolution drops them). Each is added to `seen`, the batch's judged versions.
 */
export function refusedVersions(
  scope: CheckScope,
  versions: readonly StoredDoc[],
  seen: Set<string>,
): QuarantineRecord[] {
  return versions.flatMap((version) => {
    try {
      checkDoc(scope, version);
      return [];
    } catch (e) {
      // Waiting for what it needs: judged once that is here, as the winner would be. Refused for
      // anything but its author (the person locked here, say), it is the conflict's to settle.
      if (!(e instanceof Refused) || !isAuthorRefusal(e.refusal.key)) return [];
      seen.add(`${version._id}@${version._rev}`);
      return [quarantineRecord(version, parseDocId(version._id).table, e.refusal, scope.keyring)];
    }
  });
}

/**
 * What the replica tells of the versions of records with a version held back here (few): a version
 * applied that descends from one held back carries its change with it (settleHeldBack) — one from
 * another branch (the conflict's other side) does not; and where the change of a version held back
 * starts, in its device's own clock.
 */
export class HeldBackHistory {
  private standing?: Promise<Set<string>>;

  constructor(
    private readonly db: ConsentbookDB,
    private readonly local: Pouch,
  ) {}

  /** Notes on the batch's write of a version (its last) what it descends from, where a version of its record is held back. */
  async note(doc: StoredDoc, batch: { writes: { docId: string; ancestors?: string[] }[] }): Promise<void> {
    const write = batch.writes.at(-1);
    this.standing ??= rawConnection(this.db)
      .quarantine.toArray()
      .then((rows) => new Set(rows.filter((q) => q.change && !q.change.outcome).map((q) => q.docId)));
    if (write?.docId !== doc._id || !(await this.standing).has(doc._id)) return;
    write.ancestors = await revisionHistory(this.local, doc._id, doc._rev);
  }

  /**
   * The changes of `refusals` start after the last version of their device whose change this device
   * holds: the newest version by that device among those the refused one and the version held here
   * both descend from — so a person's bound (`since`) is that device's own clock, never another's.
   * Unknown (only the refused version's own change is marked — of a record, its last step): the
   * replica no longer holds the body that tells (compacted) or it is not a member's; for a person,
   * also when the device wrote none of them.
   */
  async bound(refusals: readonly QuarantineRecord[]): Promise<void> {
    const changed = refusals.filter((q) => q.change);
    if (!changed.length) return;
    const held = await rawConnection(this.db).syncRevs.bulkGet(changed.map((q) => q.docId));
    await Promise.all(
      changed.map(async (q, i) => {
        const last = await this.lastOfDevice(q, held[i]).catch((e: unknown) => {
          // A body the replica no longer holds (compacted), or a revision (its person erased since): nothing tells.
          if ((e as { status?: number }).status === 404) return undefined;
          throw e;
        });
        const change = q.change;
        if (!change) return;
        if (!isPersonChange(change)) {
          if (last !== null) change.actions = lastStepsOnly(change.actions);
          return;
        }
        const since = last?.plain.updatedAt;
        if (typeof since === 'string' && since < change.changedAt) change.since = since;
      }),
    );
  }

  /** The newest version of the refused one's device that this device holds; null: none; undefined: not known. */
  private async lastOfDevice(q: QuarantineRecord, held: SyncRev | undefined): Promise<SyncDoc | null | undefined> {
    if (!held || !q.change) return null;
    const [refused, holds] = await Promise.all([
      revisionHistory(this.local, q.docId, q.rev),
      revisionHistory(this.local, q.docId, held.rev),
    ]);
    const kept = new Set(holds);
    for (const rev of refused.filter((r) => kept.has(r))) {
      const version = (await this.local.get(q.docId, { rev })) as SyncDoc;
      if (!isAuthentic(this.db.keyring, version)) return undefined;
      if (version.device === q.change.device) return version;
    }
    return null;
  }
}

/**
 * The batch's refusals as kept: a version refused again (a conflict's loser judged with every later
 * arrival of its person) keeps what its first refusal has become — when it was held back, a user's
 * note, its outcome — so a warning noted does not come back.
 */
export async function keepRefusals(tx: Transaction, refusals: readonly QuarantineRecord[]): Promise<void> {
  const table = tx.table<QuarantineRecord, string>('quarantine');
  const before = await table.bulkGet(refusals.map((q) => q.id));
  await table.bulkPut(
    refusals.map((q, i) => {
      const kept = before[i];
      if (!kept) return q;
      const change = q.change && kept.change?.outcome ? { ...q.change, outcome: kept.change.outcome } : q.change;
      return {
        ...q,
        at: kept.at,
        ...(change && { change }),
        ...(kept.acknowledged && { acknowledged: kept.acknowledged }),
      };
    }),
  );
}

/** The quarantined versions of a document (the table's key is `docId@rev`). */
function versionsOf(tx: Transaction, docId: string) {
  return tx.table<QuarantineRecord, string>('quarantine').where('id').between(`${docId}@`, `${docId}@\uffff`);
}

/**
 * In an applied batch: a version applied (a person's, a consent's, a transaction's) that descends
 * from one held back, by the same author, carries that change with it (a later version of hers,
 * her right given back) — the entries describing it are no longer marked. Only those records'
 * held-back versions are read.
 */
export async function settleHeldBack(
  tx: Transaction,
  applied: readonly { docId: string; author?: string; ancestors?: string[] }[],
): Promise<void> {
  const descending = applied.filter((w) => w.ancestors?.length);
  if (!descending.length) return;
  const byDoc = new Map(descending.map((w) => [w.docId, w] as const));
  const held = (await Promise.all([...byDoc.keys()].map((docId) => versionsOf(tx, docId).toArray()))).flat();
  // Only a change refused for its author is carried by a later version of hers: an older version
  // sent again, or a forged one, is overridden by what descends from it, not taken in — and so is
  // hers by another's version (a resolution's merge written on top of it).
  const settled = held.flatMap((q) => {
    const later = byDoc.get(q.docId);
    return q.change &&
      !q.change.outcome &&
      q.refusal &&
      isAuthorRefusal(q.refusal.key) &&
      later?.author === q.change.author &&
      later.ancestors?.includes(q.rev)
      ? [{ ...q, change: { ...q.change, outcome: 'applied' as const } }]
      : [];
  });
  if (settled.length) await tx.table('quarantine').bulkPut(settled);
}

/** A person's conflict as a batch finds it: the revisions standing before it and no longer after it, and those standing after it. */
export interface ConflictLeft {
  docId: string;
  gone: string[];
  leaves: string[];
}

/** What a batch's conflict flags (revisions standing per person) take out of the persons' conflicts: read before they are written. */
export async function conflictsLeft(
  tx: Transaction,
  flags: readonly (readonly [string, string[]])[],
): Promise<ConflictLeft[]> {
  if (!flags.length) return [];
  const before = await tx.table<ConflictFlag, string>('conflicts').bulkGet(flags.map(([personId]) => personId));
  return flags.flatMap(([personId, leaves], i) => {
    const gone = before[i]?.revs.filter((rev) => !leaves.includes(rev)) ?? [];
    return gone.length ? [{ docId: docIdOf('persons', personId), gone, leaves }] : [];
  });
}

/**
 * A conflict resolved — on this device or another, as the resolution's version arrives: its versions
 * held back that it took out (deleted with the losers, or merged over) stay out for good. Not one
 * settled already (settleHeldBack runs first), nor one whose author has a version standing that
 * is held back too (a later one of hers, carrying it on: it stands with that one).
 */
export async function dropHeldBack(tx: Transaction, left: readonly ConflictLeft[]): Promise<void> {
  if (!left.length) return;
  const table = tx.table<QuarantineRecord, string>('quarantine');
  const ids = (pick: (l: ConflictLeft) => string[]) => left.flatMap((l) => pick(l).map((rev) => `${l.docId}@${rev}`));
  const [gone, standing] = await Promise.all([table.bulkGet(ids((l) => l.gone)), table.bulkGet(ids((l) => l.leaves))]);
  const heldOn = new Set(
    standing.flatMap((q) => (q?.change && !q.change.outcome ? [`${q.docId} ${q.change.author}`] : [])),
  );
  const dropped = gone.flatMap((q) =>
    q?.change && !q.change.outcome && !heldOn.has(`${q.docId} ${q.change.author}`)
      ? [{ ...q, change: { ...q.change, outcome: 'dropped' as const } }]
      : [],
  );
  if (dropped.length) await table.bulkPut(dropped);
}
