/**
 * Whether the browser may delete the app's data, said plainly, with what helps on this browser:
 * on Safari (iPad) the home screen — Safari deletes a site's data after seven days without use —
 * elsewhere persistent storage; and why a backup matters either way. Übersicht and Einstellungen.
 */
import { storageProtection, type StorageEnvironment } from '../../pwa/storage';
import { useT } from '../i18n';
import { href } from '../route';

export function StorageProtectionNote({ env }: { env: StorageEnvironment }) {
  const tr = useT();
  const protection = storageProtection(env);
  if (protection.kind !== 'atRisk')
    return (
      <p className="status-line status-ok">
        {tr(protection.kind === 'persistent' ? 'ui.storage.protection.persistent' : 'ui.storage.protection.installed')}
      </p>
    );
  return (
    <div className="warning storage-risk">
      <p>
        <strong>{tr('ui.storage.protection.atRisk')}</strong>
      </p>
      {protection.advice === 'homeScreen' ? (
        <>
          <p>{tr('ui.storage.homeScreen.why')}</p>
          <ol>
            <li>
              <a href={href('einstellungen')}>{tr('ui.storage.homeScreen.step.backup')}</a>
            </li>
            <li>{tr('ui.storage.homeScreen.step.share')}</li>
            <li>{tr('ui.storage.homeScreen.step.add')}</li>
            <li>{tr('ui.storage.homeScreen.step.restore')}</li>
          </ol>
          <p>{tr('ui.storage.homeScreen.elsewhere')}</p>
        </>
      ) : (
        <p>{tr('ui.storage.persist.advice')}</p>
      )}
      <p>{tr('ui.storage.backupMatters')}</p>
    </div>
  );
}
