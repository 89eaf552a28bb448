/** A checkbox with its label after it and an optional hint below, the hint read with it (aria-describedby). */
import { useId } from 'react';

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
  /** The dialog's first focus (Dialog.tsx looks for data-autofocus). */
  autoFocus?: boolean;
}

export function CheckboxField({ label, checked, onChange, hint, disabled, autoFocus }: CheckboxFieldProps) {
  // Its own id: nothing outside names the box (tests and users find it by its label).
  const id = useId();
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-autofocus={autoFocus ? '' : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
