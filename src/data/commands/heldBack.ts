/**
 * Taking note of the changes held back (queries/heldBack.ts): the header and the Übersicht stop
 * warning of them, the list in Einstellungen keeps them with who took note and when. Only this
 * device's view of them changes — the quarantine is the sync engine's own, never replicated — so
 * any signed-in user may; nothing held back is applied or dropped by it.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { isGenuineSession, type Session } from '../core/session';
import { stillStanding } from '../queries/heldBack';

/** Marks every change still held back as noted by the session's user; returns how many. */
export async function acknowledgeHeldBack(db: ConsentbookDB, session: Session): Promise<number> {
  if (!isGenuineSession(session)) throw new Error('acknowledgeHeldBack needs a signed-in session');
  const raw = rawConnection(db);
  const acknowledged = { at: new Date().toISOString(), by: session.userName };
  return raw.transaction('rw', raw.quarantine, () =>
    raw.quarantine.filter(stillStanding).modify((q) => {
      q.acknowledged = acknowledged;
    }),
  );
}
