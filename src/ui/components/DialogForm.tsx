/**
 * The common shape of a dialog that asks for input: a form whose submit runs the command, the
 * error in role=alert, then the primary button and Abbrechen. Busy disables the primary button.
 */
import type { ReactNode } from 'react';
import { Dialog, type DialogProps } from './Dialog';
import { ErrorAlert } from './ErrorAlert';
import { useT, type AlertMessage } from '../i18n';

interface DialogFormProps {
  title: string;
  submitLabel: string;
  /** The second button's name; Abbrechen when not given. */
  cancelLabel?: string;
  onSubmit: () => void | Promise<void>;
  onCancel: () => void;
  busy?: boolean;
  error?: AlertMessage | null;
  draft?: DialogProps['draft'];
  children: ReactNode;
}

export function DialogForm({
  title,
  submitLabel,
  cancelLabel,
  onSubmit,
  onCancel,
  busy = false,
  error,
  draft,
  children,
}: DialogFormProps) {
  const tr = useT();
  return (
    <Dialog title={title} onCancel={onCancel} draft={draft}>
      {/* No control of a dialog feeds the browser's autofill or form restore (each also says so). */}
      <form
        className="stack"
        noValidate
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        {children}
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {submitLabel}
          </button>
          <button type="button" onClick={onCancel}>
            {cancelLabel ?? tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
