/**
 * The consent section of a person, headed by the consent attribute's name (Datenschutzcenter):
 * every consent, given and withdrawn — a withdrawn one stays, marked "Widerrufen am …". Evidence
 * opens again as a download; "Widerrufen" records a withdrawal.
 */
import { useState } from 'react';
import { lazyWithMessages } from '../lazyWithMessages';
import { LazyPart } from '../components/LazyPart';
import { useLiveQuery } from 'dexie-react-hooks';
import { isUnproven, type Consent, type ConsentEvidence } from '../../domain/consent';
import { FORMER_DEFAULT_CONSENT_ATTRIBUTE } from '../../domain/settings';
import type { StoredPerson } from '../../data/db';
import { readPrivacySettings } from '../../data/queries/settings';
import { consentHistory } from '../../data/queries/consents';
import { formatDate } from '../../i18n/locale';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { useNotice } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import { openStoredFile } from './files';
import { useRecordBlock } from './useRecordBlock';
import { restoredDraft } from '../unsavedChanges';
import { DRAFT } from '../draftKinds';
import './consent.css';

const WithdrawConsentDialog = lazyWithMessages(() =>
  import('./WithdrawConsentDialog').then((m) => ({ default: m.WithdrawConsentDialog })),
);

export function ConsentHistory({ person }: { person: StoredPerson }) {
  const tr = useT();
  const { setNotice } = useNotice(window.location.hash);
  const blocked = useRecordBlock(person, 'withdrawal');
  const privacy = useLiveQuery(() => readPrivacySettings(db), []);
  const data = useLiveQuery(() => consentHistory(db, person.id), [person.id]);
  // A withdrawal the idle lock interrupted opens again with its values (unsavedChanges.tsx).
  const [withdrawingId, setWithdrawing] = useState(() => restoredDraft(DRAFT.withdrawConsent)?.key ?? null);
  const withdrawing = data?.consents.find((c) => c.id === withdrawingId);
  const [error, setError] = useState<AlertMessage | null>(null);

  // A settings record written by an older version may hold the name as undefined over the default.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  const chosen = privacy?.consentAttributeName?.trim();
  const title = chosen && chosen !== FORMER_DEFAULT_CONSENT_ATTRIBUTE ? chosen : tr('ui.consent.attributeName');
  const headingId = `consents-title-${person.id}`;
  const noteId = `consents-blocked-${person.id}`;
  const purposeNames = (c: Consent) => c.purposeIds.map((id) => data?.purposeNames.get(id) ?? id).join(', ');

  async function open(fileId: string) {
    setError(null);
    try {
      await openStoredFile(fileId, tr('ui.file.evidence'));
    } catch (e) {
      setError(errorMessage(tr, e));
    }
  }

  function evidenceText(e: ConsentEvidence): string {
    if (e.type === 'file') return e.fileName;
    if (e.type === 'transaction') {
      const t = data?.transactions.get(e.transactionId);
      return t
        ? tr('ui.consent.evidenceTransaction', { date: formatDate(tr.lang, t.date), title: t.title })
        : tr('transaction.contact');
    }
    // A note kept in place of evidence (a consent from before evidence was required) is shown with it.
    return [tr('ui.consent.evidenceNone'), e.note.trim()].filter(Boolean).join(': ');
  }

  /** The consent as the list item names it: its purposes, its state, and a missing proof. */
  function consentLabel(c: Consent): string {
    const state =
      c.status === 'withdrawn'
        ? tr('ui.consent.withdrawnOn', { date: formatDate(tr.lang, c.withdrawnAt ?? '') })
        : tr('ui.consent.given', { date: formatDate(tr.lang, c.givenAt) });
    return [purposeNames(c), state, isUnproven(c) && tr('ui.consent.unproven')].filter(Boolean).join(' – ');
  }

  const anyGiven = data?.consents.some((c) => c.status === 'given');
  return (
    <section className="record-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ErrorAlert message={error} />
      {data && data.consents.length === 0 && <p className="muted">{tr('ui.consent.none')}</p>}
      {blocked && anyGiven && (
        <p id={noteId} className="hint">
          {blocked}
        </p>
      )}
      <ul className="consent-list">
        {data?.consents.map((c) => (
          <li
            key={c.id}
            className={`consent ${c.status}${isUnproven(c) ? ' unproven' : ''}`}
            aria-label={consentLabel(c)}
          >
            <div className="consent-head">
              <strong>{purposeNames(c)}</strong>
              {c.status === 'withdrawn' ? (
                <span className="badge withdrawn">
                  {tr('ui.consent.withdrawnOn', { date: formatDate(tr.lang, c.withdrawnAt ?? '') })}
                </span>
              ) : (
                <span className="badges">
                  <span className="badge valid">{tr('ui.consent.valid')}</span>
                  {isUnproven(c) && <span className="badge unproven">{tr('ui.consent.unproven')}</span>}
                </span>
              )}
            </div>
            <dl className="consent-facts">
              <dt>{tr('report.consent.givenAt')}</dt>
              <dd>{formatDate(tr.lang, c.givenAt)}</dd>
              <dt>{tr('ui.consent.channelValue')}</dt>
              <dd>{tr(`channel.${c.channel}`)}</dd>
              {c.text && (
                <>
                  <dt>{tr('ui.consent.textValue')}</dt>
                  <dd>{c.text}</dd>
                </>
              )}
              {c.channelNote && (
                <>
                  <dt>{tr('ui.consent.noteValue')}</dt>
                  <dd>{c.channelNote}</dd>
                </>
              )}
              <dt>{tr('ui.consent.evidenceValue')}</dt>
              <dd>{evidenceText(c.evidence)}</dd>
              {c.withdrawalEvidence && (
                <>
                  <dt>{tr('ui.consent.withdrawalValue')}</dt>
                  <dd>
                    {formatDate(tr.lang, c.withdrawnAt ?? '')}
                    {c.withdrawalEvidence.type !== 'none' ? ` · ${evidenceText(c.withdrawalEvidence)}` : ''}
                    {c.withdrawalEvidence.type === 'none' && c.withdrawalEvidence.note
                      ? ` · ${c.withdrawalEvidence.note}`
                      : ''}
                  </dd>
                </>
              )}
            </dl>
            {isUnproven(c) && <p className="hint unproven-hint">{tr('ui.consent.unprovenHint')}</p>}
            <div className="actions">
              {c.evidence.type === 'file' && (
                <button type="button" onClick={() => void open((c.evidence as { fileId: string }).fileId)}>
                  {tr('ui.consent.openEvidence')}
                </button>
              )}
              {c.withdrawalEvidence?.type === 'file' && (
                <button type="button" onClick={() => void open((c.withdrawalEvidence as { fileId: string }).fileId)}>
                  {tr('ui.consent.openWithdrawalEvidence')}
                </button>
              )}
              {c.status === 'given' && (
                <button
                  type="button"
                  className="danger"
                  onClick={() => setWithdrawing(c.id)}
                  disabled={!!blocked}
                  aria-describedby={blocked ? noteId : undefined}
                >
                  {tr('ui.consent.withdraw')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {withdrawing && (
        <LazyPart>
          <WithdrawConsentDialog
            consent={withdrawing}
            summary={`${purposeNames(withdrawing)} – ${tr('ui.consent.given', { date: formatDate(tr.lang, withdrawing.givenAt) })}`}
            onCancel={() => setWithdrawing(null)}
            onDone={(message) => {
              setWithdrawing(null);
              setNotice(message);
            }}
          />
        </LazyPart>
      )}
    </section>
  );
}
