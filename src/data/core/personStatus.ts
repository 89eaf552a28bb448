/**
 * The worklist flags per person, kept by the middleware: "no reason held" (a natural person with no
 * business transaction, no purpose and no valid consent) and the consent gap (held for a purpose
 * that needs consent without a valid consent for it: none given, or withdrawn). Stored in their
 * own indexed table so each list is one index read at any size, instead of joining tables on every
 * look. Derived data: never backed up, rebuilt after a restore or a migration.
 *
 * Only a person with a flag has a row: an absent row reads as "no flag" everywhere (each list reads
 * the flagged values of an index), and a row with its two index entries costs every write of a
 * person — most persons have no flag (an import's new persons with a purpose: none). Schema 12
 * dropped the rows without a flag written before.
 */
import type { DBCore, DBCoreTransaction } from 'dexie';
import type { Table, Transaction } from 'dexie';
import type { Consent } from '../../domain/consent';
import type { Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import type { BusinessTransaction } from '../../domain/transaction';
import { consentGap, type ConsentGap } from '../../domain/worklist';

export interface PersonStatus {
  personId: string;
  noReason: 0 | 1;
  /** '' when the person's purpose needs no consent or has one (IndexedDB cannot index null). */
  consentGap: ConsentGap | '';
}

type ConsentFacts = Pick<Consent, 'status' | 'purposeIds'>;

const EQUAL = 1; // DBCoreRangeType.Equal (a const enum, not importable at runtime)

function equalRange(value: unknown) {
  return { type: EQUAL, lower: value, upper: value } as never;
}

export const isFlagged = (s: PersonStatus): boolean => s.noReason === 1 || s.consentGap !== '';

export function statusFor(
  person: Pick<Person, 'id' | 'natural' | 'purposeId'>,
  purpose: Pick<Purpose, 'id' | 'requiresConsent'> | undefined,
  hasTransaction: boolean,
  consents: readonly ConsentFacts[],
): PersonStatus {
  const hasValidConsent = consents.some((c) => c.status === 'given');
  return {
    personId: person.id,
    noReason: person.natural === 1 && !person.purposeId && !hasTransaction && !hasValidConsent ? 1 : 0,
    consentGap: consentGap(person, purpose, consents) ?? '',
  };
}

/** Recomputes the flags of the given persons inside the caller's transaction (DBCore level). */
export async function refreshStatuses(
  down: DBCore,
  trans: DBCoreTransaction,
  personIds: Iterable<string>,
): Promise<void> {
  const { statuses, deletes } = await statusesNow(down, trans, personIds);
  await writeStatuses(down, trans, statuses, deletes);
}

/**
 * The flags the given persons have by their records in the caller's transaction (DBCore level),
 * and which of them no longer exist.
 */
export async function statusesNow(
  down: DBCore,
  trans: DBCoreTransaction,
  personIds: Iterable<string>,
): Promise<{ statuses: PersonStatus[]; deletes: string[] }> {
  const persons = down.table('persons');
  const purposes = down.table('purposes');
  const transactions = down.table('transactions');
  const consents = down.table('consents');
  const txIndex = transactions.schema.getIndexByKeyPath('personIds');
  const consentIndex = consents.schema.getIndexByKeyPath('personId');
  if (!txIndex || !consentIndex) throw new Error('The schema lacks the indexes the worklist flag reads');
  // Every person's reads at once (the transaction queues them, no round trip per person), each
  // round issued synchronously: Dexie follows its transaction across one await, not across many.
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return { statuses: [], deletes: [] };
  const found = (await persons.getMany({ trans, keys: ids })) as (Person | undefined)[];
  const deletes = ids.filter((_id, i) => !found[i]);
  const present = found.filter((p): p is Person => !!p);
  const reads = await Promise.all(
    present.map((person) =>
      Promise.all([
        transactions.count({ trans, query: { index: txIndex, range: equalRange(person.id) } }),
        consents.query({ trans, values: true, query: { index: consentIndex, range: equalRange(person.id) } }),
        person.purposeId ? (purposes.get({ trans, key: person.purposeId }) as Promise<Purpose | undefined>) : undefined,
      ]),
    ),
  );
  const statuses = present.map((person, i) => {
    const [txCount, held, purpose] = reads[i];
    return statusFor(person, purpose, txCount > 0, held.result as Consent[]);
  });
  return { statuses, deletes };
}

/**
 * Stores the flagged statuses and drops the rows of the others and of `deletes`. `fresh`: the
 * statuses are of persons just created, who have no row to drop.
 */
export async function writeStatuses(
  down: DBCore,
  trans: DBCoreTransaction,
  statuses: PersonStatus[],
  deletes: string[] = [],
  fresh = false,
): Promise<void> {
  const table = down.table('personStatus');
  const puts = statuses.filter(isFlagged);
  const gone = fresh ? deletes : [...deletes, ...statuses.filter((s) => !isFlagged(s)).map((s) => s.personId)];
  if (puts.length) await table.mutate({ type: 'put', trans, values: puts });
  if (gone.length) await table.mutate({ type: 'delete', trans, keys: gone });
}

/** Every flag from scratch, with bulk reads: after a restore, a migration, or a bulk fill. */
export async function rebuildStatuses(tables: {
  persons: Table<Person>;
  purposes: Table<Purpose>;
  transactions: Table<BusinessTransaction>;
  consents: Table<Consent>;
  personStatus: Table<PersonStatus>;
}): Promise<void> {
  // Only plain fields are read (ids, flags, statuses, purpose ids): this runs without keys too.
  const [persons, purposes, transactions, consents] = await Promise.all([
    tables.persons.toArray(),
    tables.purposes.toArray(),
    tables.transactions.toArray(),
    tables.consents.toArray(),
  ]);
  const purposeById = new Map(purposes.map((p) => [p.id, p]));
  const linked = new Set(transactions.flatMap((t) => t.personIds));
  const consentsOf = new Map<string, Consent[]>();
  for (const c of consents) consentsOf.set(c.personId, [...(consentsOf.get(c.personId) ?? []), c]);
  await tables.personStatus.clear();
  await tables.personStatus.bulkPut(
    persons
      .map((p) => statusFor(p, purposeById.get(p.purposeId), linked.has(p.id), consentsOf.get(p.id) ?? []))
      .filter(isFlagged),
  );
}

export function statusTables(tx: Transaction) {
  return {
    persons: tx.table('persons'),
    purposes: tx.table('purposes'),
    transactions: tx.table('transactions'),
    consents: tx.table('consents'),
    personStatus: tx.table('personStatus'),
  };
}
