/**
 * The service worker update prompt. registerType 'prompt': a new version waits until the user
 * chooses "Aktualisieren" — never an automatic reload, which could lose an unsaved form.
 *
 * Once it is accepted, in this tab or another, the new worker takes control of every tab that saw
 * it waiting, and the register script reloads each of them (its 'controlling' listener) unless
 * given `onNeedReload`: here each tab keeps its unsaved drafts first (reloadKeepingDrafts.ts, as
 * "Neu laden" does when a lazy chunk of the old version is gone), and a tab that could keep them
 * nowhere stays and says so.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from './i18n';
import { loadKeepUnsaved } from './shellChunks';
import { lazyWithMessages } from './lazyWithMessages';
import { LazyPart } from './components/LazyPart';
import { reloadKeepingDrafts, useNotKept } from './reloadKeepingDrafts';

/** The page's one registration, and what it calls back (the mounted prompt's handlers). */
let registration: Promise<(reload?: boolean) => Promise<void>> | undefined;
const listeners = { refresh: () => {} };

const UpdateNotKept = lazyWithMessages(() => loadKeepUnsaved().then((m) => ({ default: m.UpdateNotKept })));

export function UpdatePrompt() {
  const tr = useT();
  const notKept = useNotKept((s) => s.reason);
  const [needRefresh, setNeedRefresh] = useState(false);
  const update = useRef<((reload?: boolean) => Promise<void>) | undefined>(undefined);
  useEffect(() => {
    // The registration (and workbox-window behind it) is not needed for the first screen: loaded
    // after it, off the start bundle's budget. Registered once per page, as the plugin's hook does.
    let mounted = true;
    registration ??= import('virtual:pwa-register').then(({ registerSW }) =>
      registerSW({
        onNeedRefresh: () => listeners.refresh(),
        onNeedReload: reloadKeepingDrafts,
      }),
    );
    listeners.refresh = () => mounted && setNeedRefresh(true);
    void registration.then((fn) => (update.current = fn)).catch(() => undefined);
    return () => {
      mounted = false;
    };
  }, []);
  if (notKept)
    return (
      <LazyPart>
        <UpdateNotKept reason={notKept} />
      </LazyPart>
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
