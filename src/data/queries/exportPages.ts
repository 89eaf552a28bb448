/**
 * The whole-database export's pages as stored (databaseExport.ts): every person's id read first,
 * a page a run of them, with their consents and transactions; the persons themselves are read by
 * key range where they are opened (bulk/openRows.ts).
 *
 * Those come one of two ways. Read by the persons' index ranges, each record costs IndexedDB an
 * index step and a lookup of the record: at 100,000 persons (9,000 consents, 25,000 links to
 * transactions) 4.2 s of the browser's IndexedDB thread against 2.6 s for the persons alone. Read
 * in primary-key order the same records cost 0.6 s. So a book whose consents and transactions fit
 * in memory as stored (LINKED_IN_MEMORY at most; ~6 MB at 100,000 persons) has them read once,
 * before the first page, and each page takes its persons' records out of that; a larger one is
 * read by index ranges, a page at a time, so nothing grows without bound.
 *
 * An export is not one snapshot either way (each page's records are read in transactions of their
 * own): held in memory, consents and transactions are those of the export's start; read per page,
 * those of when the page is read. A person stored after the ids were read is not in the export;
 * one deleted since is left out with their records.
 */
import type { Table } from 'dexie';
import type { Consent } from '../../domain/consent';
import type { BusinessTransaction } from '../../domain/transaction';
import { rawConnection, type ConsentbookDB } from '../db';
import { keysAfter, tableInRuns } from '../core/tableInRuns';

/** A page's consents and transactions as stored (its persons are read where they are opened: bulk/openRows.ts). */
export interface PageLinks {
  consents: Consent[];
  transactions: BusinessTransaction[];
}

/** Consents and transactions held as stored at most, together; a larger book is read by index ranges. */
export const LINKED_IN_MEMORY = 200_000;

/** Records per read of the consents or transactions in primary-key order, each read its own transaction. */
const LINKED_RUN = 5_000;

/**
 * Every consent and transaction as stored, by person, each list in primary-key order (a
 * transaction under each of its persons); taken out as pages use them. Undefined when the two
 * tables hold more than `limit` records together.
 */
export class LinkedRecords {
  private constructor(
    private readonly consentsOf: Map<string, Consent[]>,
    private readonly transactionsOf: Map<string, BusinessTransaction[]>,
  ) {}

  static async read(db: ConsentbookDB, limit = LINKED_IN_MEMORY, run = LINKED_RUN): Promise<LinkedRecords | undefined> {
    const raw = rawConnection(db);
    const [consents, transactions] = await Promise.all([raw.consents.count(), raw.transactions.count()]);
    if (consents + transactions > limit) return undefined;
    const consentsOf = new Map<string, Consent[]>();
    const transactionsOf = new Map<string, BusinessTransaction[]>();
    // The two tables side by side, each run sorted in as it comes (a task per run, not one for the
    // whole book): while this thread sorts in one table's run, IndexedDB reads the other's.
    await Promise.all([
      eachInRuns(raw.consents, run, (consent) => listOf(consentsOf, consent.personId).push(consent)),
      eachInRuns(raw.transactions, run, (transaction) => {
        for (const id of transaction.personIds) listOf(transactionsOf, id).push(transaction);
      }),
    ]);
    return new LinkedRecords(consentsOf, transactionsOf);
  }

  /**
   * These persons' consents and transactions, as a page holds them; no longer held here after.
   * Persons in id order, each one's records in id order, a transaction where it first appears:
   * the order the index ranges give (pageOrder).
   */
  take(ids: readonly string[]): PageLinks {
    const consents: Consent[] = [];
    const transactions = new Set<BusinessTransaction>();
    for (const id of ids) {
      for (const consent of this.consentsOf.get(id) ?? []) consents.push(consent);
      for (const transaction of this.transactionsOf.get(id) ?? []) transactions.add(transaction);
      this.consentsOf.delete(id);
      this.transactionsOf.delete(id);
    }
    return { consents, transactions: [...transactions] };
  }
}

/** Each record of the table in primary-key order, a run at a time (tableInRuns: a task per run). */
async function eachInRuns<T>(table: Table<T, string, unknown>, run: number, each: (record: T) => void) {
  for await (const records of tableInRuns<T>(table, run)) for (const record of records) each(record);
}

function listOf<T>(lists: Map<string, T[]>, key: string): T[] {
  let list = lists.get(key);
  if (!list) lists.set(key, (list = []));
  return list;
}

/**
 * Every stored person's id in key order, a run of `run` at a time (keys only, no records): the
 * export's pages are runs of them. The next run is read while this one is used — read all at
 * once before the first page, the ids took the secrets' reading twice as long (both at once).
 */
export async function* storedPersonIds(db: ConsentbookDB, run: number): AsyncGenerator<string[]> {
  const persons = rawConnection(db).persons;
  const after = (key: string | undefined) => keysAfter(persons, key, run);
  let next: Promise<string[]> | undefined = after(undefined);
  try {
    while (next) {
      const ids: string[] = await next;
      next = ids.length === run ? after(ids[ids.length - 1]) : undefined;
      if (ids.length > 0) yield ids;
    }
  } finally {
    // Stopped early (a cancel): the run under way is not awaited, nor its failure.
    void next?.catch(() => undefined);
  }
}

/**
 * The consents and transactions of a page's persons (ids in key order), as stored: taken from
 * `linked` when given, else read by the indexes in one read transaction — the page's persons are
 * every stored person from its first id to its last, so their records are one key range of each
 * index (a query for a list of ids is a cursor stepping key by key, a request and an event each).
 */
export async function pageLinks(db: ConsentbookDB, ids: readonly string[], linked?: LinkedRecords): Promise<PageLinks> {
  if (ids.length === 0) return { consents: [], transactions: [] };
  if (linked) return linked.take(ids);
  const raw = rawConnection(db);
  const [first, last] = [ids[0], ids[ids.length - 1]];
  const [consents, transactions] = await raw.transaction('r', [raw.consents, raw.transactions], () =>
    Promise.all([
      raw.consents.where('personId').between(first, last, true, true).toArray(),
      raw.transactions.where('personIds').between(first, last, true, true).toArray(),
    ]),
  );
  const inPage = new Set(ids);
  return {
    consents: consents.filter((c) => inPage.has(c.personId)),
    transactions: pageOrder(transactions, inPage),
  };
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
