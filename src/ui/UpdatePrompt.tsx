/**
 * The service worker update prompt. registerType 'prompt': a new version waits until the user
 * chooses "Aktualisieren" — never an automatic reload, which could lose an unsaved form.
 */
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useT } from './i18n';

export function UpdatePrompt() {
  const tr = useT();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
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
