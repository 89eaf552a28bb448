/**
 * Sicherung: one encrypted file out (Sicherung erstellen), restored all-or-nothing by an
 * administrator (Sicherung wiederherstellen). Shows when and by whom the last backup was made,
 * and warns when the browser may evict the data (persistent storage not granted).
 * The dialogs load src/data/backup.ts (and zod) only when used.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { readStorageState } from '../../pwa/storage';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useLang, useT } from '../i18n';
import { useRights } from '../stores';
import { CreateBackupDialog } from './backupCreate';
import { RestoreBackupDialog } from './backupRestore';
import { readLastBackup } from '../../data/queries/settings';

export function BackupSection() {
  const tr = useT();
  const lang = useLang();
  const rights = useRights();
  const lastBackup = useLiveQuery(() => readLastBackup(db), []);
  const [open, setOpen] = useState<'create' | 'restore' | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void readStorageState().then((s) => live && setPersisted(s.persisted));
    return () => {
      live = false;
    };
  }, []);
  const canCreate = rights.permissions.has('issueReports');
  const canRestore = rights.isAdmin;

  return (
    <section className="card backup" aria-labelledby="backup-title">
      <h2 id="backup-title">{tr('ui.backup.title')}</h2>
      <p>{tr('ui.backup.why')}</p>
      <p id="backup-last" className="backup-last">
        {lastBackup === undefined
          ? tr('ui.loading')
          : lastBackup
            ? tr('ui.backup.last', { date: formatDateTime(lang, lastBackup.at), user: lastBackup.by })
            : tr('ui.backup.none')}
      </p>
      {persisted === false && <p className="warning">{tr('ui.backup.notPersisted')}</p>}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!canCreate}
          aria-describedby={canCreate ? 'backup-last' : 'backup-create-why'}
          onClick={() => {
            setDone(null);
            setOpen('create');
          }}
        >
          {tr('ui.backup.create')}
        </button>
        <button
          type="button"
          disabled={!canRestore}
          aria-describedby={canRestore ? undefined : 'backup-restore-why'}
          onClick={() => setOpen('restore')}
        >
          {tr('ui.backup.restore')}
        </button>
      </div>
      {!canCreate && (
        <p id="backup-create-why" className="hint">
          {tr('ui.backup.noCreatePermission')}
        </p>
      )}
      {!canRestore && (
        <p id="backup-restore-why" className="hint">
          {tr('ui.backup.adminOnly')}
        </p>
      )}
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      {open === 'create' && (
        <CreateBackupDialog
          onClose={(message) => {
            setOpen(null);
            setDone(message ?? null);
          }}
        />
      )}
      {open === 'restore' && <RestoreBackupDialog onClose={() => setOpen(null)} />}
    </section>
  );
}
