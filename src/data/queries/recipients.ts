/** Recipients and processors as entered in Einstellungen (the register adds the sync server's operator). */
import { RECIPIENTS_KEY, sortRecipients, storedRecipient, type Recipient } from '../../domain/recipients';
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
