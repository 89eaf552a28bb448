/** The gate: sign-in until a session exists, then the shell. Banners that concern every screen live here. */
import { useEffect } from 'react';
import { closeOnVersionChange } from '../data/connection';
import { db } from './db';
import { useLang, useT } from './i18n';
import { useBanner, useSessionStore } from './stores';
import { AuthScreen } from './auth/AuthScreen';
import { Shell } from './Shell';
import { UpdatePrompt } from './UpdatePrompt';

export function App() {
  const session = useSessionStore((s) => s.session);
  const reloading = useSessionStore((s) => s.reloading);
  const lang = useLang();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useVersionChange();
  return (
    <>
      <ReloadBanner />
      {reloading ? null : session ? <Shell /> : <AuthScreen />}
      <UpdatePrompt />
    </>
  );
}

/** Another tab upgraded the schema: close this connection (so the upgrade can proceed) and ask for a reload. */
function useVersionChange() {
  const requireReload = useBanner((s) => s.requireReload);
  useEffect(() => closeOnVersionChange(db, requireReload), [requireReload]);
}

function ReloadBanner() {
  const tr = useT();
  const reloadRequired = useBanner((s) => s.reloadRequired);
  if (!reloadRequired) return null;
  return (
    <div className="banner" role="alert">
      <span>{tr('ui.pwa.reloadRequired')}</span>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {tr('ui.pwa.reload')}
      </button>
    </div>
  );
}
