/** Reading the business transactions (Geschäftsvorfälle) linked to a person. */
import type { BusinessTransaction } from '../../domain/transaction';
import type { ConsentbookDB } from '../db';

/** Newest first (by date, then by the date recorded). */
export async function transactionsOf(db: ConsentbookDB, personId: string): Promise<BusinessTransaction[]> {
  return (await db.transactions.where('personIds').equals(personId).toArray()).sort(
    (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt),
  );
}

/** The person's logged Kontakte, newest first: what a consent may name as its evidence. */
export async function contactsOf(db: ConsentbookDB, personId: string): Promise<BusinessTransaction[]> {
  return (await db.transactions.where('personIds').equals(personId).toArray())
    .filter((t) => t.kind === 'contact')
    .sort((a, b) => b.date.localeCompare(a.date));
}
