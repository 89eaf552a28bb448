/**
 * Informing the person (Art. 13/14) on their page: where it stands (informed when and how, or by
 * when), the notice as a letter (PDF) or as e-mail text, and "Information erfassen". Natural
 * persons only; recording needs "Personen bearbeiten" (the data layer refuses anyway).
 */
import { useState } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredPerson } from '../../data/db';
import { readController } from '../../data/queries/settings';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { useRights } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { localDate } from '../../domain/calendar';
import { hasPostalAddress } from '../../domain/address';
import { informationText } from './informationText';
import { reopen } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

const RecordInformationDialog = lazyWithMessages(() =>
  import('./InformationDialogs').then((m) => ({ default: m.RecordInformationDialog })),
);
const InformationEmailDialog = lazyWithMessages(() =>
  import('./InformationDialogs').then((m) => ({ default: m.InformationEmailDialog })),
);

export function InformationPanel({ person }: { person: StoredPerson }) {
  const tr = useT();
  const rights = useRights();
  const controller = useLiveQuery(() => readController(db), []);
  // A record dialog the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [open, setOpen] = useState<'record' | 'email' | null>(() => reopen(DRAFT.information, person.id, 'record'));
  const [status, setStatus] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  const [busy, setBusy] = useState(false);
  if (!person.natural) return null;
  const canRecord = rights.permissions.has('editPersons') && !person.lock;
  const noController = !!controller && !controller.name.trim();
  const noteId = `information-note-${person.id}`;
  // A letter without a postal address cannot be sent; printed, it may still be handed over in person.
  const noAddress = !hasPostalAddress(person);
  const addressId = `information-address-${person.id}`;

  async function letter() {
    setBusy(true);
    setError(null);
    try {
      const { downloadInformationLetter } = await import('./informationNoticeMaker');
      setStatus(tr('ui.information.letterIssued', { file: await downloadInformationLetter(person.id, tr.lang) }));
    } catch (e) {
      setError(errorMessage(tr, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="information-panel" aria-labelledby={`information-title-${person.id}`}>
      <h3 id={`information-title-${person.id}`}>{tr('ui.information.title')}</h3>
      <p>{informationText(tr, person.information, localDate())}</p>
      <div className="actions" aria-busy={busy}>
        <button
          type="button"
          disabled={noController}
          aria-describedby={noController ? noteId : noAddress ? addressId : undefined}
          onClick={() => void letter()}
        >
          {tr('ui.information.letter')}
        </button>
        <button
          type="button"
          disabled={noController}
          aria-describedby={noController ? noteId : undefined}
          onClick={() => setOpen('email')}
        >
          {tr('ui.information.email')}
        </button>
        <button type="button" disabled={!canRecord} onClick={() => setOpen('record')}>
          {tr('ui.information.record')}
        </button>
      </div>
      {noController && (
        <p id={noteId} className="hint">
          {tr('ui.information.noController')}
        </p>
      )}
      {!noController && noAddress && (
        <p id={addressId} className="hint">
          {tr('ui.information.noAddress')}
        </p>
      )}
      <p role="status" className="rights-status">
        {status}
      </p>
      <ErrorAlert message={error} />
      <LazyPart>
        {open === 'record' && (
          <RecordInformationDialog
            personId={person.id}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              setStatus(tr('ui.information.recorded'));
            }}
          />
        )}
        {open === 'email' && <InformationEmailDialog personId={person.id} onClose={() => setOpen(null)} />}
      </LazyPart>
    </section>
  );
}
