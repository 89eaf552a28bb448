/**
 * A purpose's retention and its own recipients, changed after it was created (logged as any
 * change of a purpose) — on basis f its legitimate interest first, required (one stored before the
 * field existed is completed here). Its name has "Umbenennen"; its legal basis stays: processing
 * on another basis is another purpose.
 */
import { useState } from 'react';
import type { Purpose } from '../../domain/purpose';
import { updatePurpose } from '../../data/commands/purposes';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { TextField } from '../components/TextField';
import { refuse, useSubmit } from '../components/useSubmit';
import { InterestField } from './PurposeInterest';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

interface Props {
  purpose: Purpose;
  onCancel: () => void;
  onDone: () => void;
}

export function PurposeDetailsDialog({ purpose, onCancel, onDone }: Props) {
  const tr = useT();
  const session = useSession();
  const onF = purpose.lawfulBasis === 'f';
  const kept = useFormDraft<{ years: string; basis: string; recipients: string; interest?: string }>(
    DRAFT.purposeDetails,
    purpose.id,
  );
  const [years, setYears] = useState(kept.restored?.years ?? String(purpose.retention.years));
  const [basis, setBasis] = useState(kept.restored?.basis ?? purpose.retention.basis);
  const [recipients, setRecipients] = useState(kept.restored?.recipients ?? purpose.recipients);
  const [interest, setInterest] = useState(kept.restored?.interest ?? purpose.legitimateInterest ?? '');
  const title = tr(onF ? 'ui.purposes.detailsInterestTitle' : 'ui.purposes.detailsTitle', { name: purpose.name });
  const { error, busy, submit } = useSubmit(async () => {
    const kept = Number(years);
    if (!Number.isInteger(kept) || kept < 0) refuse(tr('ui.purposes.yearsInvalid'));
    await updatePurpose(db, session, {
      ...purpose,
      retention: { years: kept, basis: basis.trim() },
      recipients: recipients.trim(),
      // The field is required on f; another basis keeps what it has.
      ...(onF ? { legitimateInterest: interest } : {}),
    });
    onDone();
  });
  return (
    <DialogForm
      title={title}
      draft={kept.draft(title, { years, basis, recipients, ...(onF ? { interest } : {}) })}
      submitLabel={tr('ui.save')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
    >
      {onF && <InterestField id={`purpose-interest-${purpose.id}`} value={interest} onChange={setInterest} autoFocus />}
      <TextField
        type="wholeNumber"
        label={tr('ui.purposes.retentionYears')}
        value={years}
        onChange={setYears}
        autoFocus={!onF}
      />
      <TextField label={tr('ui.purposes.retentionBasis')} value={basis} onChange={setBasis} maxLength={200} />
      <TextField
        label={tr('ui.purposes.recipients')}
        value={recipients}
        onChange={setRecipients}
        maxLength={500}
        hint={tr('ui.purposes.recipientsHint')}
      />
    </DialogForm>
  );
}
