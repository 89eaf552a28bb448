/** "Information erfassen" (when and how the person was informed) and the notice as e-mail text to copy. */
import { useEffect, useId, useState } from 'react';
import { recordInformation } from '../../data/commands/information';
import { INFORMATION_CHANNELS, type InformationChannel } from '../../domain/information';
import { Dialog } from '../components/Dialog';
import { DialogForm } from '../components/DialogForm';
import { useSubmit } from '../components/useSubmit';
import { ErrorAlert } from '../components/ErrorAlert';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { useSession } from '../stores';
import { localDate } from '../../domain/calendar';
import { informationEmailText } from './informationNoticeMaker';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

export function RecordInformationDialog({
  personId,
  onCancel,
  onDone,
}: {
  personId: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const tr = useT();
  const id = useId();
  const session = useSession();
  const kept = useFormDraft<{ date: string; channel: InformationChannel }>(DRAFT.information, personId);
  const [date, setDate] = useState(kept.restored?.date ?? localDate());
  const [channel, setChannel] = useState<InformationChannel>(kept.restored?.channel ?? 'letter');
  const { error, busy, submit } = useSubmit(async () => {
    await recordInformation(db, session, personId, { informedAt: date, channel });
    onDone();
  });

  return (
    <DialogForm
      title={tr('ui.information.recordTitle')}
      submitLabel={tr('ui.information.record')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(tr('ui.information.recordTitle'), { date, channel })}
    >
      <div className="field">
        <label htmlFor={`${id}-date`}>{tr('ui.information.date')}</label>
        <input
          autoComplete="off"
          id={`${id}-date`}
          type="date"
          max={localDate()}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          data-autofocus=""
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-channel`}>{tr('ui.information.channel')}</label>
        <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as InformationChannel)}>
          {INFORMATION_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {tr(`ui.information.channel.${c}`)}
            </option>
          ))}
        </select>
      </div>
    </DialogForm>
  );
}

export function InformationEmailDialog({ personId, onClose }: { personId: string; onClose: () => void }) {
  const tr = useT();
  const id = useId();
  const [mail, setMail] = useState<{ subject: string; body: string } | null>(null);
  const [error, setError] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    informationEmailText(personId, tr.lang).then(setMail, (e: unknown) => setError(errorMessage(tr, e)));
  }, [personId, tr]);

  async function copy() {
    if (!mail) return;
    try {
      await navigator.clipboard.writeText(`${mail.subject}\n\n${mail.body}`);
      setStatus(tr('ui.information.copied'));
    } catch (e) {
      setError(errorMessage(tr, e));
    }
  }

  return (
    <Dialog title={tr('ui.information.emailTitle')} onCancel={onClose}>
      <div className="stack">
        <p className="hint">{tr('ui.information.emailHint')}</p>
        <div className="field">
          <label htmlFor={`${id}-subject`}>{tr('ui.information.subject')}</label>
          <input autoComplete="off" id={`${id}-subject`} type="text" readOnly value={mail?.subject ?? ''} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>{tr('ui.information.body')}</label>
          <textarea autoComplete="off" id={`${id}-body`} rows={12} readOnly value={mail?.body ?? ''} />
        </div>
        <p role="status">{status}</p>
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="primary" disabled={!mail} onClick={() => void copy()} data-autofocus="">
            {tr('ui.information.copy')}
          </button>
          <button type="button" onClick={onClose}>
            {tr('ui.information.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
