/**
 * "Widerrufen": the date of the withdrawal, its evidence (a checked file) or a note of how it came
 * in (the data layer requires one of them). The consent stays on record.
 */
import { useId, useState } from 'react';
import type { Consent } from '../../domain/consent';
import { MAX_EVIDENCE_BYTES } from '../../domain/evidenceFile';
import { withdrawConsent } from '../../data/commands/consents';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { refuse, useSubmit } from '../components/useSubmit';
import { EvidenceInput, NO_EVIDENCE, type EvidenceState } from './EvidenceInput';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface Props {
  consent: Consent;
  /** What the consent covered, to say which one is withdrawn. */
  summary: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function WithdrawConsentDialog({ consent, summary, onDone, onCancel }: Props) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  const kept = useFormDraft<{ withdrawnAt: string; note: string }>(DRAFT.withdrawConsent, consent.id);
  const [withdrawnAt, setWithdrawnAt] = useState(kept.restored?.withdrawnAt ?? '');
  const [evidence, setEvidence] = useState<EvidenceState>(NO_EVIDENCE);
  const [note, setNote] = useState(kept.restored?.note ?? '');
  const { error, busy, submit } = useSubmit(async () => {
    if (evidence.busy) return;
    if (evidence.problem) refuse(evidence.problem);
    await withdrawConsent(db, session, consent.id, { withdrawnAt, evidenceFile: evidence.file ?? undefined, note });
    onDone(tr('ui.consent.withdrawSaved'));
  });

  return (
    <DialogForm
      title={tr('ui.consent.withdrawTitle')}
      submitLabel={tr('ui.consent.withdrawSave')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy || evidence.busy}
      error={error}
      draft={kept.draft(`${tr('ui.consent.withdrawTitle')}: ${summary}`, { withdrawnAt, note })}
    >
      <p>
        <strong>{summary}</strong>
      </p>
      <p>{tr('ui.consent.withdrawIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-date`}>{tr('ui.consent.withdrawnAt')}</label>
        <input
          autoComplete="off"
          id={`${id}-date`}
          type="date"
          value={withdrawnAt}
          onChange={(e) => setWithdrawnAt(e.target.value)}
          required
          aria-required="true"
          data-autofocus=""
        />
      </div>
      <EvidenceInput
        label={tr('ui.consent.evidence')}
        hint={tr('ui.consent.evidenceHint', { maxMb: MAX_EVIDENCE_BYTES / 1024 / 1024 })}
        state={evidence}
        onChange={setEvidence}
      />
      <div className="field">
        <label htmlFor={`${id}-note`}>{tr('ui.consent.withdrawNote')}</label>
        <textarea
          autoComplete="off"
          id={`${id}-note`}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${id}-note-hint`}
        />
        <p className="hint" id={`${id}-note-hint`}>
          {tr('ui.consent.withdrawNoteHint')}
        </p>
      </div>
    </DialogForm>
  );
}
