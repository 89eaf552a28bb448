/**
 * A purpose's retention and its own recipients, changed after it was created (logged as any
 * change of a purpose). Its name has "Umbenennen"; its legal basis stays: processing on another
 * basis is another purpose.
 */
import { useId, useState } from 'react';
import type { Purpose } from '../../domain/purpose';
import { updatePurpose } from '../../data/commands/purposes';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { TextField } from '../components/TextField';
import { refuse, useSubmit } from '../components/useSubmit';

interface Props {
  purpose: Purpose;
  onCancel: () => void;
  onDone: () => void;
}

export function PurposeDetailsDialog({ purpose, onCancel, onDone }: Props) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  const [years, setYears] = useState(String(purpose.retention.years));
  const [basis, setBasis] = useState(purpose.retention.basis);
  const [recipients, setRecipients] = useState(purpose.recipients);
  const { error, busy, submit } = useSubmit(async () => {
    const kept = Number(years);
    if (!Number.isInteger(kept) || kept < 0) refuse(tr('ui.purposes.yearsInvalid'));
    await updatePurpose(db, session, {
      ...purpose,
      retention: { years: kept, basis: basis.trim() },
      recipients: recipients.trim(),
    });
    onDone();
  });
  return (
    <DialogForm
      title={tr('ui.purposes.detailsTitle', { name: purpose.name })}
      submitLabel={tr('ui.save')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
    >
      <div className="field">
        <label htmlFor={`${id}-years`}>{tr('ui.purposes.retentionYears')}</label>
        <input
          autoComplete="off"
          id={`${id}-years`}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={years}
          onChange={(e) => setYears(e.target.value)}
          data-autofocus=""
        />
      </div>
      <TextField
        label={tr('ui.purposes.retentionBasis')}
        value={basis}
        onChange={setBasis}
        autoComplete="off"
        maxLength={200}
      />
      <TextField
        label={tr('ui.purposes.recipients')}
        value={recipients}
        onChange={setRecipients}
        autoComplete="off"
        maxLength={500}
        hint={tr('ui.purposes.recipientsHint')}
      />
    </DialogForm>
  );
}
