/**
 * The worklist from indexes. The main list is one read of the flag the middleware keeps per person
 * (personStatus.ts); the others join indexes. No person record is loaded to decide; the order
 * comes from the person directory (as the person list's does), and rows fetch only the records in view.
 */
import Dexie from 'dexie';
import { addMonths } from '../../domain/deadlines';
import { endOfRetention, retentionYearsFor } from '../../domain/retention';
import type { WorklistKind } from '../../domain/worklist';
import type { ConsentbookDB } from '../db';
import { sortedPersonIds } from '../directory';
import { readPrivacySettings } from './settings';

async function personsWithConsent(db: ConsentbookDB, status: 'given' | 'withdrawn'): Promise<Set<string>> {
  const keys = (await db.consents
    .where('[status+personId]')
    .between([status, Dexie.minKey], [status, Dexie.maxKey])
    .keys()) as unknown as [string, string][];
  return new Set(keys.map((k) => k[1]));
}

/** Natural persons held without any reason: no transaction, no purpose, no valid consent. */
export async function noReasonPersonIds(db: ConsentbookDB): Promise<string[]> {
  return db.personStatus.where('noReason').equals(1).primaryKeys();
}

/** Natural persons whose purpose needs consent, with a withdrawn consent and no valid one left. */
export async function consentWithdrawnPersonIds(db: ConsentbookDB): Promise<string[]> {
  return db.transaction('r', [db.persons, db.purposes, db.consents], async () => {
    const purposes = (await db.purposes.toArray()).filter((p) => p.requiresConsent).map((p) => p.id);
    if (purposes.length === 0) return [];
    const [candidates, withdrawn, valid] = await Promise.all([
      db.persons
        .where('purposeId')
        .anyOf(purposes)
        .filter((p) => p.natural === 1)
        .primaryKeys(),
      personsWithConsent(db, 'withdrawn'),
      personsWithConsent(db, 'given'),
    ]);
    return candidates.filter((id) => withdrawn.has(id) && !valid.has(id));
  });
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

export interface WorklistData {
  kind: WorklistKind;
  /** The listed persons, ordered by name (retention: by date, then name). */
  ids: string[];
  /** Retention list only: person id → first day deletion is possible. */
  dates: Map<string, string>;
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
  const [noReason, withdrawn, due] = await Promise.all([
    noReasonPersonIds(db),
    consentWithdrawnPersonIds(db),
    retentionDuePersons(db, addMonths(today, months)),
  ]);
  const counts: Record<WorklistKind, number> = {
    noReason: noReason.length,
    consentWithdrawn: withdrawn.length,
    retentionDue: due.size,
  };
  const members = kind === 'noReason' ? noReason : kind === 'consentWithdrawn' ? withdrawn : [...due.keys()];
  if (members.length === 0) return { kind, ids: [], dates: due, counts };
  const wanted = new Set(members);
  // The directory's order: no person record is read to order the list.
  const ordered = (await sortedPersonIds(db)).filter((id) => wanted.has(id));
  if (kind === 'retentionDue') {
    const rank = new Map(ordered.map((id, i) => [id, i]));
    ordered.sort((a, b) =>
      due.get(a)! < due.get(b)! ? -1 : due.get(a)! > due.get(b)! ? 1 : rank.get(a)! - rank.get(b)!,
    );
  }
  return { kind, ids: ordered, dates: due, counts };
}
