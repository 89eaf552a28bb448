/**
 * The persons a list filter keeps, from plain indexes only (kind, natural, locked, purpose, the
 * worklist flags, given consents): no record is opened. The list intersects them with the
 * directory's order and search.
 */
import Dexie from 'dexie';
import { ANY_PURPOSE, NO_PURPOSE, type PersonFilter, type StatusFilter } from '../../domain/personFilter';
import type { ConsentbookDB } from '../db';
import { givenConsentPersonIds, noReasonPersonIds } from './worklist';
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
    case 'consentValid':
      return [...(await givenConsentPersonIds(db))];
  }
}

/**
 * From the one persons index holding the purpose (core/purposeUse.ts): natural is 0 or 1. A key
 * range per value of natural, each one request for its keys — `anyOf`/`inAnyRange` walk a cursor,
 * a round trip per person (any purpose at 100,000 persons: 2.5 s).
 */
async function purposeIds(db: ConsentbookDB, purpose: string): Promise<string[]> {
  const index = () => db.persons.where(PERSONS_BY_PURPOSE);
  const ranges =
    purpose === ANY_PURPOSE
      ? // Any purpose: every key but [n, ''].
        [0, 1].map((n) => index().between([n, ''], [n, Dexie.maxKey], false, true))
      : personPurposeKeys(purpose === NO_PURPOSE ? '' : purpose).map((key) => index().equals(key));
  return (await Promise.all(ranges.map((range) => range.primaryKeys()))).flat();
}

/** The ids the filter keeps; null when it keeps everyone. */
export async function filteredPersonIds(db: ConsentbookDB, filter: PersonFilter): Promise<Set<string> | null> {
  if (!filter.kind && !filter.status && !filter.purpose) return null;
  // Each read on its own: the given consents are read past the app's connection (plain fields as
  // stored), so one transaction around them would promise a snapshot it could not keep; the live
  // query reading them runs again on any change.
  const parts: Promise<string[]>[] = [];
  if (filter.kind === 'natural') parts.push(db.persons.where('natural').equals(1).primaryKeys());
  else if (filter.kind) parts.push(db.persons.where('kind').equals(filter.kind).primaryKeys());
  if (filter.status) parts.push(statusIds(db, filter.status));
  if (filter.purpose) parts.push(purposeIds(db, filter.purpose));
  const lists = await Promise.all(parts);
  return lists.reduce((kept, ids) => {
    const these = new Set(ids);
    return new Set([...kept].filter((id) => these.has(id)));
  }, new Set(lists[0]));
}
