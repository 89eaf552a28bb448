/**
 * The foot of a form that stays on screen after it is sent (a settings section): its submit button,
 * with any further buttons beside it, then the problem (role=alert) and the outcome (role=status,
 * e.g. "Gespeichert."). A dialog's foot is DialogForm's.
 */
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import type { AlertMessage } from '../i18n';
import { showConfirmation } from '../showConfirmation';

interface FormOutcomeProps {
  error: AlertMessage | null | undefined;
  status: string | null | undefined;
  /** Scrolls the status into view as it shows: for a form at the foot of a long list. */
  revealStatus?: boolean;
}

interface FormFooterProps extends FormOutcomeProps {
  submitLabel: string;
  disabled?: boolean;
  primary?: boolean;
  /** Further buttons beside the submit button (e.g. Abbrechen). */
  children?: ReactNode;
}

export function FormFooter({ submitLabel, disabled, primary, children, ...outcome }: FormFooterProps) {
  return (
    <>
      <div className="actions">
        <button type="submit" className={primary ? 'primary' : undefined} disabled={disabled}>
          {submitLabel}
        </button>
        {children}
      </div>
      <FormOutcome {...outcome} />
    </>
  );
}

/** The problem and the outcome alone: for a form whose button sits in a row beside its field. */
export function FormOutcome({ error, status, revealStatus }: FormOutcomeProps) {
  return (
    <>
      <ErrorAlert message={error} />
      {status && (
        <p role="status" ref={revealStatus ? showConfirmation : undefined}>
          {status}
        </p>
      )}
    </>
  );
}
