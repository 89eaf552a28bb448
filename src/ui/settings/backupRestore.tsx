/**
 * "Sicherung wiederherstellen" (administrators): a file (Datei), its passphrase, and the
 * confirmation that the whole database is replaced. The data layer checks the file completely
 * before it writes anything; afterwards the restored users apply, so this session ends.
 */
import { useId, useState } from 'react';
import { db } from '../db';
import { errorMessage, useT } from '../i18n';
import { formatDateTime } from '../../i18n/locale';
import { useNoticeStore, useSession, useSessionStore } from '../stores';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { refuse, useSubmit } from '../components/useSubmit';
import { BackupProgress, useBackupProgress } from './backupShared';
import { announceRestore } from '../restoredElsewhere';

export function RestoreBackupDialog({ onClose }: { onClose: () => void }) {
  const tr = useT();
  const session = useSession();
  const signOut = useSessionStore((s) => s.signOut);
  const setNotice = useNoticeStore((s) => s.setNotice);
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  // What the chosen file says of itself (its date, whether it is this book's), read before the passphrase.
  const [about, setAbout] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [comment, setComment] = useState('');
  const { progress, working, cancelButton, withProgress } = useBackupProgress();
  const { error, setError, onSubmit } = useSubmit(async () => {
    if (!file) refuse(tr('ui.backup.noFile'));
    const { persons, disconnected } = await withProgress(tr('ui.backup.restoring'), async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { restoreBackup } = await import('../../data/commands/backup');
      return restoreBackup(db, session, bytes, passphrase, comment);
    });
    // The restored users and passphrases apply from now on: end this session (and the other tabs').
    announceRestore();
    setNotice(tr(disconnected ? 'ui.backup.restoredDisconnected' : 'ui.backup.restored', { count: persons }));
    signOut('restored');
  });

  /** Says what the file is as soon as it is chosen: a file that is no backup is named before anything else is asked. */
  async function describe(chosen: File) {
    try {
      const { describeBackup } = await import('../../data/commands/backup');
      const { createdAt, sameBook } = describeBackup(db, new Uint8Array(await chosen.arrayBuffer()));
      const date = formatDateTime(tr.lang, createdAt);
      setAbout(tr(sameBook ? 'ui.backup.fileSameBook' : 'ui.backup.fileOtherBook', { date }));
    } catch (e) {
      setError(errorMessage(tr, e));
    }
  }

  // Busy while it waits for another tab too; only its own work (`working`) keeps it open.
  const busy = progress !== null;
  return (
    <Dialog title={tr('ui.backup.restore')} onCancel={() => !working && onClose()}>
      <form className="stack" onSubmit={onSubmit} noValidate aria-busy={busy}>
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
            disabled={busy}
            data-autofocus=""
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setError(null);
              setAbout(null);
              if (chosen) void describe(chosen);
            }}
          />
          <p id={`${id}-file-hint`} className="hint">
            {about ?? tr('ui.backup.fileHint')}
          </p>
        </div>
        <TextField
          label={tr('ui.backup.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          type="password"
          disabled={busy}
        />
        <TextField
          label={tr('ui.backup.restoreComment')}
          value={comment}
          onChange={setComment}
          hint={tr('ui.backup.restoreCommentHint')}
          disabled={busy}
        />
        <BackupProgress progress={progress} />
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="danger" disabled={busy} aria-describedby={`${id}-warning`}>
            {tr('ui.backup.restoreButton')}
          </button>
          <button type="button" onClick={onClose} disabled={working} ref={cancelButton}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
