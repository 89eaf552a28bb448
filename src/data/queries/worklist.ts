/**
 * The worklist from indexes. The first two lists are one read each of a flag the middleware keeps
 * per person (personStatus.ts); the retention list joins indexes. No person record is loaded to decide; the order
 * comes from the person directory (as the person list's does), and rows fetch only the records in view.
 */
import { addMonths } from '../../domain/deadlines';
import { informationListUntil } from '../../domain/information';
import { endOfRetention, retentionYearsFor } from '../../domain/retention';
import type { ConsentGap, WorklistKind } from '../../domain/worklist';
import type { ConsentbookDB } from '../db';
import { sortedPersonIds } from '../directory';
import { readPrivacySettings } from './settings';

/** Natural persons held without any reason: no transaction, no purpose, no valid consent. */
export async function noReasonPersonIds(db: ConsentbookDB): Promise<string[]> {
  return db.personStatus.where('noReason').equals(1).primaryKeys();
}

/** Natural persons held for a purpose that needs consent without a valid one for it, with the gap. */
export async function consentGapPersons(db: ConsentbookDB): Promise<Map<string, ConsentGap>> {
  const rows = await db.personStatus.where('consentGap').anyOf(['none', 'withdrawn']).toArray();
  return new Map(rows.map((r) => [r.personId, r.consentGap as ConsentGap]));
}

/** Persons linked to transactions whose retention has run out by `until` (YYYY-MM-DD), with that date. */
export async function retentionDuePersons(db: ConsentbookDB, until: string): Promise<Map<string, string>> {
  const settings = await readPrivacySettings(db);
  return db.transaction('r', [db.persons, db.transactions], async () => {
    const latest = new Map<string, string>();
    await db.transactions.each((tx) => {
      const end = endOfRetention(tx.date, retentionYearsFor(tx.kind, settings));
      for (const id of tx.personIds) if ((latest.get(id) ?? '') < end) latest.set(id, end);
    });
    const due = new Map([...latest].filter(([, end]) => end <= until));
    const natural = await db.persons.where('natural').equals(1).primaryKeys();
    const naturalSet = new Set(natural);
    return new Map([...due].filter(([id]) => naturalSet.has(id)));
  });
}

/** Natural persons not informed (Art. 13/14) whose deadline is `until` (YYYY-MM-DD) or earlier, with it. */
export async function notInformedPersons(db: ConsentbookDB, until: string): Promise<Map<string, string>> {
  const due = new Map<string, string>();
  await db.persons
    .where('informDue')
    .belowOrEqual(until)
    .eachKey((date, cursor) => due.set(cursor.primaryKey, date as string));
  return due;
}

export interface WorklistData {
  kind: WorklistKind;
  /** The listed persons, ordered by name (retention: by date, then name). */
  ids: string[];
  /** Retention list: person id → first day deletion is possible; information list: the last day to inform. */
  dates: Map<string, string>;
  /** Consent list only: person id → why the consent is missing (never given, or withdrawn). */
  gaps: Map<string, ConsentGap>;
  /** How many persons each list holds (for the tab labels). */
  counts: Record<WorklistKind, number>;
}

/**
 * The list of `kind` as ids in name order, and every list's size. The retention list warns
 * `months` ahead of `today` (YYYY-MM-DD, the user's calendar day).
 */
export async function loadWorklist(
  db: ConsentbookDB,
  kind: WorklistKind,
  months: number,
  today: string,
): Promise<WorklistData> {
  const [noReason, gaps, due, uninformed] = await Promise.all([
    noReasonPersonIds(db),
    consentGapPersons(db),
    retentionDuePersons(db, addMonths(today, months)),
    notInformedPersons(db, informationListUntil(today)),
  ]);
  const counts: Record<WorklistKind, number> = {
    noReason: noReason.length,
    consentMissing: gaps.size,
    retentionDue: due.size,
    notInformed: uninformed.size,
  };
  const dates = kind === 'notInformed' ? uninformed : due;
  const members = kind === 'noReason' ? noReason : kind === 'consentMissing' ? [...gaps.keys()] : [...dates.keys()];
  if (members.length === 0) return { kind, ids: [], dates, gaps, counts };
  const wanted = new Set(members);
  // The directory's order: no person record is read to order the list.
  const ordered = (await sortedPersonIds(db)).filter((id) => wanted.has(id));
  if (kind === 'retentionDue' || kind === 'notInformed') {
    // Every id here is a key of `dates`; the stable sort keeps the directory's order among equal dates.
    const dueOf = (id: string) => dates.get(id) ?? '';
    ordered.sort((a, b) => (dueOf(a) < dueOf(b) ? -1 : dueOf(a) > dueOf(b) ? 1 : 0));
  }
  return { kind, ids: ordered, dates, gaps, counts };
}
