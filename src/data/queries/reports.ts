/**
 * Gathering what the reports need (Auskunft, portability exports). The reports themselves are
 * pure functions in src/documents and src/formats; this module is their only data source (their issue is logged by
 * commands/documents.ts).
 */
import type { AuditEntry } from '../../domain/audit';
import type { ChainHead } from '../../domain/auditChain';
import type { Consent } from '../../domain/consent';
import type { Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import type { RetentionStatus } from '../../domain/retention';
import type { Controller } from '../../domain/settings';
import type { BusinessTransaction } from '../../domain/transaction';
import { readAuditHead } from './auditIntegrity';
import { withPersonTexts } from './audit';
import { rawConnection, type ConsentbookDB, type StoredPerson } from '../db';
import { openPool, type RecordOpener } from '../bulk/openPool';
import { RuleError } from '../core/errors';
import { nextTask } from '../core/nextTask';
import { personRetention } from './persons';
import { requirePermission, type Session } from '../core/session';
import { readControllerForDocument, readSyncServer } from './settings';

export interface PersonRecordSet {
  person: Person;
  purposes: Purpose[];
  consents: Consent[];
  transactions: BusinessTransaction[];
}

export interface AccessReportData extends PersonRecordSet {
  controller: Controller;
  auditEntries: AuditEntry[];
  retention: RetentionStatus;
  auditCheckpoint: ChainHead | undefined;
  /** The book syncs with a server: erasure reaches its other devices (the Auskunft says how far). */
  synced: boolean;
}

async function recordSet(db: ConsentbookDB, person: StoredPerson): Promise<PersonRecordSet> {
  const [consents, transactions] = await Promise.all([
    db.consents.where('personId').equals(person.id).toArray(),
    db.transactions.where('personIds').equals(person.id).toArray(),
  ]);
  const purposeIds = new Set([person.purposeId, ...consents.flatMap((c) => c.purposeIds)].filter(Boolean));
  const purposes = (await db.purposes.bulkGet([...purposeIds])).filter((p): p is Purpose => !!p);
  return { person: person, purposes, consents, transactions };
}

async function storedPerson(db: ConsentbookDB, personId: string): Promise<StoredPerson> {
  const person = await db.persons.get(personId);
  if (!person) throw new RuleError('error.personMissing', `No person ${personId}`);
  return person;
}

export async function collectAccessReport(
  db: ConsentbookDB,
  session: Session,
  personId: string,
): Promise<AccessReportData> {
  requirePermission(session, 'issueReports');
  const person = await storedPerson(db, personId);
  const [set, auditEntries, retention, controller, auditCheckpoint, server] = await Promise.all([
    recordSet(db, person),
    db.auditLog.where('[personId+seq]').between([personId, 0], [personId, Infinity]).toArray(),
    personRetention(db, personId),
    readControllerForDocument(db),
    readAuditHead(db),
    readSyncServer(db),
  ]);
  return {
    ...set,
    auditEntries: await withPersonTexts(db, auditEntries),
    retention,
    controller,
    auditCheckpoint,
    synced: server !== null,
  };
}

export async function collectPortability(
  db: ConsentbookDB,
  session: Session,
  personId: string,
): Promise<PersonRecordSet> {
  requirePermission(session, 'issueReports');
  return recordSet(db, await storedPerson(db, personId));
}

interface StoredPage {
  persons: StoredPerson[];
  consents: Consent[];
  transactions: BusinessTransaction[];
}

const NO_PAGE: StoredPage = { persons: [], consents: [], transactions: [] };

/**
 * One page of persons after `lastId` with their consents and transactions, as stored, in one read
 * transaction. The page's persons are every person from its first id to its last, so their
 * consents and transactions are one key range of each index: three getAll requests in all (a
 * query for a list of ids is a cursor stepping key by key, a request and an event each).
 */
export async function readStoredPage(
  db: ConsentbookDB,
  lastId: string | undefined,
  pageSize: number,
): Promise<StoredPage> {
  const raw = rawConnection(db);
  return raw.transaction('r', [raw.persons, raw.consents, raw.transactions], async () => {
    const persons =
      lastId === undefined
        ? await raw.persons.orderBy('id').limit(pageSize).toArray()
        : await raw.persons.where('id').above(lastId).limit(pageSize).toArray();
    if (persons.length === 0) return NO_PAGE;
    const [first, last] = [persons[0].id, persons[persons.length - 1].id];
    const [consents, linked] = await Promise.all([
      raw.consents.where('personId').between(first, last, true, true).toArray(),
      raw.transactions.where('personIds').between(first, last, true, true).toArray(),
    ]);
    const ids = new Set(persons.map((p) => p.id));
    return { persons, consents: consents.filter((c) => ids.has(c.personId)), transactions: pageOrder(linked, ids) };
  });
}

/**
 * The page's transactions once each, in the order the index gives them to a query for the page's
 * ids: by the first of their persons in the page, then by id. The range holds a transaction once
 * for each of its persons in it, and may hold ids of persons no longer stored.
 */
function pageOrder(linked: readonly BusinessTransaction[], ids: ReadonlySet<string>): BusinessTransaction[] {
  const seen = new Set<string>();
  const once: { first: string; t: BusinessTransaction }[] = [];
  for (const t of linked) {
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    const inPage = t.personIds.filter((id) => ids.has(id));
    if (inPage.length > 0) once.push({ first: inPage.reduce((a, b) => (b < a ? b : a)), t });
  }
  return once.sort((a, b) => cmp(a.first, b.first) || cmp(a.t.id, b.t.id)).map(({ t }) => t);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function openPage(opener: RecordOpener, stored: StoredPage): Promise<StoredPage> {
  const [persons, consents, transactions] = await Promise.all([
    opener.open<StoredPerson>('persons', stored.persons),
    opener.open<Consent>('consents', stored.consents),
    opener.open<BusinessTransaction>('transactions', stored.transactions),
  ]);
  return { persons, consents, transactions };
}

/** Persons handed out between two of the page's tasks (see nextTask). */
const YIELD_EVERY = 250;

/**
 * Every person with their records, a page at a time, so a whole-database export never holds
 * everything at once. Each page is read as stored (readStoredPage) and opened in a pool of
 * workers (bulk/openPool.ts). Three pages are under way: this one formatted by the caller, the
 * next opened by the workers and the one after read — each page's read starts as soon as the one
 * before it is read, not opened.
 */
export async function* allPortability(
  db: ConsentbookDB,
  session: Session,
  { pageSize = 1000, signal }: { pageSize?: number; signal?: AbortSignal } = {},
): AsyncGenerator<PersonRecordSet> {
  requirePermission(session, 'issueReports');
  const purposes = new Map((await db.purposes.toArray()).map((p) => [p.id, p] as const));
  const opener = openPool(db);
  // A cancel ends the wait for a page at once (the workers are ended below).
  const cancelled = new Promise<null>((resolve) => {
    if (signal?.aborted) resolve(null);
    signal?.addEventListener('abort', () => resolve(null), { once: true });
  });
  const underWay = (stored: Promise<StoredPage>) => {
    const opened = stored.then((page) => openPage(opener, page));
    // Awaited in turn, or not at all when stopped early: an error surfaces where it is awaited.
    opened.catch(() => undefined);
    return { stored, opened };
  };
  const after = (previous: Promise<StoredPage>) =>
    underWay(
      previous.then((page) =>
        page.persons.length < pageSize
          ? NO_PAGE
          : readStoredPage(db, page.persons[page.persons.length - 1].id, pageSize),
      ),
    );
  let current = underWay(readStoredPage(db, undefined, pageSize));
  let next = after(current.stored);
  try {
    for (;;) {
      const page = await Promise.race([current.opened, cancelled]);
      if (!page || page.persons.length === 0) return;
      [current, next] = [next, after(next.stored)];
      const consentsOf = groupBy(page.consents, (c) => [c.personId]);
      const transactionsOf = groupBy(page.transactions, (t) => t.personIds);
      for (const [i, person] of page.persons.entries()) {
        // The caller formats each person as it comes, on the main thread: a page in one go is a long task.
        if (i > 0 && i % YIELD_EVERY === 0) await nextTask();
        const consents = consentsOf.get(person.id) ?? [];
        const ids = new Set([person.purposeId, ...consents.flatMap((c) => c.purposeIds)].filter(Boolean));
        yield {
          person: person,
          purposes: [...ids].map((id) => purposes.get(id)).filter((p): p is Purpose => !!p),
          consents,
          transactions: transactionsOf.get(person.id) ?? [],
        };
      }
    }
  } finally {
    opener.close();
  }
}

function groupBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items)
    for (const key of keysOf(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  return groups;
}
