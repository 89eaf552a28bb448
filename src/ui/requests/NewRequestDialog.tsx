/**
 * Neue Anfrage: which person (found by name) — or someone not in the book, by name and where the
 * answer goes (an access request answered "no data held" has its deadline too) —, which right,
 * when it was received, a note. The due date is shown before saving: one month after receipt
 * (Art. 12(3)).
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { displayName } from '../../domain/person';
import { REQUEST_KINDS, requestDueDate, type DataSubjectRequest, type RequestKind } from '../../domain/requests';
import { createRequest } from '../../data/commands/requests';
import { readPerson, readPersons } from '../../data/queries/persons';
import { searchPersonIds } from '../../data/queries/directory';
import type { StoredPerson } from '../../data/db';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useLang, useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { useSubmit } from '../components/useSubmit';
import { FieldError } from '../components/ErrorAlert';
import { localDate } from '../../domain/calendar';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

const MAX_HITS = 8;

interface Props {
  preselectedPersonId: string | null;
  onCancel: () => void;
  onCreated: (request: DataSubjectRequest, personName: string) => void;
}

export function NewRequestDialog({ preselectedPersonId, onCancel, onCreated }: Props) {
  const tr = useT();
  const lang = useLang();
  const session = useSession();
  const id = useId();
  const kept = useFormDraft<{
    query: string;
    personId: string | null;
    outside?: boolean;
    requesterName?: string;
    requesterContact?: string;
    kind: RequestKind;
    receivedAt: string;
    note: string;
  }>(DRAFT.request, '');
  const [query, setQuery] = useState(kept.restored?.query ?? '');
  const [personId, setPersonId] = useState<string | null>(kept.restored?.personId ?? preselectedPersonId);
  // Someone not in the book: named here, not chosen.
  const [outside, setOutside] = useState(kept.restored?.outside ?? false);
  const [requesterName, setRequesterName] = useState(kept.restored?.requesterName ?? '');
  const [requesterContact, setRequesterContact] = useState(kept.restored?.requesterContact ?? '');
  const [kind, setKind] = useState<RequestKind>(kept.restored?.kind ?? 'access');
  const [receivedAt, setReceivedAt] = useState(kept.restored?.receivedAt ?? localDate());
  const [note, setNote] = useState(kept.restored?.note ?? '');
  // Every problem of the input at once, each at its field.
  const [problems, setProblems] = useState<{ person?: string; date?: string }>({});

  const selected = useLiveQuery(async () => (personId ? readPerson(db, personId) : null), [personId]);
  const hits = useLiveQuery(async (): Promise<{ persons: StoredPerson[]; more: boolean }> => {
    if (!query.trim()) return { persons: [], more: false };
    const { ids } = await searchPersonIds(db, query);
    const persons = await readPersons(db, ids.slice(0, MAX_HITS));
    return { persons, more: ids.length > MAX_HITS };
  }, [query]);

  // The chosen person stays offered while the search shows others.
  const options = [...(selected ? [selected] : []), ...(hits?.persons ?? []).filter((p) => p.id !== selected?.id)];
  const today = localDate();
  const dateValid = /^\d{4}-\d{2}-\d{2}$/.test(receivedAt) && receivedAt <= today;

  function choose(id: string | null) {
    setPersonId(id);
    setOutside(id === null);
    setProblems((p) => ({ ...p, person: undefined }));
  }

  const { error, busy, submit } = useSubmit(async () => {
    const found = {
      person: outside
        ? requesterName.trim()
          ? undefined
          : tr('ui.requests.requesterNameMissing')
        : personId && selected
          ? undefined
          : tr('ui.requests.choosePerson'),
      date: dateValid ? undefined : tr(receivedAt > today ? 'ui.requests.dateFuture' : 'error.requestDate'),
    };
    setProblems(found);
    if (found.person || found.date) return;
    if (outside) {
      const requester = { name: requesterName, contact: requesterContact };
      const request = await createRequest(db, session, { requester, kind, receivedAt, note });
      onCreated(request, requesterName.trim());
      return;
    }
    if (!personId || !selected) return;
    const request = await createRequest(db, session, { personId, kind, receivedAt, note });
    onCreated(request, displayName(selected));
  });

  return (
    <DialogForm
      title={tr('ui.requests.new')}
      submitLabel={tr('ui.requests.create')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft([tr('ui.requests.new'), selected && displayName(selected)].filter(Boolean).join(': '), {
        query,
        personId,
        outside,
        requesterName,
        requesterContact,
        kind,
        receivedAt,
        note,
      })}
    >
      <div className="person-picker">
        <div className="field">
          <label htmlFor={`${id}-search`}>{tr('ui.requests.searchPerson')}</label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            autoComplete="off"
            aria-describedby={`${id}-search-hint`}
            onChange={(e) => setQuery(e.target.value)}
            data-autofocus={preselectedPersonId ? undefined : ''}
          />
          <p id={`${id}-search-hint`} className="hint">
            {tr('ui.requests.searchHint')}
          </p>
        </div>
        {query.trim() && hits && hits.persons.length === 0 && <p className="hint">{tr('ui.requests.noHits')}</p>}
        <div className="person-choices" role="radiogroup" aria-label={tr('ui.requests.person')}>
          {options.map((p) => (
            <label key={p.id} className="choice">
              <input
                type="radio"
                name={`${id}-person`}
                value={p.id}
                checked={!outside && personId === p.id}
                onChange={() => choose(p.id)}
              />
              <span>
                {displayName(p)}
                {(p.city || p.email) && (
                  <span className="muted"> · {[p.city, p.email].filter(Boolean).join(' · ')}</span>
                )}
              </span>
            </label>
          ))}
          {hits?.more && <p className="hint">{tr('ui.requests.moreHits')}</p>}
          <label className="choice">
            <input type="radio" name={`${id}-person`} value="" checked={outside} onChange={() => choose(null)} />
            <span>{tr('ui.requests.outside')}</span>
          </label>
        </div>
        {outside && (
          <div className="stack">
            <p className="hint">{tr('ui.requests.outsideHint')}</p>
            <div className="field">
              <label htmlFor={`${id}-requester`}>{tr('ui.requests.requesterName')}</label>
              <input
                id={`${id}-requester`}
                value={requesterName}
                autoComplete="off"
                required
                aria-required="true"
                aria-invalid={problems.person ? true : undefined}
                aria-describedby={problems.person ? `${id}-person-error` : undefined}
                onChange={(e) => {
                  setRequesterName(e.target.value);
                  setProblems((p) => ({ ...p, person: undefined }));
                }}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-contact`}>{tr('ui.requests.requesterContact')}</label>
              <input
                id={`${id}-contact`}
                value={requesterContact}
                autoComplete="off"
                onChange={(e) => setRequesterContact(e.target.value)}
              />
            </div>
          </div>
        )}
        <FieldError id={`${id}-person-error`} message={problems.person} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{tr('ui.requests.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => setKind(e.target.value as RequestKind)}
          data-autofocus={preselectedPersonId ? '' : undefined}
        >
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {tr(`ui.requests.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-received`}>{tr('ui.requests.receivedAt')}</label>
        <input
          autoComplete="off"
          id={`${id}-received`}
          type="date"
          value={receivedAt}
          max={today}
          required
          aria-invalid={dateValid && !problems.date ? undefined : true}
          aria-describedby={`${id}-due${problems.date ? ` ${id}-date-error` : ''}`}
          onChange={(e) => setReceivedAt(e.target.value)}
        />
        <p id={`${id}-due`} className="hint">
          {dateValid
            ? tr('ui.requests.duePreview', { date: formatDate(lang, requestDueDate(receivedAt, null)) })
            : tr('ui.requests.dateHint')}
        </p>
        <FieldError id={`${id}-date-error`} message={problems.date} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{tr('ui.requests.note')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-note`}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${id}-note-hint`}
        />
        <p id={`${id}-note-hint`} className="hint">
          {tr('ui.requests.noteHint')}
        </p>
      </div>
    </DialogForm>
  );
}
