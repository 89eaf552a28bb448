/**
 * Labelled inputs of the person form: label, aria-invalid, aria-describedby and the message next to the field.
 * Always autocomplete="off": personal data must not go into the browser's autofill database or its
 * session restore (tests/browser/profileTraces.test.ts) — so no caller can ask for a token.
 */
import { useId, type ReactNode } from 'react';
import type { FieldProblem } from '../../domain/validation';
import { useT } from '../i18n';

interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  problem?: FieldProblem;
  type?: 'text' | 'email' | 'tel';
  multiline?: boolean;
  /** Extra content below the input (a warning), referenced by aria-describedby. */
  note?: ReactNode;
  /** A control beside the input (SalutationInput's choice). */
  beside?: ReactNode;
  className?: string;
}

export function TextInput({
  label,
  value,
  onChange,
  onBlur,
  problem,
  type = 'text',
  multiline,
  note,
  beside,
  className,
}: TextInputProps) {
  const tr = useT();
  const id = useId();
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  const describedBy = [problem ? errorId : '', note ? noteId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    onBlur,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy,
    autoComplete: 'off',
  };
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : beside ? (
        <div className="with-choice">
          <input {...common} type={type} onChange={(e) => onChange(e.target.value)} />
          {beside}
        </div>
      ) : (
        <input {...common} type={type} onChange={(e) => onChange(e.target.value)} />
      )}
      {problem && (
        <p className="field-error" role="alert" id={errorId}>
          {tr(problem.messageKey, problem.params)}
        </p>
      )}
      {note && <div id={noteId}>{note}</div>}
    </div>
  );
}

interface SelectProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  describedBy?: string;
}

export function Select({ label, value, onChange, options, describedBy }: SelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
