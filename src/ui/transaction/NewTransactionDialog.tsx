/**
 * "Neuer Vorgang": a business transaction (Kalkulation, Auftrag, Servicecall, Bestelleingang,
 * Kontakt) with date, title, linked persons (this one preselected, others found by a small
 * search) and an optional attachment, checked when chosen.
 */
import { useDeferredValue, useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { displayName } from '../../domain/person';
import { MAX_EVIDENCE_BYTES } from '../../domain/evidenceFile';
import type { TransactionKind } from '../../domain/transaction';
import { addTransaction } from '../../data/commands/transactions';
import { readPersons } from '../../data/queries/persons';
import { searchPersonIds } from '../../data/queries/directory';
import type { StoredPerson } from '../../data/db';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { TransactionFields } from './TransactionFields';
import { refuse, useSubmit } from '../components/useSubmit';
import { EvidenceInput, NO_EVIDENCE, type EvidenceState } from '../consent/EvidenceInput';
import { localDate } from '../../domain/calendar';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import '../consent/consent.css';

const HITS = 8;

interface Props {
  person: StoredPerson;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** What the idle lock keeps of a new transaction. */
interface TransactionDraft {
  kind: TransactionKind;
  date: string;
  title: string;
  linked: { id: string; name: string }[];
  query: string;
}

export function NewTransactionDialog({ person, onDone, onCancel }: Props) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  // The attachment is chosen again after a restore (a file is not kept).
  const kept = useFormDraft<TransactionDraft>(DRAFT.transaction, person.id);
  const [kind, setKind] = useState<TransactionKind>(kept.restored?.kind ?? 'contact');
  const [date, setDate] = useState(kept.restored?.date ?? localDate());
  const [title, setTitle] = useState(kept.restored?.title ?? '');
  const [linked, setLinked] = useState(kept.restored?.linked ?? [{ id: person.id, name: displayName(person) }]);
  const [query, setQuery] = useState(kept.restored?.query ?? '');
  const deferred = useDeferredValue(query);
  const [attachment, setAttachment] = useState<EvidenceState>(NO_EVIDENCE);

  const hits = useLiveQuery(async () => {
    if (!deferred.trim()) return [];
    const { ids } = await searchPersonIds(db, deferred);
    const wanted = ids.filter((x) => !linked.some((l) => l.id === x)).slice(0, HITS);
    return readPersons(db, wanted);
  }, [deferred, linked]);

  const { error, busy, submit } = useSubmit(async () => {
    if (attachment.busy) return;
    if (attachment.problem) refuse(attachment.problem);
    await addTransaction(db, session, {
      kind,
      date,
      title,
      personIds: linked.map((l) => l.id),
      attachment: attachment.file ?? undefined,
    });
    onDone(tr('ui.transaction.saved'));
  });

  return (
    <DialogForm
      title={tr('ui.person.action.newTransaction')}
      submitLabel={tr('ui.transaction.save')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy || attachment.busy}
      error={error}
      draft={kept.draft(`${tr('ui.person.action.newTransaction')}: ${displayName(person)}`, {
        kind,
        date,
        title,
        linked,
        query,
      })}
    >
      <TransactionFields kind={kind} date={date} title={title} onKind={setKind} onDate={setDate} onTitle={setTitle} />
      <fieldset className="plain">
        <legend>{tr('ui.transaction.persons')}</legend>
        <ul className="tx-persons">
          {linked.map((l) => (
            <li key={l.id}>
              <span>{l.name}</span>
              {linked.length > 1 && (
                <button
                  type="button"
                  aria-label={tr('ui.transaction.removePerson', { name: l.name })}
                  title={tr('ui.transaction.removePerson', { name: l.name })}
                  onClick={() => setLinked((ls) => ls.filter((x) => x.id !== l.id))}
                >
                  ✕
                </button>
              )}
            </li>
          ))}
        </ul>
        <div className="field" style={{ marginTop: '0.5rem' }}>
          <label htmlFor={`${id}-search`}>{tr('ui.transaction.search')}</label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            placeholder={tr('ui.person.searchPlaceholder')}
          />
        </div>
        {deferred.trim() && hits && (
          <ul className="tx-hits" aria-label={tr('ui.transaction.search')}>
            {hits.length === 0 && (
              <li className="muted" style={{ padding: '0.5rem 0.75rem' }}>
                {tr('ui.transaction.noHits')}
              </li>
            )}
            {hits.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  onClick={() => {
                    setLinked((ls) => [...ls, { id: p.id, name: displayName(p) }]);
                    setQuery('');
                  }}
                >
                  {tr('ui.transaction.addPerson', { name: displayName(p) })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <EvidenceInput
        label={tr('ui.transaction.attachment')}
        hint={tr('ui.transaction.attachmentHint', { maxMb: MAX_EVIDENCE_BYTES / 1024 / 1024 })}
        state={attachment}
        onChange={setAttachment}
      />
    </DialogForm>
  );
}
