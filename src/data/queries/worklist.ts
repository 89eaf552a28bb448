/**
 * The worklist from indexes. The first two lists are one read each of a flag the middleware keeps
 * per person (personStatus.ts); the retention list joins indexes. No person record is loaded to decide; the order
 * comes from the person directory (as the person list's does), and rows fetch only the records in view.
 */
import { addMonths } from '../../domain/deadlines';
import { informationListUntil } from '../../domain/information';
import { endOfRetention, retentionYearsFor } from '../../domain/retention';
import type { ConsentGap, WorklistKind } from '../../domain/worklist';
import Dexie from 'dexie';
import { rawConnection, type ConsentbookDB } from '../db';
import { sortedPersonIds } from '../directory';
import { readPrivacySettings } from './settings';
import { tableInRuns } from '../core/tableInRuns';
import type { BusinessTransaction } from '../../domain/transaction';

/** Natural persons held without any reason: no transaction, no purpose, no valid consent. */
export async function noReasonPersonIds(db: ConsentbookDB): Promise<string[]> {
  return db.personStatus.where('noReason').equals(1).primaryKeys();
}

/**
 * Natural persons held for a purpose that needs consent without a valid one for it, with the gap.
 * One range read per gap: `anyOf` walks a cursor, a round trip per row (14,000 rows of the
 * 100,000-person book: seconds).
 */
export async function consentGapPersons(db: ConsentbookDB): Promise<Map<string, ConsentGap>> {
  const gaps: ConsentGap[] = ['none', 'withdrawn'];
  const rows = await Promise.all(gaps.map((gap) => db.personStatus.where('consentGap').equals(gap).toArray()));
  return new Map(rows.flat().map((r) => [r.personId, r.consentGap as ConsentGap]));
}

/**
 * The persons with a given consent. `status` and `personId` are plain fields: the given consents
 * are read as stored in one range read (their index keys by `uniqueKeys` walk a cursor, a round
 * trip per consent: 10–16 s for the 7,400 of the 100,000-person book).
 */
export async function givenConsentPersonIds(db: ConsentbookDB): Promise<Set<string>> {
  const given = await rawConnection(db)
    .consents.where('[status+personId]')
    .between(['given', Dexie.minKey], ['given', Dexie.maxKey])
    .toArray();
  return new Set(given.map((c) => c.personId));
}

/** The natural persons' ids: the [natural+purposeId] index's keys for natural = 1, in one read. */
export function naturalPersonIds(db: ConsentbookDB): Promise<string[]> {
  return db.persons.where('[natural+purposeId]').between([1, Dexie.minKey], [1, Dexie.maxKey]).primaryKeys();
}

/**
 * Persons linked to transactions whose retention has run out by `until` (YYYY-MM-DD), with that
 * date. A transaction's date, kind and persons are its plain (indexed) fields: read as stored, in
 * runs, nothing opened — a cursor over the app's connection took a round trip and an opening
 * per transaction (20,000 in the 100,000-person book: 3–29 s). `naturalIds`: a read of them
 * already under way (the overview's).
 */
export async function retentionDuePersons(
  db: ConsentbookDB,
  until: string,
  naturalIds: Promise<readonly string[]> = naturalPersonIds(db),
): Promise<Map<string, string>> {
  const settings = await readPrivacySettings(db);
  const raw = rawConnection(db);
  const latest = new Map<string, string>();
  // In runs: 20,000 transactions read and joined at once were a task of ~300 ms.
  for await (const stored of tableInRuns<BusinessTransaction>(raw.transactions, TRANSACTION_RUN))
    for (const tx of stored) {
      const end = endOfRetention(tx.date, retentionYearsFor(tx.kind, settings));
      for (const id of tx.personIds) if ((latest.get(id) ?? '') < end) latest.set(id, end);
    }
  const naturalSet = new Set(await naturalIds);
  return new Map([...latest].filter(([id, end]) => end <= until && naturalSet.has(id)));
}

const TRANSACTION_RUN = 5_000;

/**
 * Natural persons not informed (Art. 13/14) whose deadline is `until` (YYYY-MM-DD) or earlier, with
 * it: the days first (one cursor step per day), then each day's persons in one request — an
 * import's persons share their day; a cursor over the persons took a round trip each.
 */
export async function notInformedPersons(db: ConsentbookDB, until: string): Promise<Map<string, string>> {
  const byDay = () => db.persons.where('informDue');
  // eslint-disable-next-line no-restricted-syntax -- a step per day due, not per person
  const days = (await byDay().belowOrEqual(until).uniqueKeys()) as string[];
  const persons = await Promise.all(days.map((day) => byDay().equals(day).primaryKeys()));
  const due = new Map<string, string>();
  days.forEach((day, i) => {
    for (const id of persons[i]) due.set(id, day);
  });
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
