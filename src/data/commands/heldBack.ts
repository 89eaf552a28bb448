/**
 * Taking note of the changes held back (queries/heldBack.ts) — those from other devices and this
 * device's own the team refuses: the header and the Übersicht stop warning of them, the list in
 * Einstellungen keeps them with who took note and when. Only this device's view of them changes —
 * the quarantine and the own list are the sync engine's, never replicated — so any signed-in user
 * may; nothing held back is applied, dropped or reverted by it.
 */
import { rawConnection, type ConsentbookDB } from '../db';
import { isGenuineSession, type Session } from '../core/session';
import { readOwnHeldBackState, stillStanding } from '../queries/heldBack';
import { SYNC_OWN_HELD_BACK_KEY } from '../core/syncSettings';

/** Marks every change still held back as noted by the session's user; returns how many. */
export async function acknowledgeHeldBack(db: ConsentbookDB, session: Session): Promise<number> {
  if (!isGenuineSession(session)) throw new Error('acknowledgeHeldBack needs a signed-in session');
  const raw = rawConnection(db);
  const acknowledged = { at: new Date().toISOString(), by: session.userName };
  return raw.transaction('rw', raw.quarantine, raw.settings, async () => {
    const held = await raw.quarantine.filter(stillStanding).modify((q) => {
      q.acknowledged = acknowledged;
    });
    const own = await readOwnHeldBackState(db);
    const noted = own?.versions.filter((v) => !v.acknowledged).length ?? 0;
    if (own && noted)
      await raw.settings.put({
        key: SYNC_OWN_HELD_BACK_KEY,
        value: { ...own, versions: own.versions.map((v) => (v.acknowledged ? v : { ...v, acknowledged })) },
      });
    return held + noted;
  });
}
