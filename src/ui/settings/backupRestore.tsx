/**
 * "Sicherung wiederherstellen" (administrators): a file (Datei), its passphrase, and the
 * confirmation that the whole database is replaced. The data layer checks the file completely
 * before it writes anything; afterwards the restored users apply, so this session ends.
 */
import { useId, useState, type SubmitEvent } from 'react';
import { db } from '../db';
import { useT } from '../i18n';
import { useNoticeStore, useSession, useSessionStore } from '../stores';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { useBackupWork } from './backupShared';
import { announceRestore } from '../restoredElsewhere';

export function RestoreBackupDialog({ onClose }: { onClose: () => void }) {
  const tr = useT();
  const session = useSession();
  const signOut = useSessionStore((s) => s.signOut);
  const setNotice = useNoticeStore((s) => s.setNotice);
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const { error, setError, progress, busy, run } = useBackupWork();

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (busy.current) return;
    if (!file) {
      setError(tr('ui.backup.noFile'));
      return;
    }
    const chosen = file;
    await run(
      tr('ui.backup.restoring'),
      async () => {
        const bytes = new Uint8Array(await chosen.arrayBuffer());
        const { restoreBackup } = await import('../../data/commands/backup');
        return restoreBackup(db, session, bytes, passphrase);
      },
      ({ persons, disconnected }) => {
        // The restored users and passphrases apply from now on: end this session (and the other tabs').
        announceRestore();
        setNotice(tr(disconnected ? 'ui.backup.restoredDisconnected' : 'ui.backup.restored', { count: persons }));
        signOut('restored');
      },
    );
  }

  const working = progress !== null;
  return (
    <Dialog title={tr('ui.backup.restore')} onCancel={() => !busy.current && onClose()}>
      <form className="stack" onSubmit={onSubmit} noValidate aria-busy={working}>
        <p className="warning restore-warning" id={`${id}-warning`}>
          {tr('ui.backup.restoreWarning')}
        </p>
        <p>{tr('ui.backup.restoreAfter')}</p>
        <div className="field">
          <label htmlFor={`${id}-file`}>{tr('ui.backup.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".cbbackup,application/octet-stream"
            aria-describedby={`${id}-file-hint`}
            disabled={working}
            data-autofocus=""
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setError(null);
            }}
          />
          <p id={`${id}-file-hint`} className="hint">
            {tr('ui.backup.fileHint')}
          </p>
        </div>
        <TextField
          label={tr('ui.backup.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          type="password"
          autoComplete="off"
          disabled={working}
        />
        {working && (
          <div role="status" className="progress-status">
            <progress aria-label={progress} />
            <span>{progress}</span>
          </div>
        )}
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="danger" disabled={working} aria-describedby={`${id}-warning`}>
            {tr('ui.backup.restoreButton')}
          </button>
          <button type="button" onClick={onClose} disabled={working}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
