/**
 * Rights-of-data-subject actions on one person (Auskunft, exports, consent, business
 * transaction). Other engineers wire them; until then each is disabled and says why.
 */
import type { StoredPerson } from '../../data/db';
import { useT } from '../i18n';

const ACTIONS = ['accessReport', 'exportJson', 'exportVcard', 'recordConsent', 'newTransaction'] as const;

export function PersonActions({ person }: { person: StoredPerson }) {
  const tr = useT();
  const noteId = `person-actions-note-${person.id}`;
  return (
    <section className="person-actions" aria-labelledby="person-actions-title">
      <h2 id="person-actions-title">{tr('ui.person.actionsTitle')}</h2>
      <div className="actions">
        {ACTIONS.map((a) => (
          <button key={a} type="button" disabled aria-describedby={noteId} title={tr('ui.person.actionFollows')}>
            {tr(`ui.person.action.${a}`)}
          </button>
        ))}
      </div>
      <p id={noteId} className="muted">
        {tr('ui.person.actionFollows')}
      </p>
    </section>
  );
}
