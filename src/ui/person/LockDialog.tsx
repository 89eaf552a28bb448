/** Sperren asks for the reason of the restriction (Art. 18); Entsperren for why it is lifted. Both are logged. */
import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n';
import { refuse, useSubmit } from '../components/useSubmit';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface LockDialogProps {
  mode: 'lock' | 'unlock';
  /** Instead of "Person sperren" (several persons locked at once). */
  title?: string;
  onConfirm: (text: string) => Promise<void>;
  onCancel: () => void;
  /** Keeps the input at the idle lock under this key (the opener opens it again in its `mode`). */
  draftKey?: string;
}

export function LockDialog({ mode, title, onConfirm, onCancel, draftKey }: LockDialogProps) {
  const tr = useT();
  const kept = useFormDraft<{ text: string; mode: 'lock' | 'unlock' }>(DRAFT.lock, draftKey ?? null);
  const [text, setText] = useState(kept.restored?.text ?? '');
  const heading = title ?? tr(mode === 'lock' ? 'ui.lock.title' : 'ui.unlock.title');
  // Refused or failed: said here, with the reason typed kept for another try.
  const {
    error: problem,
    busy,
    onSubmit,
  } = useSubmit(async () => {
    if (!text.trim()) refuse(tr(mode === 'lock' ? 'ui.lock.reasonRequired' : 'error.unlockReasonRequired'));
    await onConfirm(text.trim());
  });
  return (
    <Dialog title={heading} onCancel={onCancel} draft={kept.draft(heading, { text, mode })}>
      <form onSubmit={onSubmit} className="stack" noValidate>
        <p>{tr(mode === 'lock' ? 'ui.lock.intro' : 'ui.unlock.intro')}</p>
        <div className="field">
          <label htmlFor="lock-text">{tr(mode === 'lock' ? 'ui.lock.reason' : 'ui.reason.comment')}</label>
          <textarea
            autoComplete="off"
            id="lock-text"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            data-autofocus=""
          />
        </div>
        <ErrorAlert message={problem} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {tr(mode === 'lock' ? 'ui.person.lock' : 'ui.person.unlock')}
          </button>
          <button type="button" onClick={onCancel}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
