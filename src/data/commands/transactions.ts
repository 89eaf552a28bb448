/** Business transactions (Geschäftsvorfälle): they prove a reason to keep the linked persons. */
import type { BusinessTransaction, TransactionKind } from '../../domain/transaction';
import type { ConsentbookDB } from '../db';
import type { EvidenceFile } from './consents';
import { RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { writeWith } from '../write';

export interface TransactionInput {
  kind: TransactionKind;
  date: string;
  title: string;
  personIds: string[];
  attachment?: EvidenceFile;
}

export async function addTransaction(
  db: ConsentbookDB,
  session: Session,
  input: TransactionInput,
): Promise<BusinessTransaction> {
  // The title and date are checked by the rule (transactionProblem); a new one names a person.
  if (input.personIds.length === 0)
    throw new RuleError('error.transactionPersons', 'A business transaction names at least one person');
  const id = crypto.randomUUID();
  const createdAt = new Date().toISOString();
  const file = input.attachment;
  const tx: BusinessTransaction = {
    id,
    kind: input.kind,
    date: input.date,
    title: input.title.trim(),
    personIds: [...new Set(input.personIds)],
    attachment: file
      ? { fileId: crypto.randomUUID(), fileName: file.name, mimeType: file.mimeType, size: file.data.byteLength }
      : null,
    createdAt,
  };
  await writeWith(db, { session }, [db.transactions, db.files], async () => {
    if (file && tx.attachment)
      await db.files.add({
        id: tx.attachment.fileId,
        ownerId: id,
        name: file.name,
        mimeType: file.mimeType,
        size: file.data.byteLength,
        data: file.data,
        createdAt,
      });
    await db.transactions.add(tx);
  });
  return tx;
}
