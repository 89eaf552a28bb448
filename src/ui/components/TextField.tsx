/** A labelled text, passphrase, address or date input with an optional hint below, the hint read with it (aria-describedby). */
import { useId } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'url' | 'date';
  /** Staff credentials may go to a password manager; nothing else is remembered. */
  autoComplete: 'username' | 'current-password' | 'new-password' | 'off';
  required?: boolean;
  hint?: string;
  disabled?: boolean;
  minLength?: number;
  /** The dialog's first focus (Dialog.tsx looks for data-autofocus). */
  autoFocus?: boolean;
  /** Given where a test or a label elsewhere names the input; otherwise one of React's. */
  id?: string;
}

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  required,
  hint,
  disabled,
  minLength,
  autoFocus,
  id: given,
}: TextFieldProps) {
  const made = useId();
  const id = given ?? made;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required={required}
        aria-required={required ? 'true' : undefined}
        minLength={minLength}
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
