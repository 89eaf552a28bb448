/**
 * The book's own gaps (domain/bookFindings.ts): the controller and the recipients as stored, an
 * entry of an older version read with the fields added since as '' (readRecipients). Read only by
 * the Übersicht and the Prüfliste (lazy screens): keep it out of the start bundle's modules.
 */
import { controllerFindings, recipientFindings, type BookFinding } from '../../domain/bookFindings';
import type { ConsentbookDB } from '../db';
import { readRecipients } from './recipients';
import { readController } from './settings';

/** The controller's gap first, then the recipients' in the order the settings list them (processors first). */
export async function collectBookFindings(db: ConsentbookDB): Promise<BookFinding[]> {
  const [controller, recipients] = await Promise.all([readController(db), readRecipients(db)]);
  return [...controllerFindings(controller), ...recipientFindings(recipients)];
}
