/**
 * Automatic lock after inactivity, so an unattended device shows no personal data: the session
 * (and with it the keys) is dropped and the sign-in screen shown. The open forms' unsaved drafts
 * are kept first, sealed for the same user (unsavedChanges.tsx). The idle time is a privacy setting,
 * read live so a change applies at once.
 */
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { readPrivacySettings } from '../../data/queries/settings';
import { db } from '../db';
import { useSessionStore } from '../stores';
import { keepDrafts } from '../../data/commands/drafts';
import { discardUnsaved, draftsToKeep } from '../unsavedChanges';

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
    async function lock() {
      // Locked means locked: nothing asks. The drafts are sealed while the keys are still there.
      const drafts = draftsToKeep();
      const session = useSessionStore.getState().session;
      if (session) await keepDrafts(db, session, drafts).catch(() => undefined);
      discardUnsaved();
      signOut('idle');
    }
    function reset() {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lock(), ms);
    }
    for (const type of ACTIVITY) window.addEventListener(type, reset, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, reset, { capture: true });
    };
  }, [minutes, signOut]);
}
