/**
 * Consent and business transactions: the records that prove a reason to hold a person.
 * "Einwilligung erfassen" and "Neuer Vorgang" open their dialogs; on a locked person (or without
 * "Personen bearbeiten") both are disabled and say why — the data layer refuses anyway.
 */
import { useState } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import type { StoredPerson } from '../../data/db';
import { useT } from '../i18n';
import { useRecordBlock } from '../consent/useRecordBlock';
import { reopen } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

// The dialogs load when first opened: the start bundle stays within its budget.
const RecordConsentDialog = lazyWithMessages(() =>
  import('../consent/RecordConsentDialog').then((m) => ({ default: m.RecordConsentDialog })),
);
const NewTransactionDialog = lazyWithMessages(() =>
  import('../transaction/NewTransactionDialog').then((m) => ({ default: m.NewTransactionDialog })),
);

const ACTIONS = [
  ['consent', 'ui.person.action.recordConsent'],
  ['transaction', 'ui.person.action.newTransaction'],
] as const;

export function RecordActions({ person }: { person: StoredPerson }) {
  const tr = useT();
  // Confirmed beside the buttons it was made with: the form's bar (where a save of the form is
  // confirmed) is out of view down here on a phone, so a saved consent looked like nothing happened.
  const [status, setStatus] = useState('');
  const blocked = useRecordBlock(person);
  // A dialog the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [open, setOpen] = useState<'consent' | 'transaction' | null>(
    () => reopen(DRAFT.consent, person.id, 'consent' as const) ?? reopen(DRAFT.transaction, person.id, 'transaction'),
  );
  const noteId = `RecordActions-note-${person.id}`;
  const done = (message: string) => {
    setOpen(null);
    setStatus(message);
  };
  const opening = (which: 'consent' | 'transaction') => () => {
    setStatus('');
    setOpen(which);
  };
  return (
    <div className="record-actions">
      <div className="actions">
        {ACTIONS.map(([which, label]) => (
          <button
            key={which}
            type="button"
            onClick={opening(which)}
            disabled={!!blocked}
            aria-describedby={blocked ? noteId : undefined}
          >
            {tr(label)}
          </button>
        ))}
        {blocked && (
          <span id={noteId} className="muted">
            {blocked}
          </span>
        )}
      </div>
      <p role="status" className="rights-status">
        {status}
      </p>
      <LazyPart>
        {open === 'consent' && <RecordConsentDialog person={person} onDone={done} onCancel={() => setOpen(null)} />}
        {open === 'transaction' && (
          <NewTransactionDialog person={person} onDone={done} onCancel={() => setOpen(null)} />
        )}
      </LazyPart>
    </div>
  );
}
