/**
 * A purpose's legitimate interest (Art. 6(1)(f)): the field asked for in the purpose forms while
 * the basis is f (required there; the data layer refuses one on f without it), and the line in the
 * purposes list that states it — or marks one stored before the field existed as not yet stated.
 */
import { PURPOSE_INTEREST_MAX, statedInterest, type Purpose } from '../../domain/purpose';
import { useT } from '../i18n';

interface FieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The dialog's first focus (Dialog.tsx looks for data-autofocus). */
  autoFocus?: boolean;
}

export function InterestField({ id, value, onChange, autoFocus }: FieldProps) {
  const tr = useT();
  return (
    <div className="field whole-row">
      <label htmlFor={id}>{tr('ui.purposes.interest')}</label>
      <textarea
        id={id}
        rows={3}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        aria-required="true"
        maxLength={PURPOSE_INTEREST_MAX}
        aria-describedby={`${id}-hint`}
        data-autofocus={autoFocus ? '' : undefined}
      />
      <p id={`${id}-hint`} className="hint">
        {tr('ui.purposes.interestHint')}
      </p>
    </div>
  );
}

/** A purpose on basis f: its interest, or the mark that it is still to be stated; nothing for another basis. */
export function InterestLine({ purpose }: { purpose: Purpose }) {
  const tr = useT();
  if (purpose.lawfulBasis !== 'f') return null;
  const interest = statedInterest(purpose);
  return interest ? (
    <span className="purpose-interest">{tr('ui.purposes.interestValue', { interest })}</span>
  ) : (
    <span className="warning purpose-interest">{tr('ui.purposes.interestMissing')}</span>
  );
}
