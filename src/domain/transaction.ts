/** Business transactions (Geschäftsvorfälle): they prove a reason to keep a person. */

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
