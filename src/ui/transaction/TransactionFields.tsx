/** A business transaction's kind, date and title: the fields "Neuer Vorgang" and "Vorgang korrigieren" share. */
import { useId } from 'react';
import { TRANSACTION_KINDS, type TransactionKind } from '../../domain/transaction';
import { useT } from '../i18n';

interface Props {
  kind: TransactionKind;
  date: string;
  title: string;
  onKind: (kind: TransactionKind) => void;
  onDate: (date: string) => void;
  onTitle: (title: string) => void;
}

export function TransactionFields({ kind, date, title, onKind, onDate, onTitle }: Props) {
  const tr = useT();
  const id = useId();
  return (
    <>
      <div className="row2-dialog">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{tr('ui.transaction.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => onKind(e.target.value as TransactionKind)}
            data-autofocus=""
          >
            {TRANSACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {tr(`transaction.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{tr('ui.transaction.date')}</label>
          <input
            autoComplete="off"
            id={`${id}-date`}
            type="date"
            value={date}
            onChange={(e) => onDate(e.target.value)}
            required
            aria-required="true"
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{tr('ui.transaction.title')}</label>
        <input
          id={`${id}-title`}
          value={title}
          onChange={(e) => onTitle(e.target.value)}
          required
          aria-required="true"
          autoComplete="off"
        />
      </div>
    </>
  );
}
