/** Recording a data breach (Art. 33(5)) and its notification to the authority (Art. 33) or to the people affected (Art. 34). */
import { useId, useState } from 'react';
import type { DataBreach } from '../../domain/requests';
import { recordBreach, updateBreach } from '../../data/commands/requests';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { TextField } from '../components/TextField';
import { DialogForm } from '../components/DialogForm';
import { FieldError } from '../components/ErrorAlert';
import { refuse, useSubmit } from '../components/useSubmit';
import { localDateTime } from '../../domain/calendar';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

/** A `datetime-local` value is local time; the store keeps UTC instants. */
function toIso(local: string): string | null {
  const time = new Date(local).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** What the idle lock keeps of a new breach. */
interface BreachDraft {
  knownAt: string;
  description: string;
  dataCategories: string;
  count: string;
  measures: string;
}

export function NewBreachDialog({ onCancel, onCreated }: { onCancel: () => void; onCreated: (b: DataBreach) => void }) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  const kept = useFormDraft<BreachDraft>(DRAFT.breach, '');
  const [knownAt, setKnownAt] = useState(kept.restored?.knownAt ?? localDateTime());
  const [description, setDescription] = useState(kept.restored?.description ?? '');
  const [dataCategories, setDataCategories] = useState(kept.restored?.dataCategories ?? '');
  const [count, setCount] = useState(kept.restored?.count ?? '');
  const [measures, setMeasures] = useState(kept.restored?.measures ?? '');
  // Every problem at once, each at its field.
  const [problems, setProblems] = useState<{ knownAt?: string; description?: string }>({});
  const { error, busy, submit } = useSubmit(async () => {
    const at = toIso(knownAt);
    const found = {
      knownAt: !at
        ? tr('error.breachKnownAt')
        : Date.parse(at) > Date.now() + 60_000
          ? tr('ui.breaches.knownAtFuture')
          : undefined,
      description: description.trim() ? undefined : tr('error.breachDescription'),
    };
    setProblems(found);
    if (!at || found.knownAt || found.description) return;
    // Left empty: not known yet (recorded as such, not as 0 — nobody affected).
    const affectedCount = count.trim() === '' ? null : Number(count);
    const breach = await recordBreach(db, session, {
      knownAt: at,
      description,
      dataCategories: dataCategories.trim(),
      affectedCount,
      measures: measures.trim(),
    });
    onCreated(breach);
  });

  return (
    <DialogForm
      title={tr('ui.breaches.new')}
      submitLabel={tr('ui.breaches.create')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(tr('ui.breaches.new'), { knownAt, description, dataCategories, count, measures })}
    >
      <div className="field">
        <label htmlFor={`${id}-known`}>{tr('ui.breaches.knownAt')}</label>
        <input
          autoComplete="off"
          id={`${id}-known`}
          type="datetime-local"
          value={knownAt}
          max={localDateTime()}
          required
          onChange={(e) => setKnownAt(e.target.value)}
          aria-invalid={problems.knownAt ? true : undefined}
          aria-describedby={`${id}-known-hint${problems.knownAt ? ` ${id}-known-error` : ''}`}
        />
        <p id={`${id}-known-hint`} className="hint">
          {tr('ui.breaches.knownAtHint')}
        </p>
        <FieldError id={`${id}-known-error`} message={problems.knownAt} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-desc`}>{tr('ui.breaches.description')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-desc`}
          rows={3}
          required
          aria-required="true"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={problems.description ? true : undefined}
          aria-describedby={`${id}-desc-hint${problems.description ? ` ${id}-desc-error` : ''}`}
          data-autofocus=""
        />
        <p id={`${id}-desc-hint`} className="hint">
          {tr('ui.breaches.descriptionHint')}
        </p>
        <FieldError id={`${id}-desc-error`} message={problems.description} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-cat`}>{tr('ui.breaches.categories')}</label>
        <input
          id={`${id}-cat`}
          type="text"
          value={dataCategories}
          onChange={(e) => setDataCategories(e.target.value)}
          autoComplete="off"
        />
      </div>
      <TextField type="wholeNumber" label={tr('ui.breaches.count')} value={count} onChange={setCount} />
      <div className="field">
        <label htmlFor={`${id}-measures`}>{tr('ui.breaches.measures')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-measures`}
          rows={3}
          value={measures}
          onChange={(e) => setMeasures(e.target.value)}
        />
      </div>
    </DialogForm>
  );
}

export type NotifyTarget = 'authority' | 'subjects';

export function NotifyDialog({
  breach,
  target,
  onCancel,
  onDone,
}: {
  breach: DataBreach;
  target: NotifyTarget;
  onCancel: () => void;
  onDone: () => void;
}) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  const kept = useFormDraft<{ at: string; target: NotifyTarget }>(DRAFT.notifyBreach, breach.id);
  const [at, setAt] = useState(kept.restored?.at ?? localDateTime());
  const { error, busy, submit } = useSubmit(async () => {
    const iso = toIso(at);
    if (!iso) refuse(tr('ui.breaches.notifiedAtMissing'));
    if (Date.parse(iso) < Date.parse(breach.knownAt) - 60_000) refuse(tr('ui.breaches.notifiedBeforeKnown'));
    await updateBreach(
      db,
      session,
      target === 'authority' ? { ...breach, notifiedAuthorityAt: iso } : { ...breach, notifiedSubjectsAt: iso },
    );
    onDone();
  });
  const title = tr(target === 'authority' ? 'ui.breaches.recordAuthority' : 'ui.breaches.recordSubjects');
  return (
    <DialogForm
      title={title}
      submitLabel={tr('ui.breaches.recordConfirm')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(title, { at, target })}
    >
      <div className="field">
        <label htmlFor={`${id}-at`}>{tr('ui.breaches.notifiedAt')}</label>
        <input
          autoComplete="off"
          id={`${id}-at`}
          type="datetime-local"
          value={at}
          max={localDateTime()}
          required
          onChange={(e) => setAt(e.target.value)}
          data-autofocus=""
        />
      </div>
    </DialogForm>
  );
}
