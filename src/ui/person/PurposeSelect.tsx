/** The Verwendungszweck combobox: active purposes, plus the current one even if deactivated meanwhile. */
import { useId } from 'react';
import type { Purpose } from '../../domain/purpose';
import { useT } from '../i18n';

interface PurposeSelectProps {
  purposes: readonly Purpose[];
  value: string;
  onChange: (purposeId: string) => void;
  autoFocus?: boolean;
  disabled?: boolean;
  /** The purposes are still being read: the stored one is shown as loading, not as "no purpose". */
  loading?: boolean;
}

export function PurposeSelect({ purposes, value, onChange, autoFocus, disabled, loading }: PurposeSelectProps) {
  const tr = useT();
  const id = useId();
  const offered = purposes.filter((p) => p.active || p.id === value);
  const pending = loading && value !== '';
  return (
    <div className="field">
      <label htmlFor={id}>{tr('field.purposeId')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-autofocus={autoFocus ? '' : undefined}
        disabled={disabled || pending}
        aria-busy={pending || undefined}
      >
        <option value="">{tr('ui.purpose.none')}</option>
        {pending && <option value={value}>{tr('ui.purpose.loading')}</option>}
        {offered.map((p) => (
          <option key={p.id} value={p.id}>
            {/* The bare name as label: tests and users pick a purpose by its name. */}
            {p.active ? p.name : `${p.name} – ${tr('ui.purpose.inactive')}`}
          </option>
        ))}
      </select>
    </div>
  );
}
