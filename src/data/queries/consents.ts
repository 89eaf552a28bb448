/** Reading a person's consents with what their history shows: purpose names, evidence transactions. */
import type { Consent } from '../../domain/consent';
import type { BusinessTransaction } from '../../domain/transaction';
import type { ConsentbookDB } from '../db';

export interface ConsentHistory {
  /** Newest first (by the date given, then by the date recorded). */
  consents: Consent[];
  purposeNames: Map<string, string>;
  /** The Kontakt transactions named as evidence. */
  transactions: Map<string, BusinessTransaction>;
}

export async function consentHistory(db: ConsentbookDB, personId: string): Promise<ConsentHistory> {
  const consents = await db.consents.where('personId').equals(personId).toArray();
  consents.sort((a, b) => b.givenAt.localeCompare(a.givenAt) || b.createdAt.localeCompare(a.createdAt));
  const purposeNames = new Map((await db.purposes.toArray()).map((p) => [p.id, p.name] as const));
  const txIds = consents
    .flatMap((c) => [c.evidence, c.withdrawalEvidence])
    .flatMap((e) => (e?.type === 'transaction' ? [e.transactionId] : []));
  const transactions = new Map(
    (await db.transactions.bulkGet(txIds)).filter((t): t is BusinessTransaction => !!t).map((t) => [t.id, t] as const),
  );
  return { consents, purposeNames, transactions };
}
