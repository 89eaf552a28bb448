/**
 * The worklist from indexes. The main list is one read of the flag the middleware keeps per person
 * (personStatus.ts); the others join indexes. No person record is loaded to decide.
 */
import Dexie from 'dexie';
import { endOfRetention, retentionYearsFor } from '../domain/retention';
import type { WorklistKind } from '../domain/worklist';
import type { ConsentbookDB } from './db';
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

export async function worklistIds(db: ConsentbookDB, kind: WorklistKind, warnUntil: string): Promise<string[]> {
  if (kind === 'noReason') return noReasonPersonIds(db);
  if (kind === 'consentWithdrawn') return consentWithdrawnPersonIds(db);
  return [...(await retentionDuePersons(db, warnUntil)).keys()];
}
