/**
 * "Antwort erfassen" for one member of a campaign: a consent (date, form, text, evidence and the
 * user's explicit confirmation — never pre-set) or a refusal (date). Neither answer is
 * pre-selected: not answering is never consent.
 */
import { useId, useState, type SubmitEvent } from 'react';
import type { ConsentChannel } from '../../domain/consent';
import { MAX_EVIDENCE_BYTES } from '../../domain/evidenceFile';
import type { Campaign } from '../../domain/campaign';
import { recordCampaignReply, type CampaignReply } from '../../data/commands/campaigns';
import { db } from '../db';
import { errorText, useT } from '../i18n';
import { useSession } from '../stores';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { EvidenceInput, NO_EVIDENCE, type EvidenceState } from '../consent/EvidenceInput';
import { localDate } from '../../domain/calendar';
import { ChannelField } from '../consent/ChannelField';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface ReplyDialogProps {
  campaign: Campaign;
  personId: string;
  personName: string;
  purposeNames: string[];
  onDone: (answer: 'consent' | 'refusal') => void;
  onCancel: () => void;
}

/** What the idle lock keeps of a reply (the evidence file and the confirmation are asked again). */
export interface ReplyDraft {
  personId: string;
  personName: string;
  answer: 'consent' | 'refusal' | null;
  date: string;
  channel: ConsentChannel;
  text: string;
  note: string;
  ticked: string[];
}

export function ReplyDialog({ campaign, personId, personName, purposeNames, onDone, onCancel }: ReplyDialogProps) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  const kept = useFormDraft<ReplyDraft>(DRAFT.campaignReply, campaign.id);
  const restored = kept.restored?.personId === personId ? kept.restored : undefined;
  const [answer, setAnswer] = useState<'consent' | 'refusal' | null>(restored?.answer ?? null);
  const [date, setDate] = useState(restored?.date ?? localDate());
  const [channel, setChannel] = useState<ConsentChannel>(restored?.channel ?? 'written');
  const [text, setText] = useState(() => restored?.text ?? tr('ui.campaign.replyText', { name: campaign.name }));
  const [note, setNote] = useState(restored?.note ?? '');
  const [evidence, setEvidence] = useState<EvidenceState>(NO_EVIDENCE);
  const [confirmed, setConfirmed] = useState(false);
  // Which purposes the person ticked on the reply form: none until the user enters them.
  const [ticked, setTicked] = useState<string[]>(restored?.ticked ?? []);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!answer) {
      setProblem(tr('ui.campaign.replyChoose'));
      return;
    }
    if (!date) {
      setProblem(tr('error.campaignReplyDate'));
      return;
    }
    if (answer === 'consent') {
      if (evidence.busy) {
        setProblem(tr('ui.consent.evidenceReading'));
        return;
      }
      if (evidence.problem) {
        setProblem(evidence.problem);
        return;
      }
      if (ticked.length === 0) {
        setProblem(tr('error.campaignReplyPurposes'));
        return;
      }
      if (channel === 'verbal' && !note.trim()) {
        setProblem(tr('error.consentVerbalNote'));
        return;
      }
      if (!confirmed) {
        setProblem(tr('error.consentNotConfirmed'));
        return;
      }
    }
    setProblem(null);
    setBusy(true);
    const reply: CampaignReply =
      answer === 'consent'
        ? {
            type: 'consent',
            givenAt: date,
            channel,
            text,
            channelNote: note.trim() || undefined,
            evidenceFile: evidence.file ?? undefined,
            confirmedByUser: true,
            purposeIds: ticked,
          }
        : { type: 'refusal', answeredAt: date };
    try {
      await recordCampaignReply(db, session, campaign.id, personId, reply);
      onDone(answer);
    } catch (err) {
      setProblem(errorText(tr, err));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={tr('ui.campaign.reply')}
      onCancel={onCancel}
      draft={kept.draft(`${tr('ui.campaign.reply')}: ${personName}`, {
        personId,
        personName,
        answer,
        date,
        channel,
        text,
        note,
        ticked,
      })}
    >
      <form className="stack" onSubmit={submit} noValidate>
        <p>
          <strong>{personName}</strong> · {tr('ui.campaign.replyPurposes', { purposes: purposeNames.join(', ') })}
        </p>
        <fieldset className="group wl-answer">
          <legend>{tr('ui.campaign.answer')}</legend>
          {(['consent', 'refusal'] as const).map((a) => (
            <div className="field checkbox" key={a}>
              <input
                id={`${id}-${a}`}
                type="radio"
                name={`${id}-answer`}
                checked={answer === a}
                onChange={() => setAnswer(a)}
                data-autofocus={a === 'consent' ? '' : undefined}
              />
              <label htmlFor={`${id}-${a}`}>{tr(`ui.campaign.answer.${a}`)}</label>
            </div>
          ))}
        </fieldset>

        {answer === 'refusal' && (
          <div className="field">
            <label htmlFor={`${id}-date`}>{tr('ui.campaign.refusedAt')}</label>
            <input
              autoComplete="off"
              id={`${id}-date`}
              type="date"
              value={date}
              max={localDate()}
              onChange={(e) => setDate(e.target.value)}
              required
            />
          </div>
        )}

        {answer === 'consent' && (
          <>
            <fieldset className="group">
              <legend>{tr('ui.campaign.replyTicked')}</legend>
              {campaign.purposeIds.map((purposeId, i) => (
                <div className="field checkbox" key={purposeId}>
                  <input
                    id={`${id}-purpose-${i}`}
                    type="checkbox"
                    checked={ticked.includes(purposeId)}
                    onChange={(e) =>
                      setTicked((t) => (e.target.checked ? [...t, purposeId] : t.filter((x) => x !== purposeId)))
                    }
                  />
                  <label htmlFor={`${id}-purpose-${i}`}>{purposeNames[i] ?? purposeId}</label>
                </div>
              ))}
            </fieldset>
            <div className="row2">
              <div className="field">
                <label htmlFor={`${id}-date`}>{tr('ui.consent.givenAt')}</label>
                <input
                  autoComplete="off"
                  id={`${id}-date`}
                  type="date"
                  value={date}
                  max={localDate()}
                  onChange={(e) => setDate(e.target.value)}
                  required
                />
              </div>
              <ChannelField id={`${id}-channel`} value={channel} onChange={setChannel} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-text`}>{tr('ui.consent.text')}</label>
              <input autoComplete="off" id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-note`}>{tr('ui.consent.channelNote')}</label>
              <input
                autoComplete="off"
                id={`${id}-note`}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-describedby={`${id}-note-hint`}
              />
              <p id={`${id}-note-hint`} className="hint">
                {tr('ui.consent.channelNoteHint')}
              </p>
            </div>
            <EvidenceInput
              label={tr('ui.consent.evidence')}
              hint={tr('ui.consent.evidenceHint', { maxMb: MAX_EVIDENCE_BYTES / 1024 / 1024 })}
              state={evidence}
              onChange={setEvidence}
            />
            <div className="field checkbox">
              <input
                id={`${id}-confirm`}
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
              />
              <label htmlFor={`${id}-confirm`}>{tr('ui.consent.confirm')}</label>
            </div>
          </>
        )}

        <ErrorAlert message={problem} />
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {tr('ui.campaign.replySave')}
          </button>
          <button type="button" onClick={onCancel}>
            {tr('ui.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
