/**
 * "Protokoll prüfen": walks the audit log's hash chain and compares it with the head kept in the
 * settings and, when a backup was made, with the checkpoint that backup carried off the device.
 * Names the first entry that was changed, removed, inserted or reordered, or a truncation. At a
 * million entries it takes about a minute: it can be stopped, and leaving the screen stops it.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { verifyAuditLog, type AuditCheckProgress } from '../../data/queries/auditIntegrity';
import { checkCount, otherChainsText } from './checkCounts';
import { auditFigure } from '../../domain/overview';
import { auditEntryAt } from '../../data/queries/audit';
import type { ChainVerdict } from '../../domain/auditChain';
import { formatDateTime } from '../../i18n/locale';
import { db } from '../db';
import { useLang, useT, errorMessage, type AlertMessage } from '../i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { ChainProblem, ProblemEntry } from './ProblemEntry';
import { readLastBackup } from '../../data/queries/settings';
import { recordChainCheckpoint } from '../../data/sync';
import { useSession } from '../stores';

type Result =
  | { verdict: Extract<ChainVerdict, { ok: true }>; checkpointAt: string | null }
  | { verdict: Extract<ChainVerdict, { ok: false }>; entry: { at: string; action: string; userName: string } | null };

export function AuditIntegrity() {
  const tr = useT();
  const lang = useLang();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<AuditCheckProgress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<AlertMessage | null>(null);
  const [stopped, setStopped] = useState(false);
  // A check of a long log takes a minute: it can be stopped, and leaving the screen stops it.
  const stop = useRef<AbortController | null>(null);
  useEffect(() => () => stop.current?.abort(), []);
  const verifyButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);

  async function check() {
    const controller = new AbortController();
    stop.current = controller;
    setBusy(true);
    setProgress(null);
    setError(null);
    setResult(null);
    setStopped(false);
    try {
      const last = await readLastBackup(db);
      const checkpointed = last?.auditHead && last.auditHead.lastSeq > 0 ? last : undefined;
      const checkpoint = checkpointed?.auditHead ?? undefined;
      const verdict = await verifyAuditLog(db, checkpoint, { onProgress: setProgress, signal: controller.signal });
      // What this device holds of every chain, signed, for the other devices of a synced book.
      await recordChainCheckpoint(db, session);
      if (verdict.ok) {
        setResult({ verdict, checkpointAt: checkpointed ? checkpointed.at : null });
      } else {
        // A checkpoint's finding names the seq in that device's own chain, not a local entry.
        const found = verdict.reportedBy ? undefined : await auditEntryAt(db, verdict.seq);
        setResult({ verdict, entry: found ? { at: found.at, action: found.action, userName: found.userName } : null });
      }
    } catch (e) {
      if (controller.signal.aborted) setStopped(true);
      else setError(errorMessage(tr, e));
    } finally {
      // "Prüfung abbrechen" goes with the check: focus it held (or lost to the body while "Protokoll
      // prüfen" was disabled) goes back to "Protokoll prüfen", enabled again.
      const focus = document.activeElement;
      const lost = !focus || focus === document.body || focus === stopButton.current || focus === verifyButton.current;
      flushSync(() => setBusy(false));
      if (lost) verifyButton.current?.focus();
    }
  }

  return (
    <div className="audit-integrity">
      <button type="button" onClick={() => void check()} disabled={busy} ref={verifyButton}>
        {tr('ui.audit.verify')}
      </button>
      <div className="audit-integrity-result">
        {busy && (
          // Announced once; the count below it changes every run and is not a live region.
          <>
            <p role="status">{tr('ui.audit.verifying')}</p>
            {progress && <p>{checkCount(tr, progress)}</p>}
            <button type="button" onClick={() => stop.current?.abort()} ref={stopButton}>
              {tr('ui.audit.verifyStop')}
            </button>
          </>
        )}
        {stopped && (
          <p role="status" className="warning">
            {tr('ui.audit.verifyStopped')}
          </p>
        )}
        {result?.verdict.ok === true && 'checkpointAt' in result && (
          <p role="status" className="notice">
            <VerifiedCounts verdict={result.verdict} />
            {result.checkpointAt && (
              <> {tr('ui.audit.verifyCheckpoint', { date: formatDateTime(lang, result.checkpointAt) })}</>
            )}
          </p>
        )}
        {result && !result.verdict.ok && 'entry' in result && (
          <p role="alert" className="error">
            <ChainProblem verdict={result.verdict} />
            <ProblemEntry entry={result.entry} />
          </p>
        )}
        <ErrorAlert message={error} />
      </div>
    </div>
  );
}

/**
 * What a check that found nothing verified: this device's chain, and — in a synced book — every
 * other device's chain held here, each on its own, counted and named (the sum is what the log lists).
 */
function VerifiedCounts({ verdict }: { verdict: Extract<ChainVerdict, { ok: true }> }) {
  const tr = useT();
  const figure = auditFigure(verdict);
  if (!figure.others) return <>{tr('ui.audit.verifyOk', { count: verdict.count })}</>;
  return (
    <>
      {tr('ui.audit.verifyOkChains', {
        total: figure.entries,
        own: verdict.count,
        others: otherChainsText(tr, figure.others),
      })}
    </>
  );
}
