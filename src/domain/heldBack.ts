/**
 * Audit entries of a change held back (sync): another device's change of a person arrives as two
 * documents — the person's record and its audit entry, a segment of that device's chain. The record
 * may be refused by the checks (its author lost the right meanwhile, say) and quarantined, while
 * the entry, correctly chained, is applied: it stays — the chain is proof of what was done on that
 * device — but it describes a change this book does not hold, and is shown marked so.
 *
 * Matched at read time, never written into the entry (it is chained): an entry of another device's
 * chain, by the refused version's author, about that person, of an action that changes the
 * person's record, at a time the refused version covers — from after the last version of its
 * device whose change this device holds (found in the replica: sync/heldBack.ts; else from the
 * refused version's own time) up to just after the refused version's own time (its `updatedAt`, set
 * in the transaction that wrote the entry). Both bounds are that device's clock, as the entries'
 * times are: another device's clock, set wrong, moves neither. Either may arrive first: the mark
 * shows once both are here. A version the same author wrote later and that was applied takes the
 * change in (`applied`: no mark); a conflict's resolution drops the refused version for good
 * (`dropped`), on every device.
 *
 * A consent or a business transaction is a document of its own, refused as a person's version is
 * (a member recording one offline after her right was taken): its entries name it (`consent:<id>`,
 * `transaction:<id>` in their context), so they are matched by that id and the steps the refused
 * version carries, with no time at all — its versions carry none.
 */
import type { AuditAction, AuditEntry } from './audit';
import { splitOrigin } from './auditSegment';

/** What is shared by every refused version kept with what finds the entries of its change. */
interface RefusedVersion {
  device: string;
  author: string;
  outcome?: 'applied' | 'dropped';
}

/**
 * A refused version of a person: its change is found by person, action family and time (a
 * person's entries name no version).
 */
export interface HeldBackPersonChange extends RefusedVersion {
  /** Absent in changes kept before other records were. */
  table?: 'persons';
  /** The person's id (the document's key). */
  key: string;
  /** The refused version's time (the person's `updatedAt` in it). */
  changedAt: string;
  /**
   * The time of the last version by the same device whose change this device holds, when older:
   * that device's changes up to it were applied.
   */
  since?: string;
  /** Named by an administrator's device's entry that wrote over it (writtenOverChange), not by a refusal here. */
  writtenOver?: true;
}

/**
 * A refused version of a consent or a business transaction: its entries name the record
 * (`consent:<id>`, `transaction:<id>` in their context), so they are found by its id and the steps
 * the version carries — no time (its versions carry none; a consent is given once and withdrawn
 * once, a transaction created and deleted once).
 */
export interface HeldBackRecordChange extends RefusedVersion {
  table: HeldBackRecordTable;
  /** The record's id (the document's key). */
  key: string;
  /** The actions of its author's entries about it that the version carries (recordStepsCarried). */
  actions: AuditAction[];
}

/** What the quarantine keeps of a refused version, to find the entries describing its change. */
export type HeldBackChange = HeldBackPersonChange | HeldBackRecordChange;

/** A person's version (kept so since before other records were, without its table). */
export const isPersonChange = (c: HeldBackChange): c is HeldBackPersonChange =>
  c.table === undefined || c.table === 'persons';

/** The records besides persons whose refused versions are matched to their entries, by the prefix of the entries' context. */
const RECORD_TABLES = { consent: 'consents', transaction: 'transactions' } as const;
export type HeldBackRecordTable = (typeof RECORD_TABLES)[keyof typeof RECORD_TABLES];

export const isHeldBackRecordTable = (table: string): table is HeldBackRecordTable =>
  (Object.values(RECORD_TABLES) as string[]).includes(table);

/**
 * The steps of a record a refused version carries, when this book holds no version of its device:
 * all its author's there — the record's creation, a transaction's corrections, a withdrawal, a
 * deletion (with one held: lastStepsOnly).
 */
export function recordStepsCarried(
  table: HeldBackRecordTable,
  version: { deleted: boolean; status?: unknown },
): AuditAction[] {
  if (table === 'transactions') return ['create', 'update', ...(version.deleted ? (['delete'] as const) : [])];
  // A consent goes only with its person's erasure, logged as the person's.
  if (version.deleted) return [];
  return version.status === 'withdrawn' ? ['consentGiven', 'consentWithdrawn'] : ['consentGiven'];
}

/**
 * With a version of the device held here (or not known whether), only a last step, which no
 * version before it took — a withdrawal, a deletion. A transaction's correction after one applied
 * is not told from one before it (its versions carry no time): not marked, rather than marking
 * one the book holds.
 */
