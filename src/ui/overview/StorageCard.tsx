/** The Übersicht's storage card: whether the browser may delete the data, what helps, usage. */
import { useEffect, useState } from 'react';
import { localeOf } from '../../i18n/locale';
import { formatBytes, readStorageEnvironment, readStorageState, type StorageState } from '../../pwa/storage';
import { StorageProtectionNote } from '../components/StorageProtectionNote';
import type { Translate } from '../i18n';
import { href } from '../route';

export function StorageCard({ tr }: { tr: Translate }) {
  const [state, setState] = useState<StorageState | null>(null);
  useEffect(() => {
    let live = true;
    void readStorageState().then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, []);
  const locale = localeOf(tr.lang);
  return (
    <section className="card" aria-labelledby="ov-storage">
      <h2 id="ov-storage">{tr('ui.storage.title')}</h2>
      {!state ? (
        <p className="muted">{tr('ui.loading')}</p>
      ) : (
        <>
          <StorageProtectionNote env={readStorageEnvironment(state.persisted)} />
          <p className="hint">
            <a href={href('einstellungen')}>
              {state.usage === null || state.quota === null
                ? `${tr('ui.storage.usage')}: ${tr('ui.storage.unknown')}`
                : tr('ui.overview.storage.usage', {
                    usage: formatBytes(state.usage, locale),
                    quota: formatBytes(state.quota, locale),
                  })}
            </a>
          </p>
        </>
      )}
    </section>
  );
}
