/** Recipients and processors as entered in Einstellungen, and which of them operates the sync server. */
import {
  RECIPIENTS_KEY,
  sortRecipients,
  storedRecipient,
  SYNC_OPERATOR_KEY,
  type BookRecipients,
  type Recipient,
} from '../../domain/recipients';
import type { ConsentbookDB } from '../db';
import { readSyncServer } from './settings';

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

/** Who receives the book's data, as the documents name them: the entries, and the sync server with its operator. */
export async function readBookRecipients(db: ConsentbookDB): Promise<BookRecipients> {
  const [recipients, syncServer, syncOperatorId] = await Promise.all([
    readRecipients(db),
    readSyncServer(db),
    readSyncOperatorId(db),
  ]);
  return { recipients, syncServer, syncOperatorId };
}
