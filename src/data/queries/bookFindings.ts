/**
 * The book's own gaps (domain/bookFindings.ts): the controller and the recipients as stored, an
 * entry of an older version read with the fields added since as '' (readRecipients), and with sync
 * configured on this device the server's operator chosen in Einstellungen → Synchronisation. Read only by
 * the Übersicht and the Prüfliste (lazy screens): keep it out of the start bundle's modules.
 */
import { bookFindings, type BookFinding } from '../../domain/bookFindings';
import type { ConsentbookDB } from '../db';
import { readBookRecipients } from './recipients';
import { readController } from './settings';

/** The controller's gap first, the recipients' in the order the settings list them (processors first), the sync operator's. */
export async function collectBookFindings(db: ConsentbookDB): Promise<BookFinding[]> {
  const [controller, book] = await Promise.all([readController(db), readBookRecipients(db)]);
  return bookFindings(controller, book);
}
