/**
 * "Antwort erfassen" for one member of a campaign: a consent (date, form, text, evidence and the
 * user's explicit confirmation — never pre-set) or a refusal (date). Neither answer is
 * pre-selected: not answering is never consent.
 */
import { useId, useState } from 'react';
import { consentProblems, type ConsentChannel } from '../../domain/consent';
import type { MessageKey } from '../../i18n/messages';
import { MAX_EVIDENCE_BYTES } from '../../domain/evidenceFile';
import type { Campaign } from '../../domain/campaign';
import { recordCampaignReply, type CampaignReply } from '../../data/commands/campaigns';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { CheckboxField } from '../components/CheckboxField';
import { refuse, useSubmit } from '../components/useSubmit';
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

/** A consent rule's message as a campaign reply words it, by the field it concerns. */
const REPLY_WORDS: Partial<Record<string, MessageKey>> = {
  purposeIds: 'error.campaignReplyPurposes',
  evidence: 'ui.campaign.replyNoEvidence',
};

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
  const { error, busy, submit } = useSubmit(async () => {
    if (!answer) refuse(tr('ui.campaign.replyChoose'));
    if (!date) refuse(tr('error.campaignReplyDate'));
    if (answer === 'consent') {
      if (evidence.busy) refuse(tr('ui.consent.evidenceReading'));
      if (evidence.problem) refuse(evidence.problem);
      // The rules of any new consent (domain/consent.ts), in a reply's words where they differ: a reply
      // names the purposes the person ticked, and its evidence is the reply itself (no Kontakt here).
      const problem = consentProblems({
        purposeIds: ticked,
        givenAt: date,
        channel,
        channelNote: note,
        hasEvidence: !!evidence.file,
        confirmedByUser: confirmed,
      }).at(0);
      if (problem) refuse(tr(REPLY_WORDS[problem.field] ?? problem.messageKey));
    }
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
    await recordCampaignReply(db, session, campaign.id, personId, reply);
    onDone(answer);
  });

  // The day of the answer: when refused, or when consent was given.
  const dateField = (label: string) => (
    <div className="field">
      <label htmlFor={`${id}-date`}>{label}</label>
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
  );

  return (
    <DialogForm
      title={tr('ui.campaign.reply')}
      submitLabel={tr('ui.campaign.replySave')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
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

      {answer === 'refusal' && dateField(tr('ui.campaign.refusedAt'))}

      {answer === 'consent' && (
        <>
          <fieldset className="group">
            <legend>{tr('ui.campaign.replyTicked')}</legend>
            {campaign.purposeIds.map((purposeId, i) => (
              <CheckboxField
                key={purposeId}
                label={purposeNames[i] ?? purposeId}
                checked={ticked.includes(purposeId)}
                onChange={(on) => setTicked((t) => (on ? [...t, purposeId] : t.filter((x) => x !== purposeId)))}
              />
            ))}
          </fieldset>
          <div className="row2">
            {dateField(tr('ui.consent.givenAt'))}
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
          <CheckboxField label={tr('ui.consent.confirm')} checked={confirmed} onChange={setConfirmed} />
        </>
      )}
    </DialogForm>
  );
}
