/**
 * "Einwilligung erfassen": purposes (none pre-ticked), the date it was given (entered by the
 * user), channel, consent text or version, evidence (a checked file or a logged Kontakt), and the
 * user's own confirmation that consent was given. The data layer checks the rules again.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { consentProblems, type ConsentChannel } from '../../domain/consent';
import type { FieldProblem } from '../../domain/validation';
import { MAX_EVIDENCE_BYTES } from '../../domain/evidenceFile';
import { recordConsent } from '../../data/commands/consents';
import { listPurposes } from '../../data/queries/purposes';
import { contactsOf } from '../../data/queries/transactions';
import type { StoredPerson } from '../../data/db';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { CheckboxField } from '../components/CheckboxField';
import { refuse, useSubmit } from '../components/useSubmit';
import { FieldError } from '../components/ErrorAlert';
import { EvidenceInput, NO_EVIDENCE, type EvidenceState } from './EvidenceInput';
import { localDate } from '../../domain/calendar';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import { displayName } from '../../domain/person';
import { ChannelField } from './ChannelField';

/** What the idle lock keeps of this dialog. */
interface ConsentDraft {
  purposeIds: string[];
  givenAt: string;
  channel: ConsentChannel;
  channelNote: string;
  text: string;
  transactionId: string;
}

interface Props {
  person: StoredPerson;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function RecordConsentDialog({ person, onDone, onCancel }: Props) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  const purposes = useLiveQuery(() => listPurposes(db), []);
  const contacts = useLiveQuery(() => contactsOf(db, person.id), [person.id], []);
  // Values the idle lock kept and the user took back (the evidence file and the confirmation are asked again).
  const kept = useFormDraft<ConsentDraft>(DRAFT.consent, person.id);
  const restored = kept.restored;
  const [purposeIds, setPurposeIds] = useState<string[]>(restored?.purposeIds ?? []);
  const [givenAt, setGivenAt] = useState(() => restored?.givenAt ?? localDate());
  const [channel, setChannel] = useState<ConsentChannel>(restored?.channel ?? 'written');
  const [channelNote, setChannelNote] = useState(restored?.channelNote ?? '');
  const [text, setText] = useState(restored?.text ?? '');
  const [evidence, setEvidence] = useState<EvidenceState>(NO_EVIDENCE);
  const [transactionId, setTransactionId] = useState(restored?.transactionId ?? '');
  const [confirmed, setConfirmed] = useState(false);
  // Every missing piece at once, each shown at its field (not one message after another) — from the
  // first save on, judged as the form is now: a purpose ticked takes its message away at once.
  const [saveTried, setSaveTried] = useState(false);
  // A chosen file still being read, or refused, has its own message (EvidenceInput), not "none given".
  const hasEvidence = !!evidence.file || !!transactionId || evidence.busy || !!evidence.problem;
  const problemsNow = (): FieldProblem[] =>
    consentProblems({ purposeIds, givenAt, channel, channelNote, hasEvidence, confirmedByUser: confirmed });
  const fieldProblems = saveTried ? problemsNow() : [];
  const { error, busy, submit } = useSubmit(async () => {
    setSaveTried(true);
    const problems = problemsNow();
    if (problems.length > 0 || evidence.busy) return;
    if (evidence.problem) refuse(evidence.problem);
    if (evidence.file && transactionId) refuse(tr('ui.consent.evidenceBoth'));
    await recordConsent(db, session, {
      personId: person.id,
      purposeIds,
      givenAt,
      channel,
      text,
      channelNote,
      evidenceFile: evidence.file ?? undefined,
      evidenceTransactionId: transactionId || undefined,
      confirmedByUser: confirmed,
    });
    onDone(tr('ui.consent.saved'));
  });

  const maxMb = MAX_EVIDENCE_BYTES / 1024 / 1024;
  // Opened once the purposes are read, so focus starts on the first purpose.
  if (!purposes) return null;
  const active = purposes.filter((p) => p.active);

  const fieldError = (field: string) => {
    const found = fieldProblems.find((p) => p.field === field);
    return found ? { id: `${id}-${field}-error`, text: tr(found.messageKey) } : undefined;
  };
  const purposesError = fieldError('purposeIds');
  const dateError = fieldError('givenAt');
  const noteError = fieldError('channelNote');
  const confirmError = fieldError('confirmedByUser');
  const evidenceError = fieldError('evidence');

