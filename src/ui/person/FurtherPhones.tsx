/** The person form's further phone numbers: add, edit, remove, each validated like the main one. */
import type { FieldProblem } from '../../domain/validation';
import { useT } from '../i18n';
import { TextInput } from './fields';

interface FurtherPhonesProps {
  phones: string[];
  onChange: (phones: string[]) => void;
  problemFor: (i: number) => FieldProblem | undefined;
  onBlur: (i: number) => void;
}

export function FurtherPhones({ phones, onChange, problemFor, onBlur }: FurtherPhonesProps) {
  const tr = useT();
  return (
    <div className="further-phones">
      {phones.map((phone, i) => (
        <div className="row-inline" key={i}>
          <TextInput
            label={tr('ui.person.furtherPhone', { n: i + 1 })}
            type="tel"
            value={phone}
            onChange={(v) => onChange(phones.map((p, j) => (j === i ? v : p)))}
            onBlur={() => onBlur(i)}
            problem={problemFor(i)}
          />
          <button type="button" className="link-button" onClick={() => onChange(phones.filter((_, j) => j !== i))}>
            {tr('ui.person.removePhone', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...phones, ''])}>
        {tr('ui.person.addPhone')}
      </button>
    </div>
  );
}
