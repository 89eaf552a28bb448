/**
 * The persons a list filter keeps, from plain indexes only (kind, natural, locked, purpose, the
 * worklist flags, given consents): no record is opened. The list intersects them with the
 * directory's order and search.
 */
import Dexie from 'dexie';
import { ANY_PURPOSE, NO_PURPOSE, type PersonFilter, type StatusFilter } from '../../domain/personFilter';
import type { ConsentbookDB } from '../db';
import { noReasonPersonIds } from './worklist';
import { PERSONS_BY_PURPOSE, personPurposeKeys } from '../core/purposeUse';

async function statusIds(db: ConsentbookDB, status: StatusFilter): Promise<string[]> {
  switch (status) {
    case 'locked':
      return db.persons.where('locked').equals(1).primaryKeys();
    case 'noReason':
      return noReasonPersonIds(db);
    case 'consentMissing':
      return db.personStatus.where('consentGap').equals('none').primaryKeys();
    case 'consentWithdrawn':
      return db.personStatus.where('consentGap').equals('withdrawn').primaryKeys();
    case 'consentValid': {
      const keys = (await db.consents
        .where('[status+personId]')
        .between(['given', Dexie.minKey], ['given', Dexie.maxKey])
        .uniqueKeys()) as unknown as [string, string][];
      return keys.map(([, personId]) => personId);
    }
  }
}

/** From the one persons index holding the purpose (core/purposeUse.ts): natural is 0 or 1. */
function purposeIds(db: ConsentbookDB, purpose: string): Promise<string[]> {
  const index = db.persons.where(PERSONS_BY_PURPOSE);
  if (purpose !== ANY_PURPOSE)
    return index.anyOf(personPurposeKeys(purpose === NO_PURPOSE ? '' : purpose)).primaryKeys();
  // Any purpose: every key but [n, ''].
  const some = (n: number): [[number, string], [number, unknown]] => [
    [n, ''],
    [n, Dexie.maxKey],
  ];
  return index.inAnyRange([some(0), some(1)], { includeLowers: false, includeUppers: true }).primaryKeys();
}

/** The ids the filter keeps; null when it keeps everyone. */
export async function filteredPersonIds(db: ConsentbookDB, filter: PersonFilter): Promise<Set<string> | null> {
  if (!filter.kind && !filter.status && !filter.purpose) return null;
  const lists = await db.transaction('r', [db.persons, db.personStatus, db.consents], () => {
    const parts: Promise<string[]>[] = [];
    if (filter.kind === 'natural') parts.push(db.persons.where('natural').equals(1).primaryKeys());
    else if (filter.kind) parts.push(db.persons.where('kind').equals(filter.kind).primaryKeys());
    if (filter.status) parts.push(statusIds(db, filter.status));
    if (filter.purpose) parts.push(purposeIds(db, filter.purpose));
    return Promise.all(parts);
  });
  return lists.reduce((kept, ids) => {
    const these = new Set(ids);
    return new Set([...kept].filter((id) => these.has(id)));
  }, new Set(lists[0]));
}
