/**
 * The service worker update prompt. registerType 'prompt': a new version waits until the user
 * chooses "Aktualisieren" — never an automatic reload, which could lose an unsaved form.
 *
 * Once it is accepted, in this tab or another, the new worker takes control of every tab that saw
 * it waiting, and the register script reloads each of them (its 'controlling' listener) unless
 * given `onNeedReload`: here each tab keeps its unsaved drafts first (keepUnsaved.tsx
 * reloadIntoUpdate, in memory since sign-in), and a tab that could keep them nowhere stays and says so.
 */
import { Suspense, useEffect, useRef, useState } from 'react';
import { useT } from './i18n';
import { useBanner, useSessionStore } from './stores';
import { loadKeepUnsaved, loadUpdateTookOver } from './shellChunks';
import { lazyWithMessages } from './lazyWithMessages';
import type { Held } from './keepUnsaved';

/** The page's one registration, and what it calls back (the mounted prompt's handlers). */
let registration: Promise<(reload?: boolean) => Promise<void>> | undefined;
const listeners = { refresh: () => {}, reload: () => {} };

const UpdateNotKept = lazyWithMessages(() => loadKeepUnsaved().then((m) => ({ default: m.UpdateNotKept })));

export function UpdatePrompt() {
  const tr = useT();
  const [notKept, setNotKept] = useState<Held['reason'] | null>(null);
  const [needRefresh, setNeedRefresh] = useState(false);
  const update = useRef<((reload?: boolean) => Promise<void>) | undefined>(undefined);
  useEffect(() => {
    // The registration (and workbox-window behind it) is not needed for the first screen: loaded
    // after it, off the start bundle's budget. Registered once per page, as the plugin's hook does.
    let mounted = true;
    registration ??= import('virtual:pwa-register').then(({ registerSW }) =>
      registerSW({
        onNeedRefresh: () => listeners.refresh(),
        onNeedReload: () => listeners.reload(),
      }),
    );
    listeners.refresh = () => mounted && setNeedRefresh(true);
    listeners.reload = () =>
      void loadUpdateTookOver().then(
        (m) =>
          m.updateTookOver((reason) => {
            setNeedRefresh(false);
            setNotKept(reason);
          }),
        // Not loaded (it is with the shell): signed out there are no drafts, else the user reloads when ready.
        () => (useSessionStore.getState().session ? useBanner.getState().requireReload() : window.location.reload()),
      );
    void registration.then((fn) => (update.current = fn)).catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, []);
  if (notKept)
    return (
      <Suspense fallback={null}>
        <UpdateNotKept reason={notKept} />
      </Suspense>
    );
  if (!needRefresh) return null;
  return (
    <div className="toast" role="status">
      <span>{tr('ui.pwa.newVersion')}</span>
      <button type="button" className="primary" onClick={() => void update.current?.(true)}>
        {tr('ui.pwa.update')}
      </button>
      <button type="button" onClick={() => setNeedRefresh(false)}>
        {tr('ui.pwa.later')}
      </button>
    </div>
  );
}
