/**
 * The app's answer when a new version took control of this tab (UpdatePrompt.tsx's onNeedReload):
 * keepUnsaved.tsx's reloadIntoUpdate with this tab's session, forms and sign-out. A chunk of its
 * own, loaded with the shell (shellChunks.ts): the prompt is at the start, and keepUnsaved.tsx
 * stays free of the page's modules (tested in Node).
 */
import { db } from './db';
import { reloadIntoUpdate, type Held } from './keepUnsaved';
import { useSessionStore } from './stores';
import { discardUnsaved, draftsToKeep } from './unsavedChanges';

export function updateTookOver(stay: (reason: Held['reason']) => void): Promise<void> {
  return reloadIntoUpdate(db, {
    session: useSessionStore.getState().session,
    forms: draftsToKeep,
    discard: discardUnsaved,
    signOut: () => useSessionStore.getState().signOut('update'),
    reload: () => window.location.reload(),
    stay,
  });
}
