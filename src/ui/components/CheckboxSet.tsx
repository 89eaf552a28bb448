/**
 * A set of values chosen by ticking their labels: a fieldset with its legend and hint over a grid
 * of checkboxes (a user's permissions and groups, a recipient's purposes).
 */
import { useId } from 'react';
import { CheckboxField } from './CheckboxField';

interface CheckboxSetProps<T extends string> {
  legend: string;
  hint?: string;
  options: readonly { value: T; label: string }[];
  chosen: readonly T[];
  onChange: (chosen: T[]) => void;
  /** Further classes of the fieldset (`whole-row` in a grid of fields). */
  className?: string;
}

export function CheckboxSet<T extends string>({
  legend,
  hint,
  options,
  chosen,
  onChange,
  className,
}: CheckboxSetProps<T>) {
  const id = useId();
  return (
    <fieldset
      className={['plain', className].filter(Boolean).join(' ')}
      aria-describedby={hint ? `${id}-hint` : undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <div className="checkbox-grid">
        {options.map((o) => (
          <CheckboxField
            key={o.value}
            label={o.label}
            checked={chosen.includes(o.value)}
            onChange={(on) => onChange(on ? [...chosen, o.value] : chosen.filter((v) => v !== o.value))}
          />
        ))}
      </div>
    </fieldset>
  );
}
