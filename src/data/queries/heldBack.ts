/**
 * The incoming changes the sync engine held back (its quarantine, sync/feed.ts): counted live for
 * the header's status and the Übersicht, listed with their reasons in Einstellungen → Synchronisation.
 */
import { rawConnection, type ConsentbookDB } from '../db';

export function countHeldBack(db: ConsentbookDB): Promise<number> {
  return rawConnection(db).quarantine.count();
}
