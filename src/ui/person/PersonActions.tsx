/**
 * Actions on one person: the rights of the data subject (Auskunft, exports) and the records that
 * prove a reason to hold them (consent, business transaction).
 */
import type { StoredPerson } from '../../data/db';
import { useT } from '../i18n';
import { RightsActions } from './RightsActions';
import { RecordActions } from './RecordActions';
import { InformationPanel } from './InformationPanel';

export function PersonActions({ person }: { person: StoredPerson }) {
  const tr = useT();
  return (
    <section className="person-actions" aria-labelledby="person-actions-title">
      <h2 id="person-actions-title">{tr('ui.person.actionsTitle')}</h2>
      <RightsActions person={person} />
      <RecordActions person={person} />
      <InformationPanel person={person} />
    </section>
  );
}