  return (
    <DialogForm
      title={tr('ui.person.action.recordConsent')}
      submitLabel={tr('ui.consent.save')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy || evidence.busy}
      error={error}
      draft={kept.draft(`${tr('ui.person.action.recordConsent')}: ${displayName(person)}`, {
        purposeIds,
        givenAt,
        channel,
        channelNote,
        text,
        transactionId,
      })}
    >
      <fieldset
        className="plain"
        aria-describedby={[`${id}-purposes-hint`, purposesError?.id].filter(Boolean).join(' ')}
      >
        <legend>{tr('ui.consent.purposes')}</legend>
        <p id={`${id}-purposes-hint`} className="hint">
          {active.length ? tr('ui.consent.purposesHint') : tr('ui.consent.noPurposes')}
        </p>
        {active.map((p, i) => (
          <CheckboxField
            key={p.id}
            label={p.name}
            checked={purposeIds.includes(p.id)}
            autoFocus={i === 0}
            onChange={(on) => setPurposeIds((ids) => (on ? [...ids, p.id] : ids.filter((x) => x !== p.id)))}
          />
        ))}
        <FieldError id={purposesError?.id ?? ''} message={purposesError?.text} />
      </fieldset>
      <div className="row2-dialog">
        <div className="field">
          <label htmlFor={`${id}-given`}>{tr('ui.consent.givenAt')}</label>
          <input
            autoComplete="off"
            id={`${id}-given`}
            type="date"
            value={givenAt}
            onChange={(e) => setGivenAt(e.target.value)}
            required
            aria-required="true"
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError?.id}
          />
          <FieldError id={dateError?.id ?? ''} message={dateError?.text} />
        </div>
        <ChannelField id={`${id}-channel`} value={channel} onChange={setChannel} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{tr('ui.consent.channelNote')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-note`}
          rows={2}
          value={channelNote}
          onChange={(e) => setChannelNote(e.target.value)}
          aria-describedby={[`${id}-note-hint`, noteError?.id].filter(Boolean).join(' ')}
          required={channel === 'verbal'}
          aria-required={channel === 'verbal' ? 'true' : undefined}
          aria-invalid={noteError ? true : undefined}
        />
        <p id={`${id}-note-hint`} className="hint">
          {tr('ui.consent.channelNoteHint')}
        </p>
        <FieldError id={noteError?.id ?? ''} message={noteError?.text} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{tr('ui.consent.text')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-text`}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <EvidenceInput
        label={tr('ui.consent.evidence')}
        hint={`${tr('ui.consent.evidenceRequired')} ${tr('ui.consent.evidenceHint', { maxMb })}`}
        state={evidence}
        onChange={setEvidence}
        errorId={evidenceError?.id}
      />
      <div className="field">
        <label htmlFor={`${id}-contact`}>{tr('ui.consent.evidenceContact')}</label>
        <select
          id={`${id}-contact`}
          value={transactionId}
          onChange={(e) => setTransactionId(e.target.value)}
          disabled={contacts.length === 0}
          aria-describedby={
            [contacts.length === 0 && `${id}-contact-hint`, evidenceError?.id].filter(Boolean).join(' ') || undefined
          }
        >
          <option value="">{tr('ui.consent.evidenceContactNone')}</option>
          {contacts.map((t) => (
            <option key={t.id} value={t.id}>
              {formatDate(tr.lang, t.date)} – {t.title}
            </option>
          ))}
        </select>
        {contacts.length === 0 && (
          <p id={`${id}-contact-hint`} className="hint">
            {tr('ui.consent.evidenceContactEmpty')}
          </p>
        )}
        <FieldError id={evidenceError?.id ?? ''} message={evidenceError?.text} />
      </div>
      <div className="field checkbox confirm-box">
        <input
          id={`${id}-confirm`}
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
          required
          aria-required="true"
          aria-invalid={confirmError ? true : undefined}
          aria-describedby={confirmError?.id}
        />
        <label htmlFor={`${id}-confirm`}>{tr('ui.consent.confirm')}</label>
        <FieldError id={confirmError?.id ?? ''} message={confirmError?.text} />
      </div>
    </DialogForm>
  );
}
