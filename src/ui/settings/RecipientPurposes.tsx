/**
 * Which purposes' data a recipient or processor receives: none ticked — every purpose (a host);
 * a tax adviser only the contracts'. The notice, the Verzeichnis and the Auskunft name the entry
 * only where its purposes' data is (domain/recipients.ts, bookRecipientsFor).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { listPurposes } from '../../data/queries/purposes';
import { CheckboxField } from '../components/CheckboxField';
import { db } from '../db';
import { useT } from '../i18n';

interface RecipientPurposesProps {
  purposeIds: readonly string[];
  onChange: (purposeIds: string[]) => void;
}

export function RecipientPurposes({ purposeIds, onChange }: RecipientPurposesProps) {
  const tr = useT();
  const purposes = useLiveQuery(() => listPurposes(db), [], []);
  // An inactive purpose stays shown while the entry names it: unticking it is a change the user makes.
  const shown = purposes.filter((p) => p.active || purposeIds.includes(p.id));
  return (
    <fieldset className="plain whole-row" aria-describedby="recipient-purposes-hint">
      <legend>{tr('ui.recipients.purposes')}</legend>
      <p id="recipient-purposes-hint" className="hint">
        {tr('ui.recipients.purposesHint')}
      </p>
      <div className="checkbox-grid">
        {shown.map((p) => (
          <CheckboxField
            key={p.id}
            label={p.name}
            checked={purposeIds.includes(p.id)}
            onChange={(on) => onChange(on ? [...purposeIds, p.id] : purposeIds.filter((id) => id !== p.id))}
          />
        ))}
      </div>
    </fieldset>
  );
}
