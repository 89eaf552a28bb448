/** Recipients and processors as entered in Einstellungen (the register adds the sync server's operator). */
import { RECIPIENTS_KEY, sortRecipients, type Recipient } from '../../domain/recipients';
import type { ConsentbookDB } from '../db';

export async function readRecipientsById(db: ConsentbookDB): Promise<Map<string, Recipient>> {
  const value = (await db.settings.get(RECIPIENTS_KEY))?.value as Record<string, Recipient> | undefined;
  return new Map(Object.entries(value ?? {}));
}

/** The entries of Einstellungen, processors first. */
export async function readRecipients(db: ConsentbookDB): Promise<Recipient[]> {
  return sortRecipients([...(await readRecipientsById(db)).values()]);
}
