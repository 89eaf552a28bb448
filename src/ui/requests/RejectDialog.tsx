/** Ablehnen (Art. 12(4)): a refused request states the reason the person is told. */
import { useId, useState, type FormEvent } from 'react';
import type { DataSubjectRequest } from '../../domain/requests';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n';

interface Props {
  request: DataSubjectRequest;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}

export function RejectDialog({ onCancel, onConfirm }: Props) {
  const tr = useT();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(tr('error.rejectionReason'));
    setBusy(true);
    await onConfirm(reason.trim());
    setBusy(false);
  }

  return (
    <Dialog title={tr('ui.requests.rejectTitle')} onCancel={onCancel}>
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{tr('ui.requests.rejectReason')}</label>
          <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required data-autofocus="" />
        </div>
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {tr('ui.requests.rejectConfirm')}
          </button>
          <button type="button" onClick={onCancel}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
