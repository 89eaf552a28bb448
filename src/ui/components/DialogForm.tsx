/**
 * The common shape of a dialog that asks for input: a form whose submit runs the command, the
 * error in role=alert, then the primary button and Abbrechen. Busy disables the primary button.
 * A refusal goes once the user changes an input (it spoke of what they have just mended); the
 * next submit says again what is still wrong.
 */
import { useState, type ReactNode } from 'react';
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
  const [mended, setMended] = useState<AlertMessage | null>(null);
  const shown = error && error !== mended ? error : null;
  return (
    <Dialog title={title} onCancel={onCancel} draft={draft}>
      {/* No control of a dialog feeds the browser's autofill or form restore (each also says so). */}
      <form
        className="stack"
        noValidate
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          setMended(null);
          void onSubmit();
        }}
        onInput={() => setMended(error ?? null)}
      >
        {children}
        <ErrorAlert message={shown} />
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
