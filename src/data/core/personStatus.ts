/**
 * The worklist flag per person, kept by the middleware: "no reason held" (a natural person with no
 * business transaction, no purpose and no valid consent). Stored in its own indexed table so the
 * worklist is one index read at any size, instead of joining three tables on every look.
 * Derived data: never backed up, rebuilt after a restore or a migration.
 */
import type { DBCore, DBCoreTransaction } from 'dexie';
import type { Table, Transaction } from 'dexie';
import type { Consent } from '../../domain/consent';
import type { Person } from '../../domain/person';
import type { BusinessTransaction } from '../../domain/transaction';

export interface PersonStatus {
  personId: string;
  noReason: 0 | 1;
}

const EQUAL = 1; // DBCoreRangeType.Equal (a const enum, not importable at runtime)

function equalRange(value: unknown) {
  return { type: EQUAL, lower: value, upper: value } as never;
}

export function statusFor(
  person: Pick<Person, 'id' | 'natural' | 'purposeId'>,
  hasTransaction: boolean,
  hasValidConsent: boolean,
): PersonStatus {
  return {
    personId: person.id,
    noReason: person.natural === 1 && !person.purposeId && !hasTransaction && !hasValidConsent ? 1 : 0,
  };
}

/** Recomputes the flags of the given persons inside the caller's transaction (DBCore level). */
export async function refreshStatuses(
  down: DBCore,
  trans: DBCoreTransaction,
  personIds: Iterable<string>,
): Promise<void> {
  const persons = down.table('persons');
  const transactions = down.table('transactions');
  const consents = down.table('consents');
  const txIndex = transactions.schema.getIndexByKeyPath('personIds')!;
  const consentIndex = consents.schema.getIndexByKeyPath(['status', 'personId'])!;
  const puts: PersonStatus[] = [];
  const deletes: string[] = [];
  for (const id of new Set(personIds)) {
    const person = (await persons.get({ trans, key: id })) as Person | undefined;
    if (!person) {
      deletes.push(id);
      continue;
    }
    const [txCount, consentCount] = await Promise.all([
      transactions.count({ trans, query: { index: txIndex, range: equalRange(id) } }),
      consents.count({ trans, query: { index: consentIndex, range: equalRange(['given', id]) } }),
    ]);
    puts.push(statusFor(person, txCount > 0, consentCount > 0));
  }
  await writeStatuses(down, trans, puts, deletes);
}

export async function writeStatuses(
  down: DBCore,
  trans: DBCoreTransaction,
  puts: PersonStatus[],
  deletes: string[] = [],
): Promise<void> {
  const table = down.table('personStatus');
  if (puts.length) await table.mutate({ type: 'put', trans, values: puts });
  if (deletes.length) await table.mutate({ type: 'delete', trans, keys: deletes });
}

/** Every flag from scratch, with bulk reads: after a restore, a migration, or a bulk fill. */
export async function rebuildStatuses(tables: {
  persons: Table<Person>;
  transactions: Table<BusinessTransaction>;
  consents: Table<Consent>;
  personStatus: Table<PersonStatus>;
}): Promise<void> {
  const [persons, transactions, consents] = await Promise.all([
    tables.persons.toArray(),
    tables.transactions.toArray(),
    tables.consents.toArray(),
  ]);
  const linked = new Set(transactions.flatMap((t) => t.personIds));
  const consented = new Set(consents.filter((c) => c.status === 'given').map((c) => c.personId));
  await tables.personStatus.clear();
  await tables.personStatus.bulkPut(persons.map((p) => statusFor(p, linked.has(p.id), consented.has(p.id))));
}

export function statusTables(tx: Transaction) {
  return {
    persons: tx.table('persons'),
    transactions: tx.table('transactions'),
    consents: tx.table('consents'),
    personStatus: tx.table('personStatus'),
  };
}
