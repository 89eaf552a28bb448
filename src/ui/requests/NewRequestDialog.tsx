/**
 * Neue Anfrage: which person (found by name), which right, when it was received, a note. The due
 * date is shown before saving: one month after receipt (Art. 12(3)).
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
    kind: RequestKind;
    receivedAt: string;
    note: string;
  }>(DRAFT.request, '');
  const [query, setQuery] = useState(kept.restored?.query ?? '');
  const [personId, setPersonId] = useState<string | null>(kept.restored?.personId ?? preselectedPersonId);
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

  function choose(id: string) {
    setPersonId(id);
    setProblems((p) => ({ ...p, person: undefined }));
  }

  const { error, busy, submit } = useSubmit(async () => {
    const found = {
      person: personId && selected ? undefined : tr('ui.requests.choosePerson'),
      date: dateValid ? undefined : tr(receivedAt > today ? 'ui.requests.dateFuture' : 'error.requestDate'),
    };
    setProblems(found);
    if (!personId || !selected || found.date) return;
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
        {options.length > 0 ? (
          <div className="person-choices" role="radiogroup" aria-label={tr('ui.requests.person')}>
            {options.map((p) => (
              <label key={p.id} className="choice">
                <input
                  type="radio"
                  name={`${id}-person`}
                  value={p.id}
                  checked={personId === p.id}
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
          </div>
        ) : (
          query.trim() && hits && <p className="hint">{tr('ui.requests.noHits')}</p>
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
