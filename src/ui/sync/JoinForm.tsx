/**
 * First start on a new device: "Einem Team beitreten" — paste the invitation (Einladung) or scan its
 * QR code where the browser can (QrScan.tsx), Beitreten,
 * the book is pulled with progress (and can be stopped), then the usual sign-in follows.
 * Loaded only when chosen, so the start bundle does not carry it.
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { joinBook, JoinCancelled } from '../../data/sync/join';
import type { PullProgress } from '../../data/sync';
import { formatNumber } from '../../i18n/locale';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { QrScan } from './QrScan';

interface JoinFormProps {
  /** The book is here: go on to the sign-in, with how many persons arrived. */
  onJoined: (persons: number) => void;
  onBack: () => void;
}

export default function JoinForm({ onJoined, onBack }: JoinFormProps) {
  const tr = useT();
  const [code, setCode] = useState('');
  const [phase, setPhase] = useState<'idle' | 'checking' | 'pulling'>('idle');
  const [progress, setProgress] = useState<PullProgress | null>(null);
  const [error, setError] = useState<AlertMessage | null>(null);
  const abort = useRef<AbortController | null>(null);
  // Back to the form after a stop or a failure: focus to where the next step is, not the page's body.
  const [focusNext, setFocusNext] = useState<'submit' | 'code' | null>(null);
  const codeField = useRef<HTMLTextAreaElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusNext === 'submit') submitButton.current?.focus();
    else if (focusNext === 'code') codeField.current?.focus();
  }, [focusNext]);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    setFocusNext(null);
    setPhase('checking');
    const controller = (abort.current = new AbortController());
    try {
      const { persons } = await joinBook(
        db,
        code,
        (p) => {
          setPhase('pulling');
          setProgress(p);
        },
        controller.signal,
      );
      onJoined(persons);
    } catch (err) {
      const claim = err instanceof JoinCancelled ? err.claim : undefined;
      setError(err instanceof JoinCancelled ? tr(err.messageKey) : errorMessage(tr, err));
      setPhase('idle');
      setProgress(null);
      // Unless the code is known to be used, "Beitreten" (with the same code) is the next step.
      setFocusNext(claim && claim !== 'recorded' ? 'submit' : 'code');
    }
  }

  return (
    <form onSubmit={submit} className="stack" aria-labelledby="join-title" autoComplete="off">
      <h1 id="join-title">{tr('ui.sync.join')}</h1>
      <p>{tr('ui.sync.joinIntro')}</p>
      <div className="field">
        <label htmlFor="join-code">{tr('ui.sync.invitation')}</label>
        <textarea
          ref={codeField}
          id="join-code"
          rows={4}
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          disabled={phase !== 'idle'}
        />
      </div>
      <QrScan onCode={setCode} disabled={phase !== 'idle'} />
      {phase === 'idle' ? (
        <div className="actions">
          <button type="submit" className="primary" ref={submitButton}>
            {tr('ui.sync.joinSubmit')}
          </button>
          <button type="button" onClick={onBack}>
            {tr('ui.sync.back')}
          </button>
        </div>
      ) : (
        <div className="stack">
          <p role="status">
            {progress
              ? tr('ui.sync.joinProgress', {
                  done: formatNumber(tr.lang, progress.done),
                  total: formatNumber(tr.lang, progress.total),
                })
              : tr('ui.sync.joinChecking')}
          </p>
          {progress && <progress max={Math.max(progress.total, 1)} value={progress.done} aria-hidden="true" />}
          {/* Checking waits on the server (up to 30 s a request): it can be stopped as the pull can. */}
          <button type="button" onClick={() => abort.current?.abort()}>
            {tr(phase === 'pulling' ? 'ui.sync.joinCancel' : 'ui.cancel')}
          </button>
        </div>
      )}
      <ErrorAlert message={error} />
    </form>
  );
}
