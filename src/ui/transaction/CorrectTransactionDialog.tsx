/**
 * "Vorgang korrigieren": a business transaction entered wrongly — its kind, date or title, or this
 * person linked by mistake — corrected, or the whole transaction deleted with its attachment. Both
 * need a comment (the data layer refuses either without one and logs it).
 */
import { useId, useState } from 'react';
import { displayName } from '../../domain/person';
import type { BusinessTransaction, TransactionKind } from '../../domain/transaction';
import { correctTransaction, deleteTransaction } from '../../data/commands/transactions';
import type { StoredPerson } from '../../data/db';
import { db } from '../db';
import { useT } from '../i18n';
import { useSession } from '../stores';
import { DialogForm } from '../components/DialogForm';
import { TransactionFields } from './TransactionFields';
import { CheckboxField } from '../components/CheckboxField';
import { useSubmit } from '../components/useSubmit';
import { useFormDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';

/** What the idle lock keeps of a correction. */
interface CorrectionDraft {
  kind: TransactionKind;
  date: string;
  title: string;
  unlink: boolean;
  remove: boolean;
  comment: string;
}

interface Props {
  person: StoredPerson;
  transaction: BusinessTransaction;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function CorrectTransactionDialog({ person, transaction, onDone, onCancel }: Props) {
  const tr = useT();
  const session = useSession();
  const id = useId();
  const kept = useFormDraft<CorrectionDraft>(DRAFT.correctTransaction, transaction.id);
  const [kind, setKind] = useState<TransactionKind>(kept.restored?.kind ?? transaction.kind);
  const [date, setDate] = useState(kept.restored?.date ?? transaction.date);
  const [title, setTitle] = useState(kept.restored?.title ?? transaction.title);
  const [unlink, setUnlink] = useState(kept.restored?.unlink ?? false);
  const [remove, setRemove] = useState(kept.restored?.remove ?? false);
  const [comment, setComment] = useState(kept.restored?.comment ?? '');
  const others = transaction.personIds.length - 1;

  const { error, busy, submit } = useSubmit(async () => {
    if (remove) {
      await deleteTransaction(db, session, transaction.id, comment);
      onDone(tr('ui.transaction.deleted'));
      return;
    }
    await correctTransaction(
      db,
      session,
      transaction.id,
      { kind, date, title, unlinkPersonId: unlink ? person.id : undefined },
      comment,
    );
    onDone(tr('ui.transaction.corrected'));
  });

  return (
    <DialogForm
      title={tr('ui.transaction.correctTitle')}
      submitLabel={tr(remove ? 'ui.transaction.delete' : 'ui.transaction.saveCorrection')}
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      error={error}
      draft={kept.draft(`${tr('ui.transaction.correctTitle')}: ${transaction.title}`, {
        kind,
        date,
        title,
        unlink,
        remove,
        comment,
      })}
    >
      <fieldset className="plain stack" disabled={remove}>
        <TransactionFields kind={kind} date={date} title={title} onKind={setKind} onDate={setDate} onTitle={setTitle} />
        {others > 0 && (
          <CheckboxField
            label={tr('ui.transaction.unlink', { name: displayName(person) })}
            checked={unlink}
            onChange={setUnlink}
            hint={tr('ui.transaction.unlinkHint', { count: others })}
          />
        )}
      </fieldset>
      <CheckboxField
        label={tr('ui.transaction.deleteWhole')}
        checked={remove}
        onChange={setRemove}
        hint={tr(transaction.attachment ? 'ui.transaction.deleteHintAttachment' : 'ui.transaction.deleteHint')}
      />
      <div className="field">
        <label htmlFor={`${id}-comment`}>{tr('ui.reason.comment')}</label>
        <textarea
          id={`${id}-comment`}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={3}
          required
          aria-required="true"
          aria-describedby={`${id}-comment-hint`}
          autoComplete="off"
        />
        <p className="hint" id={`${id}-comment-hint`}>
          {tr('ui.transaction.commentHint')}
        </p>
      </div>
    </DialogForm>
  );
}
