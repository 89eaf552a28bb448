/**
 * A labelled text, passphrase, address, date or whole-number input with an optional hint below, the
 * hint read with it (aria-describedby).
 */
import { useId } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** wholeNumber: 0, 1, 2 … (a number input with the numeric keyboard). */
  type?: 'text' | 'password' | 'url' | 'date' | 'wholeNumber';
  /** Staff credentials may go to a password manager; nothing else is remembered (the default). */
  autoComplete?: 'username' | 'current-password' | 'new-password' | 'off';
  required?: boolean;
  hint?: string;
  disabled?: boolean;
  minLength?: number;
  maxLength?: number;
  /** The dialog's first focus (Dialog.tsx looks for data-autofocus). */
  autoFocus?: boolean;
}

const WHOLE_NUMBER = { type: 'number', inputMode: 'numeric', min: 0, step: 1 } as const;

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  autoComplete = 'off',
  required,
  hint,
  disabled,
  minLength,
  maxLength,
  autoFocus,
}: TextFieldProps) {
  // Its own id: nothing outside names the input (tests and users find it by its label).
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...(type === 'wholeNumber' ? WHOLE_NUMBER : { type })}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required={required}
        aria-required={required ? 'true' : undefined}
        minLength={minLength}
        maxLength={maxLength}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-autofocus={autoFocus ? '' : undefined}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
