/**
 * The service worker update prompt. registerType 'prompt': a new version waits until the user
 * chooses "Aktualisieren" — never an automatic reload, which could lose an unsaved form.
 *
 * Once it is accepted, in this tab or another, the new worker takes control of every tab that saw
 * it waiting, and the register script reloads each of them (its 'controlling' listener) unless
 * given `onNeedReload`: here each tab keeps its unsaved drafts first (keepUnsaved.tsx
 * reloadIntoUpdate, in memory since sign-in), and a tab that could keep them nowhere stays and says so.
 */
import { Suspense, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useT } from './i18n';
import { db } from './db';
import { useBanner, useSessionStore } from './stores';
import { discardUnsaved, draftsToKeep } from './unsavedChanges';
import { loadKeepUnsaved } from './shellChunks';
import { lazyWithMessages } from './lazyWithMessages';
import type { Held } from './keepUnsaved';

const UpdateNotKept = lazyWithMessages(() => loadKeepUnsaved().then((m) => ({ default: m.UpdateNotKept })));

export function UpdatePrompt() {
  const tr = useT();
  const [notKept, setNotKept] = useState<Held['reason'] | null>(null);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onNeedReload: () => {
      const reload = () => window.location.reload();
      loadKeepUnsaved().then(
        (m) =>
          m.reloadIntoUpdate(db, {
            session: useSessionStore.getState().session,
            forms: draftsToKeep,
            discard: discardUnsaved,
            signOut: () => useSessionStore.getState().signOut('update'),
            reload,
            stay: (reason) => {
              setNeedRefresh(false);
              setNotKept(reason);
            },
          }),
        // Not loaded (it is with the shell): signed out there are no drafts, else the user reloads when ready.
        () => (useSessionStore.getState().session ? useBanner.getState().requireReload() : reload()),
      );
    },
  });
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
      <button type="button" className="primary" onClick={() => void updateServiceWorker(true)}>
        {tr('ui.pwa.update')}
      </button>
      <button type="button" onClick={() => setNeedRefresh(false)}>
        {tr('ui.pwa.later')}
      </button>
    </div>
  );
}
