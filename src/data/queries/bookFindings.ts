/**
 * The book's own gaps (domain/bookFindings.ts): the controller, the purposes (those active or still
 * used: a purpose on basis f stored before its legitimate interest could be entered) and the recipients as stored, an
 * entry of an older version read with the fields added since as '' (readRecipients), and with sync
 * configured on this device the server's operator chosen in Einstellungen → Synchronisation. Read only by
 * the Übersicht and the Prüfliste (lazy screens): keep it out of the start bundle's modules.
 */
import { bookFindings, type BookFinding } from '../../domain/bookFindings';
import type { ConsentbookDB } from '../db';
import { purposesWithUse } from './purposes';
import { readBookRecipients } from './recipients';
import { readController } from './settings';

/**
 * The controller's gap first, the purposes' by name, the recipients' in the order the settings list
 * them (processors first), the sync operator's. A deactivated purpose no one is held for any more
 * is no document's concern.
 */
export async function collectBookFindings(db: ConsentbookDB): Promise<BookFinding[]> {
  const [controller, book, { purposes, used }] = await Promise.all([
    readController(db),
    readBookRecipients(db),
    purposesWithUse(db),
  ]);
  const concerned = purposes
    .filter((p) => p.active || used.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return bookFindings(controller, book, concerned);
}
