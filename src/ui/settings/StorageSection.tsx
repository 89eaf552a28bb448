/** Storage on the device: usage and quota, and whether the browser keeps the data (persist). */
import { useEffect, useState } from 'react';
import {
  formatBytes,
  readStorageEnvironment,
  readStorageState,
  requestPersistence,
  storageProtection,
  type StorageState,
} from '../../pwa/storage';
import { StorageProtectionNote } from '../components/StorageProtectionNote';
import { useLang, useT } from '../i18n';
import { localeOf } from '../../i18n/locale';

export function StorageSection() {
  const tr = useT();
  const lang = useLang();
  const [state, setState] = useState<StorageState | null>(null);
  const [requested, setRequested] = useState<boolean | null>(null);
  useEffect(() => {
    void readStorageState().then(setState);
  }, []);
  const locale = localeOf(lang);
  const env = state && readStorageEnvironment(state.persisted);

  return (
    <section className="card" aria-labelledby="storage-title">
      <h2 id="storage-title">{tr('ui.storage.title')}</h2>
      {state && (
        <dl className="facts">
          <dt>{tr('ui.storage.usage')}</dt>
          <dd>
            {state.usage === null || state.quota === null
              ? tr('ui.storage.unknown')
              : tr('ui.storage.usageValue', {
                  usage: formatBytes(state.usage, locale),
                  quota: formatBytes(state.quota, locale),
                })}
          </dd>
          <dt>{tr('ui.storage.persisted')}</dt>
          <dd>
            {state.persisted === null
              ? tr('ui.storage.unknown')
              : tr(state.persisted ? 'ui.storage.persistedYes' : 'ui.storage.persistedNo')}
          </dd>
        </dl>
      )}
      {env && <StorageProtectionNote env={env} />}
      {/* At risk, the note above says it already (it was said three times in a row). */}
      {env && storageProtection(env).kind !== 'atRisk' && <p className="hint">{tr('ui.storage.explain')}</p>}
      {!state?.persisted && (
        <button
          type="button"
          onClick={async () => {
            const granted = await requestPersistence();
            setRequested(granted);
            setState(await readStorageState());
          }}
        >
          {tr('ui.storage.request')}
        </button>
      )}
      {requested !== null && <p role="status">{tr(requested ? 'ui.storage.granted' : 'ui.storage.refused')}</p>}
    </section>
  );
}
