/** Ablehnen (Art. 12(4)): a refused request states the reason the person is told. */
import { useId, useState } from 'react';
import type { DataSubjectRequest } from '../../domain/requests';
import { DialogForm } from '../components/DialogForm';
import { errorText, useT } from '../i18n';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface Props {
  request: DataSubjectRequest;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}

export function RejectDialog({ request, onCancel, onConfirm }: Props) {
  const tr = useT();
  const id = useId();
  const kept = useFormDraft<{ reason: string }>(DRAFT.rejectRequest, request.id);
  const [reason, setReason] = useState(kept.restored?.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!reason.trim()) {
      setError(tr('error.rejectionReason'));
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      // Refused or failed: said here, the reason kept for another try.
      setError(errorText(tr, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <DialogForm
      title={tr('ui.requests.rejectTitle')}
      submitLabel={tr('ui.requests.rejectConfirm')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(tr('ui.requests.rejectTitle'), { reason })}
    >
      <div className="field">
        <label htmlFor={`${id}-reason`}>{tr('ui.requests.rejectReason')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-reason`}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          data-autofocus=""
        />
      </div>
    </DialogForm>
  );
}
