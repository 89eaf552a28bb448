/** Recipients and processors as entered in Einstellungen, and which of them operates the sync server. */
import {
  RECIPIENTS_KEY,
  sortRecipients,
  storedRecipient,
  SYNC_OPERATOR_KEY,
  type Recipient,
} from '../../domain/recipients';
import type { ConsentbookDB } from '../db';

/** By id; an entry stored before a field was added reads it as '' (storedRecipient). */
export async function readRecipientsById(db: ConsentbookDB): Promise<Map<string, Recipient>> {
  const value = (await db.settings.get(RECIPIENTS_KEY))?.value as Record<string, unknown> | undefined;
  return new Map(Object.entries(value ?? {}).map(([id, r]) => [id, storedRecipient(r)]));
}

/** The entries of Einstellungen, processors first. */
export async function readRecipients(db: ConsentbookDB): Promise<Recipient[]> {
  return sortRecipients([...(await readRecipientsById(db)).values()]);
}

/** The id of the entry chosen as the sync server's operator; '' when none is (syncOperatorOf resolves it). */
export async function readSyncOperatorId(db: ConsentbookDB): Promise<string> {
  const value = (await db.settings.get(SYNC_OPERATOR_KEY))?.value as { recipientId?: unknown } | undefined;
  return typeof value?.recipientId === 'string' ? value.recipientId : '';
}
