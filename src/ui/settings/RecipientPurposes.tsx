/**
 * Which purposes' data a recipient or processor receives: none ticked — every purpose (a host);
 * a tax adviser only the contracts'. The notice, the Verzeichnis and the Auskunft name the entry
 * only where its purposes' data is (domain/recipients.ts, bookRecipientsFor).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { listPurposes } from '../../data/queries/purposes';
import { CheckboxSet } from '../components/CheckboxSet';
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
    <CheckboxSet
      className="whole-row"
      legend={tr('ui.recipients.purposes')}
      hint={tr('ui.recipients.purposesHint')}
      options={shown.map((p) => ({ value: p.id, label: p.name }))}
      chosen={purposeIds}
      onChange={onChange}
    />
  );
}
