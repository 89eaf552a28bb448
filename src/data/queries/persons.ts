/** Reading persons for the screens: one person, several, the locked ones, what a change would need. */
import { reasonedChanges } from '../../domain/diff';
import { isNaturalPerson, type Person } from '../../domain/person';
import type { ConsentGap } from '../../domain/worklist';
import { retentionStatus, type RetentionStatus } from '../../domain/retention';
import type { ConsentbookDB, StoredFile, StoredPerson } from '../db';
import { RuleError } from '../core/errors';
import { readPrivacySettings } from './settings';

export interface PendingChange {
  /** The changed watched fields, and `purposeId` when the purpose changed. */
  fieldKeys: string[];
  /** True when saving needs "Änderung begründen": a natural person's watched fields or purpose changed and GDPR support is on. */
  reasonRequired: boolean;
}

/** What saving `after` over `before` (null: a new person) would need; asks before any transaction opens. */
export async function pendingChange(db: ConsentbookDB, before: Person | null, after: Person): Promise<PendingChange> {
  const fieldKeys = reasonedChanges(before, after);
  const natural = isNaturalPerson(after) || (!!before && isNaturalPerson(before));
  const { gdprSupportDisabled } = await readPrivacySettings(db);
  return { fieldKeys, reasonRequired: natural && fieldKeys.length > 0 && !gdprSupportDisabled };
}

/** Why the person's purpose lacks the consent it needs, as the middleware keeps it; null when it does not. */
export async function readConsentGap(db: ConsentbookDB, personId: string): Promise<ConsentGap | null> {
  return (await db.personStatus.get(personId))?.consentGap || null;
}

/** The person, or null when there is none (erased, or a wrong link). */
export async function readPerson(db: ConsentbookDB, personId: string): Promise<StoredPerson | null> {
  return (await db.persons.get(personId)) ?? null;
}

/** The persons of `ids` place by place, undefined where one is gone: the rows of a virtual list. */
export function readPersonSlots(db: ConsentbookDB, ids: readonly string[]): Promise<(StoredPerson | undefined)[]> {
  return db.persons.bulkGet([...ids]);
}

/** The persons still present among `ids`, in the order given. */
export async function readPersons(db: ConsentbookDB, ids: readonly string[]): Promise<StoredPerson[]> {
  return (await db.persons.bulkGet([...ids])).filter((p): p is StoredPerson => !!p);
}

export async function storedPerson(db: ConsentbookDB, id: string): Promise<StoredPerson> {
  const person = await db.persons.get(id);
  if (!person) throw new RuleError('error.personMissing', `No person ${id}`);
  return person;
}

/**
 * Whether any person is stored. One key when there are persons; when there are none, count()
 * (cheap then) makes a live query observe the first insert — an empty limit(1) read alone is not
 * woken by it.
 */
export async function hasPersons(db: ConsentbookDB): Promise<boolean> {
  return (await db.persons.limit(1).primaryKeys()).length > 0 || (await db.persons.count()) > 0;
}

export function countPersons(db: ConsentbookDB): Promise<number> {
  return db.persons.count();
}

/** The ids of every locked person (from the plain index; no record opened). */
export async function lockedPersonIds(db: ConsentbookDB): Promise<Set<string>> {
  return new Set(await db.persons.where('locked').equals(1).primaryKeys());
}

/** Retention duties that keep a person from being deleted (Art. 17(3)). */
export async function personRetention(db: ConsentbookDB, personId: string): Promise<RetentionStatus> {
  const person = await storedPerson(db, personId);
  const [purpose, transactions, privacy] = await Promise.all([
    person.purposeId ? db.purposes.get(person.purposeId) : undefined,
    db.transactions.where('personIds').equals(personId).toArray(),
    readPrivacySettings(db),
  ]);
  return retentionStatus(person, purpose, transactions, privacy);
}

/** What keeps a stored person from being deleted on `today`: a lock, or a retention duty until a date. */
export type DeletionBlock = { type: 'locked' } | { type: 'retention'; until: string };

export async function deletionBlock(db: ConsentbookDB, personId: string, today: string): Promise<DeletionBlock | null> {
  const person = await db.persons.get(personId);
  if (!person) return null;
  if (person.lock) return { type: 'locked' };
  const { deletableFrom } = await personRetention(db, personId);
  return deletableFrom && deletableFrom > today ? { type: 'retention', until: deletableFrom } : null;
}

/** The blocks among `personIds`, asked before a bulk deletion asks anything. */
export async function deletionBlocks(
  db: ConsentbookDB,
  personIds: readonly string[],
  today: string,
): Promise<{ locked: string[]; retention: Map<string, string> }> {
  const locked: string[] = [];
  const retention = new Map<string, string>();
  for (const id of personIds) {
    const block = await deletionBlock(db, id, today);
    if (block?.type === 'locked') locked.push(id);
    if (block?.type === 'retention') retention.set(id, block.until);
  }
  return { locked, retention };
}

/** An evidence file or attachment, to open it again. */
export async function readStoredFile(db: ConsentbookDB, fileId: string): Promise<StoredFile> {
  const file = await db.files.get(fileId);
  if (!file) throw new RuleError('error.fileMissing', `No file ${fileId}`);
  return file;
}
