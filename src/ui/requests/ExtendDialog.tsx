/**
 * Fristverlängerung (Art. 12(3) sentence 2–3): by one or two further months, with the reason the
 * person must be told within the first month.
 */
import { useId, useState } from 'react';
import { requestDueDate, type DataSubjectRequest } from '../../domain/requests';
import { extendRequest } from '../../data/commands/requests';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useLang, useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { refuse, useSubmit } from '../components/useSubmit';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface Props {
  request: DataSubjectRequest;
  onCancel: () => void;
  onDone: (dueDate: string) => void;
}

export function ExtendDialog({ request, onCancel, onDone }: Props) {
  const tr = useT();
  const lang = useLang();
  const session = useSession();
  const id = useId();
  const already = request.extension?.months ?? 0;
  const kept = useFormDraft<{ months: 1 | 2; reason: string }>(DRAFT.extendRequest, request.id);
  const [months, setMonths] = useState<1 | 2>(kept.restored?.months ?? (already >= 1 ? 2 : 1));
  const [reason, setReason] = useState(kept.restored?.reason ?? request.extension?.reason ?? '');
  const newDue = requestDueDate(request.receivedAt, { months, reason });

  const { error, busy, submit } = useSubmit(async () => {
    if (!reason.trim()) refuse(tr('error.extensionReason'));
    await extendRequest(db, session, request.id, months, reason);
    onDone(newDue);
  });

  return (
    <DialogForm
      title={tr('ui.requests.extend')}
      submitLabel={tr('ui.requests.extendConfirm')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(tr('ui.requests.extend'), { months, reason })}
    >
      <p>{tr('ui.requests.extendIntro', { due: formatDate(lang, request.dueDate) })}</p>
      <fieldset className="plain">
        <legend>{tr('ui.requests.extendBy')}</legend>
        {([1, 2] as const).map((m) => (
          <label key={m} className="choice">
            <input
              type="radio"
              name={`${id}-months`}
              value={m}
              checked={months === m}
              disabled={m <= already}
              onChange={() => setMonths(m)}
            />
            <span>{tr(m === 1 ? 'ui.requests.extendOne' : 'ui.requests.extendTwo')}</span>
          </label>
        ))}
      </fieldset>
      <p className="hint" id={`${id}-due`}>
        {tr('ui.requests.newDue', { date: formatDate(lang, newDue) })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{tr('ui.requests.extendReason')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-reason`}
          rows={3}
          required
          aria-required="true"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${id}-reason-hint`}
          data-autofocus=""
        />
        <p id={`${id}-reason-hint`} className="hint">
          {tr('ui.requests.extendReasonHint')}
        </p>
      </div>
    </DialogForm>
  );
}
