/** "Sicherung erstellen": a passphrase (twice, at least 8 characters), progress, then a real download. */
import { useState } from 'react';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { refuse, useSubmit } from '../components/useSubmit';
import { BackupProgress, downloadBytes, useBackupProgress } from './backupShared';

const MIN_LENGTH = 8;

export function CreateBackupDialog({ onClose }: { onClose: (done?: string) => void }) {
  const tr = useT();
  const session = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const { progress, working, cancelButton, withProgress } = useBackupProgress();
  const { error, onSubmit } = useSubmit(async () => {
    if (passphrase.length < MIN_LENGTH) refuse(tr('error.backupPassphrase'));
    if (passphrase !== repeat) refuse(tr('ui.backup.mismatch'));
    const { file, name } = await withProgress(tr('ui.backup.creating'), async () => {
      // Loaded on demand: backup.ts brings zod, which stays out of the start bundle.
      const { createBackup, backupFileName } = await import('../../data/commands/backup');
      return { file: await createBackup(db, session, passphrase), name: backupFileName() };
    });
    downloadBytes(file, name);
    onClose(tr('ui.backup.created', { file: name }));
  });

  // Busy while it waits for another tab too; only its own work (`working`) keeps it open.
  const busy = progress !== null;
  return (
    <Dialog title={tr('ui.backup.create')} onCancel={() => !working && onClose()}>
      <form className="stack" onSubmit={onSubmit} noValidate aria-busy={busy}>
        <p>{tr('ui.backup.why')}</p>
        <TextField
          label={tr('ui.backup.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          disabled={busy}
          autoFocus
          hint={tr('ui.backup.passphraseHint')}
        />
        <TextField
          label={tr('ui.backup.repeat')}
          value={repeat}
          onChange={setRepeat}
          type="password"
          autoComplete="new-password"
          disabled={busy}
          hint={tr('ui.backup.repeatHint')}
        />
        <BackupProgress progress={progress} />
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {tr('ui.backup.download')}
          </button>
          <button type="button" onClick={() => onClose()} disabled={working} ref={cancelButton}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