export function lastStepsOnly(steps: readonly AuditAction[]): AuditAction[] {
  return steps.filter((a) => a === 'consentWithdrawn' || a === 'delete');
}

/**
 * How an entry is shown: held back (not applied), held back and dropped since, or written over by
 * an administrator's device (on every device, those that applied the change before too).
 */
export type HeldBackMark = 'held' | 'dropped' | 'overwritten';

/** The actions a person's own record carries (a consent, a report, a proof are documents of their own). */
const PERSON_RECORD_ACTIONS: readonly AuditAction[] = [
  'create',
  'update',
  'delete',
  'lock',
  'unlock',
  'informed',
  'import',
];

/**
 * An entry's time follows its record's `updatedAt` in one transaction: by this much at most. Two
 * changes of a person by one member closer than this are not told apart (both marked or neither).
 */
export const HELD_BACK_SLACK_MS = 500;

const ms = (iso: string) => Date.parse(iso);

/** The record an entry names in its context (a consent's, a transaction's), if it is one matched so. */
function recordNamed(entry: AuditEntry): { table: HeldBackRecordTable; key: string } | undefined {
  const m = /^(consent|transaction):(.+)$/.exec(entry.context);
  return m ? { table: RECORD_TABLES[m[1] as keyof typeof RECORD_TABLES], key: m[2] } : undefined;
}

/** Whether a person's refused version carries the entry's change (by its person, action and time). */
function personChangeCarries(c: HeldBackPersonChange, entry: AuditEntry): boolean {
  if (!entry.personId || c.key !== entry.personId || !PERSON_RECORD_ACTIONS.includes(entry.action)) return false;
  // A file, a request or a breach is a document of its own, a proof: not a version of the person.
  if (/^(file|request|breach):/.test(entry.context)) return false;
  // A version's entry is written a moment after its time, in the same transaction: from just after
  // the device's last version held here (half way to this one, when they are close) to just after this one.
  const at = ms(entry.at);
  const changed = ms(c.changedAt);
  const since = c.since !== undefined && c.since < c.changedAt ? ms(c.since) : undefined;
  const from = since === undefined ? changed - 1 : since + Math.min(HELD_BACK_SLACK_MS, (changed - since) / 2);
  return at <= changed + HELD_BACK_SLACK_MS && at > from;
}

/**
 * The mark of one entry (as read: with `origin` when it is another device's), or undefined. An entry
 * of this device's own chain (`ownDevice`, where known) is marked only as written over: its own
 * change another device refused is listed apart (sync/ownHeldBack.ts), never held back here.
 */
export function heldBackMark(
  entry: AuditEntry & { origin?: string },
  changes: readonly HeldBackChange[],
  ownDevice?: string,
): HeldBackMark | undefined {
  const device = entry.origin ? splitOrigin(entry.origin).device : ownDevice;
  if (!device) return undefined;
  const record = recordNamed(entry);
  let mark: HeldBackMark | undefined;
  for (const c of changes) {
    if (c.outcome === 'applied' || c.device !== device || c.author !== entry.userId) continue;
    if (!entry.origin && !(isPersonChange(c) && c.writtenOver)) continue;
    const carries = isPersonChange(c)
      ? !record && personChangeCarries(c, entry)
      : record?.table === c.table && record.key === c.key && c.actions.includes(entry.action);
    if (!carries) continue;
    // Written over: the team's state, the same on every device. Held back by one version and
    // dropped with another: it stays not applied, said as held back.
    if (isPersonChange(c) && c.writtenOver) return 'overwritten';
    mark = c.outcome === 'dropped' && mark !== 'held' ? 'dropped' : 'held';
  }
  return mark;
}

/**
 * What an administrator's device's entry of a version it wrote over carries (AuditEntry.overrides):
 * the refused version's change as its quarantine found it — device, author, time and since when —
 * so every device marks the same entries, whether it refused the version, applied it before, or
 * never held it (one joining later).
 */
export function overridesOf(c: HeldBackPersonChange): string {
  return JSON.stringify([c.device, c.author, c.changedAt, c.since ?? '']);
}

/** The change a written-over entry names (overridesOf), about its person; undefined for any other entry. */
export function writtenOverChange(entry: Pick<AuditEntry, 'overrides' | 'personId'>): HeldBackPersonChange | undefined {
  if (typeof entry.overrides !== 'string' || !entry.personId) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(entry.overrides);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((p) => typeof p === 'string')) return undefined;
  const [device, author, changedAt, since] = parts;
  if (!device || !author || !changedAt) return undefined;
  return {
    table: 'persons',
    key: entry.personId,
    device,
    author,
    changedAt,
    ...(since && { since }),
    writtenOver: true,
  };
}
