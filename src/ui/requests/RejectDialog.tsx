/** Ablehnen (Art. 12(4)): a refused request states the reason the person is told. */
import { useId, useState } from 'react';
import type { DataSubjectRequest } from '../../domain/requests';
import { DialogForm } from '../components/DialogForm';
import { useT } from '../i18n';
import { refuse, useSubmit } from '../components/useSubmit';
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
  // Refused or failed: said here, the reason kept for another try.
  const { error, busy, submit } = useSubmit(async () => {
    if (!reason.trim()) refuse(tr('error.rejectionReason'));
    await onConfirm(reason.trim());
  });

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
