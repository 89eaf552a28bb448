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

/** A correction of a stored transaction: its kind, date and title, or this person taken off it. */
export interface TransactionCorrection {
  kind: TransactionKind;
  date: string;
  title: string;
  /** A person linked by mistake, taken off (the transaction must still name someone). */
  unlinkPersonId?: string;
}

/**
 * Corrects a transaction entered wrongly (Art. 16: a wrong order date or person keeps data years too
 * long). The comment says why; the rule refuses a correction without one and logs it with the
 * fields changed.
 */
export async function correctTransaction(
  db: ConsentbookDB,
  session: Session,
  id: string,
  correction: TransactionCorrection,
  comment: string,
): Promise<BusinessTransaction> {
  return writeWith(db, { session, reason: { purposeId: '', comment: comment.trim() } }, [db.transactions], async () => {
    const stored = await db.transactions.get(id);
    if (!stored) throw new RuleError('error.transactionMissing', `No business transaction ${id}`);
    const personIds = stored.personIds.filter((p) => p !== correction.unlinkPersonId);
    if (personIds.length === 0)
      throw new RuleError('error.transactionLastPerson', 'The only person of a transaction cannot be taken off it');
    const next: BusinessTransaction = {
      ...stored,
      kind: correction.kind,
      date: correction.date,
      title: correction.title.trim(),
      personIds,
    };
    if (JSON.stringify(next) === JSON.stringify(stored))
      throw new RuleError('error.transactionUnchanged', `Nothing of transaction ${id} was changed`);
    await db.transactions.put(next);
    return next;
  });
}

/** Deletes a transaction entered by mistake, with its attachment; the comment says why (logged). */
export async function deleteTransaction(
  db: ConsentbookDB,
  session: Session,
  id: string,
  comment: string,
): Promise<void> {
  await writeWith(
    db,
    { session, reason: { purposeId: '', comment: comment.trim() } },
    [db.transactions, db.files],
    async () => {
      const stored = await db.transactions.get(id);
      if (!stored) throw new RuleError('error.transactionMissing', `No business transaction ${id}`);
      await db.transactions.delete(id);
      if (stored.attachment) await db.files.delete(stored.attachment.fileId);
    },
  );
}
