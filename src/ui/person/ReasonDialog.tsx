/**
 * "Änderung begründen": the changed watched fields by label, a purpose (prefilled from the
 * person) and a required comment. Asked BEFORE any transaction opens; cancel stores nothing.
 */
import { useState } from 'react';
import type { Purpose } from '../../domain/purpose';
import type { ChangeReason } from '../../data/core/context';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldLabel, useT } from '../i18n';
import { refuse, useSubmit } from '../components/useSubmit';
import { PurposeSelect } from './PurposeSelect';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface ReasonDialogProps {
  title: string;
  fieldKeys: readonly string[];
  purposes: readonly Purpose[];
  defaultPurposeId: string;
  confirmLabel: string;
  /**
   * 'optional' when only the purpose changed (the comment is the reason, the new purpose is
   * logged); 'none' for a deletion, which no purpose justifies.
   */
  purposeMode?: 'required' | 'optional' | 'none';
  /** Resolves when done; a rejection is shown in the dialog, which keeps what was typed. */
  onConfirm: (reason: ChangeReason) => Promise<void>;
  onCancel: () => void;
  /** Keeps the input at the idle lock under this key (the opener opens it again: `ReasonDraft`). */
  draftKey?: string;
  children?: React.ReactNode;
}

/** What the idle lock keeps of the reason dialog, with the changed fields it was opened for. */
export interface ReasonDraft {
  purposeId: string;
  comment: string;
  fieldKeys: readonly string[];
}

export function ReasonDialog({
  title,
  fieldKeys,
  purposes,
  defaultPurposeId,
  confirmLabel,
  purposeMode = 'required',
  onConfirm,
  onCancel,
  draftKey,
  children,
}: ReasonDialogProps) {
  const tr = useT();
  const kept = useFormDraft<ReasonDraft>(DRAFT.reason, draftKey ?? null);
  const [purposeId, setPurposeId] = useState(kept.restored?.purposeId ?? defaultPurposeId);
  const [comment, setComment] = useState(kept.restored?.comment ?? '');
  // Refused or failed: said here, with everything typed kept for another try.
  const {
    error: problem,
    busy,
    onSubmit,
  } = useSubmit(async () => {
    if (purposeMode === 'required' && !purposeId) refuse(tr('ui.reason.purposeRequired'));
    if (!comment.trim()) refuse(tr('ui.reason.commentRequired'));
    await onConfirm({ purposeId: purposeMode === 'none' ? '' : purposeId, comment: comment.trim() });
  });

  return (
    <Dialog title={title} onCancel={onCancel} draft={kept.draft(title, { purposeId, comment, fieldKeys })}>
      <form onSubmit={onSubmit} className="stack" noValidate>
        {fieldKeys.length > 0 && (
          <>
            <p id="changed-fields-label">{tr('ui.reason.changedFields')}</p>
            <ul className="changed-fields" aria-labelledby="changed-fields-label">
              {fieldKeys.map((k) => (
                <li key={k}>{fieldLabel(tr, k)}</li>
              ))}
            </ul>
          </>
        )}
        {children}
        {purposeMode !== 'none' && (
          <PurposeSelect purposes={purposes} value={purposeId} onChange={setPurposeId} autoFocus />
        )}
        <div className="field">
          <label htmlFor="reason-comment">{tr('ui.reason.comment')}</label>
          <textarea
            autoComplete="off"
            id="reason-comment"
            rows={3}
            autoFocus={purposeMode === 'none'}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            // Enter confirms the dialog as in any one-line field; Shift+Enter starts a new line.
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }}
            required
            aria-required="true"
          />
        </div>
        <ErrorAlert message={problem} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" onClick={onCancel}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
