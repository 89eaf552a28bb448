/** Business transactions (Geschäftsvorfälle): they prove a reason to keep a person. */
import { isFields, isText, isTextList, type RecordProblem } from './recordProblem';

export const TRANSACTION_KINDS = ['calculation', 'order', 'serviceCall', 'incomingOrder', 'contact'] as const;
/** calculation = Kalkulation, order = Auftrag, serviceCall = Servicecall, incomingOrder = Bestelleingang, contact = Kontakt */
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export interface BusinessTransaction {
  id: string;
  kind: TransactionKind;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  title: string;
  personIds: string[];
  attachment: { fileId: string; fileName: string; mimeType: string; size: number } | null;
  createdAt: string;
}

/**
 * What is wrong with a transaction as stored (the first problem): a known kind, a title, a date
 * (YYYY-MM-DD), its persons (none left after their erasure: a business record stays), an attachment or none.
 */
export function transactionProblem(tx: unknown): RecordProblem | undefined {
  const invalid = (reason: string): RecordProblem => ({ messageKey: 'error.transactionInvalid', reason });
  if (!isFields(tx)) return invalid('it is not an object');
  if (!TRANSACTION_KINDS.includes(tx.kind as TransactionKind)) return invalid('its kind is unknown');
  if (!isText(tx.title) || !tx.title.trim()) return { messageKey: 'error.transactionTitle', reason: 'it has no title' };
  if (!isText(tx.date) || !/^\d{4}-\d{2}-\d{2}$/.test(tx.date))
    return { messageKey: 'error.transactionDate', reason: 'its date is not YYYY-MM-DD' };
  if (!isTextList(tx.personIds)) return invalid('its personIds are not a list of ids');
  if (tx.attachment != null && !(isFields(tx.attachment) && isText(tx.attachment.fileId)))
    return invalid('its attachment names no file');
  if (!isText(tx.createdAt)) return invalid('createdAt is not a text');
  return undefined;
}
