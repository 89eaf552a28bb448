/**
 * Automatic lock after inactivity, so an unattended device shows no personal data: the session
 * (and with it the keys) is dropped and the sign-in screen shown. The open forms' unsaved drafts
 * are kept first, sealed for the same user (unsavedChanges.tsx); if the device cannot store them,
 * held sealed in this tab and the user told (keepUnsaved.tsx). The idle time is a privacy setting,
 * read live so a change applies at once.
 */
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { readPrivacySettings } from '../../data/queries/settings';
import { db } from '../db';
import { useSessionStore } from '../stores';
import { discardUnsaved, draftsToKeep } from '../unsavedChanges';
import { keepDrafts } from '../../data/commands/drafts';
import { loadKeepUnsaved } from '../shellChunks';

// What a person does, never what the page does by itself: a scroll event also fires when a list
// re-measures or a toast goes away, and counting it kept an unattended device unlocked.
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleLock(): void {
  const minutes = useLiveQuery(() => readPrivacySettings(db).then((s) => s.idleLockMinutes), []);
  const signOut = useSessionStore((s) => s.signOut);

  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    const ms = minutes * 60_000;
    let timer = window.setTimeout(() => void lock(), ms);
    // The wall-clock time of the last input: a hidden page's timers may stand still (a phone or
    // tablet freezes it, and its timers count the device's awake time only), so back on screen
    // the time is measured again.
    let last = Date.now();
    let locking = false;
    async function lock() {
      if (locking) return;
      locking = true;
      window.clearTimeout(timer);
      // Locked means locked: nothing asks. The drafts are sealed while the keys are still there.
      const session = useSessionStore.getState().session;
      const forms = draftsToKeep();
      // Loaded with the shell at sign-in; should it not be there, the drafts are kept as before
      // it existed, and the lock happens all the same.
      const kept = session
        ? await loadKeepUnsaved().then(
            (m) => m.keepForLock(db, session, forms),
            () =>
              keepDrafts(db, session, forms).then(
                () => null,
                () => null,
              ),
          )
        : null;
      discardUnsaved();
      // Held nowhere but in this page (sealed): locked without the reload, which would lose them.
      signOut('idle', kept?.where !== 'page');
    }
    function reset() {
      last = Date.now();
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lock(), ms);
    }
    // Back on screen (or from the page cache) after the idle time went by while away: locked at once.
    function back() {
      if (document.visibilityState !== 'hidden' && Date.now() - last >= ms) void lock();
    }
    for (const type of ACTIVITY) window.addEventListener(type, reset, { passive: true, capture: true });
    document.addEventListener('visibilitychange', back);
    window.addEventListener('pageshow', back);
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, reset, { capture: true });
      document.removeEventListener('visibilitychange', back);
      window.removeEventListener('pageshow', back);
    };
  }, [minutes, signOut]);
}
