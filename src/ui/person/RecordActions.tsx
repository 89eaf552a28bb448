/** Consent and business transactions: the records that prove a reason to hold a person. Not wired yet: each button is disabled and says why. */
import type { StoredPerson } from '../../data/db';
import { useT } from '../i18n';

const ACTIONS = ['recordConsent','newTransaction'] as const;

export function RecordActions({ person }: { person: StoredPerson }) {
  const tr = useT();
  const noteId = `RecordActions-note-${person.id}`;
  return (
    <div className="actions">
      {ACTIONS.map((a) => (
        <button key={a} type="button" disabled aria-describedby={noteId} title={tr('ui.person.actionFollows')}>
          {tr(`ui.person.action.${a}`)}
        </button>
      ))}
      <span id={noteId} className="muted">
        {tr('ui.person.actionFollows')}
      </span>
    </div>
  );
}
