/**
 * Reloading into the version now served, this tab's unsaved drafts kept first: when a new version
 * took control of the tab (UpdatePrompt.tsx), and when a lazy chunk of the old one is gone
 * ("Neu laden" beside chunkLoad.ts's message, ErrorAlert.tsx). updateTookOver.ts does it — in
 * memory since sign-in (shellChunks.ts); a tab whose drafts can be kept nowhere stays, and the
 * prompt says why (`useNotKept`).
 */
import { create } from 'zustand';
import type { Held } from './keepUnsaved';
import { loadUpdateTookOver } from './shellChunks';
import { useBanner, useSessionStore } from './stores';

/** Why the drafts could be kept nowhere, once the tab stayed for them (shown by UpdatePrompt.tsx). */
export const useNotKept = create<{ reason: Held['reason'] | null }>(() => ({ reason: null }));

export function reloadKeepingDrafts(): void {
  void loadUpdateTookOver().then(
    (m) => m.updateTookOver((reason) => useNotKept.setState({ reason })),
    // Not loaded (it is with the shell): signed out there are no drafts, else the user reloads when ready.
    () => (useSessionStore.getState().session ? useBanner.getState().requireReload() : window.location.reload()),
  );
}
