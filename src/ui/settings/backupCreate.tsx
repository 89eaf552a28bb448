/** "Sicherung erstellen": a passphrase (twice, at least 8 characters), progress, then a real download. */
import { useState, type SubmitEvent } from 'react';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { downloadBytes, useBackupWork } from './backupShared';

const MIN_LENGTH = 8;

export function CreateBackupDialog({ onClose }: { onClose: (done?: string) => void }) {
  const tr = useT();
  const session = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const { error, setError, progress, busy, run } = useBackupWork();

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (busy.current) return;
    if (passphrase.length < MIN_LENGTH) {
      setError(tr('error.backupPassphrase'));
      return;
    }
    if (passphrase !== repeat) {
      setError(tr('ui.backup.mismatch'));
      return;
    }
    await run(
      tr('ui.backup.creating'),
      async () => {
        // Loaded on demand: backup.ts brings zod, which stays out of the start bundle.
        const { createBackup, backupFileName } = await import('../../data/commands/backup');
        return { file: await createBackup(db, session, passphrase), name: backupFileName() };
      },
      ({ file, name }) => {
        downloadBytes(file, name);
        onClose(tr('ui.backup.created', { file: name }));
      },
    );
  }

  const working = progress !== null;
  return (
    <Dialog title={tr('ui.backup.create')} onCancel={() => !busy.current && onClose()}>
      <form className="stack" onSubmit={onSubmit} noValidate aria-busy={working}>
        <p>{tr('ui.backup.why')}</p>
        <TextField
          label={tr('ui.backup.passphrase')}
          value={passphrase}
          onChange={setPassphrase}
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          disabled={working}
          autoFocus
          hint={tr('ui.backup.passphraseHint')}
        />
        <TextField
          label={tr('ui.backup.repeat')}
          value={repeat}
          onChange={setRepeat}
          type="password"
          autoComplete="new-password"
          disabled={working}
          hint={tr('ui.backup.repeatHint')}
        />
        {working && (
          <div role="status" className="progress-status">
            <progress aria-label={progress} />
            <span>{progress}</span>
          </div>
        )}
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={working}>
            {tr('ui.backup.download')}
          </button>
          <button type="button" onClick={() => onClose()} disabled={working}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
