/**
 * The business transactions linked to a person: date, kind, title, the attachment to open again,
 * and "Korrigieren" for one entered wrongly (CorrectTransactionDialog).
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { StoredPerson } from '../../data/db';
import { transactionsOf } from '../../data/queries/transactions';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { openStoredFile } from '../consent/files';
import { useRecordBlock } from '../consent/useRecordBlock';
import { useNotice } from '../stores';
import { LazyPart } from '../components/LazyPart';
import { lazyWithMessages } from '../lazyWithMessages';
import { restoredDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import '../consent/consent.css';

const CorrectTransactionDialog = lazyWithMessages(() =>
  import('./CorrectTransactionDialog').then((m) => ({ default: m.CorrectTransactionDialog })),
);

export function TransactionList({ person }: { person: StoredPerson }) {
  const tr = useT();
  const [error, setError] = useState<AlertMessage | null>(null);
  const { setNotice } = useNotice(window.location.hash);
  const blocked = useRecordBlock(person);
  // A correction the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [correcting, setCorrecting] = useState(() => restoredDraft(DRAFT.correctTransaction)?.key ?? null);
  const transactions = useLiveQuery(() => transactionsOf(db, person.id), [person.id]);
  const correctingOne = transactions?.find((t) => t.id === correcting);
  const headingId = `transactions-title-${person.id}`;
  const noteId = `transactions-blocked-${person.id}`;

  async function open(fileId: string) {
    setError(null);
    try {
      await openStoredFile(fileId, tr('ui.file.attachment'));
    } catch (e) {
      setError(errorMessage(tr, e));
    }
  }

  return (
    <section className="record-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{tr('ui.transaction.listTitle')}</h2>
      <ErrorAlert message={error} />
      {transactions && transactions.length === 0 && <p className="muted">{tr('ui.transaction.none')}</p>}
      {blocked && transactions && transactions.length > 0 && (
        <p id={noteId} className="hint">
          {blocked}
        </p>
      )}
      {transactions && transactions.length > 0 && (
        <table className="tx-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{tr('ui.transaction.date')}</th>
              <th scope="col">{tr('ui.transaction.kind')}</th>
              <th scope="col">{tr('ui.transaction.title')}</th>
              <th scope="col">{tr('ui.transaction.attachment')}</th>
              <th scope="col">{tr('ui.transaction.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {transactions.map((whole) => {
              const { attachment, ...t } = whole;
              return (
                <tr key={t.id}>
                  <td>{formatDate(tr.lang, t.date)}</td>
                  <td>{tr(`transaction.${t.kind}`)}</td>
                  <td className="tx-title">{t.title}</td>
                  <td className={`tx-file${attachment ? '' : ' empty'}`}>
                    {attachment ? (
                      <span className="tx-attachment">
                        <button
                          type="button"
                          onClick={() => void open(attachment.fileId)}
                          aria-describedby={`tx-file-${t.id}`}
                        >
                          {tr('ui.transaction.openAttachment')}
                        </button>{' '}
                        <span id={`tx-file-${t.id}`} className="muted">
                          {attachment.fileName}
                        </span>
                      </span>
                    ) : (
                      <span className="muted">{tr('ui.users.none')}</span>
                    )}
                  </td>
                  <td className="tx-actions">
                    <button
                      type="button"
                      onClick={() => setCorrecting(t.id)}
                      disabled={!!blocked}
                      aria-label={tr('ui.transaction.correctOne', { title: t.title })}
                      aria-describedby={blocked ? noteId : undefined}
                    >
                      {tr('ui.transaction.correct')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {correctingOne && (
        <LazyPart>
          <CorrectTransactionDialog
            person={person}
            transaction={correctingOne}
            onCancel={() => setCorrecting(null)}
            onDone={(message) => {
              setCorrecting(null);
              setNotice(message);
            }}
          />
        </LazyPart>
      )}
    </section>
  );
}
