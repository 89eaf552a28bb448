/**
 * "Ansprechpartner löschen" (bulk erasure, Art. 17): one dialog through four steps — the check of
 * locks and retention duties before any question (whoever cannot be deleted is named once and left
 * out, with "Stattdessen sperren" for those under a retention duty), confirm (the count and a Kommentar logged for every person; no purpose justifies an
 * erasure), progress with cancel, and a summary. The data layer deletes one person per
 * transaction, so a cancel leaves nobody half-deleted.
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { displayName } from '../../domain/person';
import { erasePersons, lockPersons, type BulkEraseResult } from '../../data/commands/persons';
import { deletionBlocks, readPersons } from '../../data/queries/persons';
import { formatDate, formatNumber } from '../../i18n/locale';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { useRights, useSession } from '../stores';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ProgressBar } from '../components/ProgressBar';
import { LockDialog } from '../person/LockDialog';
import { offerRequestFollowUp } from '../requests/followUpStore';
import { localDate } from '../../domain/calendar';

/** Names listed in the summary; beyond this, "and N more". */
const MAX_NAMES = 50;

interface DeleteDialogProps {
  personIds: readonly string[];
  /** Called when the dialog closes; `deleted` says whether anyone was deleted. */
  onClose: (deleted: boolean) => void;
  title?: string;
}

type Phase =
  | { step: 'checking' }
  | { step: 'confirm'; deletable: string[]; blocked: BulkEraseResult; names: Map<string, string> }
  | { step: 'running'; done: number; total: number }
  | { step: 'done'; result: BulkEraseResult; names: Map<string, string>; total: number };

export function DeleteDialog({ personIds, onClose, title }: DeleteDialogProps) {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  // The ids are fixed when the dialog opens: the list behind may change while it runs.
  const [ids] = useState(() => [...personIds]);
  const [phase, setPhase] = useState<Phase>({ step: 'checking' });
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<AlertMessage | null>(null);
  /** The retained persons being locked instead ("Stattdessen sperren"), and how many were locked. */
  const [locking, setLocking] = useState<string[] | null>(null);
  const [lockedNow, setLockedNow] = useState(0);
  const [check, setCheck] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const n = (x: number) => formatNumber(tr.lang, x);
  const dialogTitle = title ?? tr('ui.worklist.delete');

  useEffect(() => () => abort.current?.abort(), []);
  // Locks and retention duties first: nobody is asked for a reason that a refusal then ignores.
  useEffect(() => {
    const run = { live: true }; // cleared when the dialog closes before the check finishes
    void (async () => {
      const { locked, retention } = await deletionBlocks(db, ids, localDate());
      const out = new Set([...locked, ...retention.keys()]);
      const names = new Map(
        (await readPersons(db, [...out].slice(0, MAX_NAMES * 2))).map((p) => [p.id, displayName(p)]),
      );
      const blocked = { deleted: [], skippedLocked: locked, skippedRetention: retention, cancelled: false };
      if (run.live) setPhase({ step: 'confirm', deletable: ids.filter((id) => !out.has(id)), blocked, names });
    })();
    return () => {
      run.live = false;
    };
  }, [ids, check]);
  useEffect(() => {
    if (phase.step === 'done') doneRef.current?.focus();
  }, [phase.step]);

  async function start(e: SubmitEvent) {
    e.preventDefault();
    if (phase.step !== 'confirm') return;
    if (!comment.trim()) {
      setProblem(tr('ui.reason.commentRequired'));
      return;
    }
    setProblem(null);
    const confirmed = phase;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'running', done: 0, total: confirmed.deletable.length });
    try {
      const result = await erasePersons(
        db,
        session,
        confirmed.deletable,
        { purposeId: '', comment: comment.trim() },
        (done, total) => setPhase({ step: 'running', done, total }),
        controller.signal,
      );
      const skipped = [...result.skippedLocked, ...result.skippedRetention.keys()].slice(0, MAX_NAMES * 2);
      const names = new Map((await readPersons(db, skipped)).map((p) => [p.id, displayName(p)]));
      setPhase({ step: 'done', result, names, total: confirmed.deletable.length });
    } catch (err) {
      // Who was deleted before the error stays deleted (one transaction each); the rest is untouched.
      setProblem(errorMessage(tr, err));
      setPhase(confirmed);
    } finally {
      abort.current = null;
    }
  }

  const deleted = phase.step === 'done' && phase.result.deleted.length > 0;
  const canLock = rights.permissions.has('lockPersons');

  /** Closes the summary; then the deleted persons' open requests the erasure settles are offered for closing. */
  async function closeDone() {
    if (phase.step === 'done') await offerRequestFollowUp(phase.result.deleted, 'erased');
    onClose(deleted);
  }

  async function lockInstead(ids: string[], reason: string) {
    try {
      await lockPersons(db, session, ids, reason);
      setLockedNow(ids.length);
      setProblem(null);
    } catch (err) {
      setProblem(errorMessage(tr, err));
    }
    setLocking(null);
    // Checked again: the locked persons are now named as locked, not as retained.
    setPhase({ step: 'checking' });
    setCheck((c) => c + 1);
  }

  if (locking)
    return (
      <LockDialog
        mode="lock"
        title={tr('ui.worklist.lockTitle', { count: n(locking.length) })}
        onConfirm={(reason) => lockInstead(locking, reason)}
        onCancel={() => setLocking(null)}
      />
    );
  const cancel = () => {
    if (phase.step === 'running') abort.current?.abort();
    else void closeDone();
  };

  return (
    <Dialog title={dialogTitle} onCancel={cancel}>
      {phase.step === 'checking' && <p role="status">{tr('ui.loading')}</p>}
      {phase.step === 'confirm' && phase.blocked.skippedLocked.length + phase.blocked.skippedRetention.size > 0 && (
        <Summary
          result={phase.blocked}
          names={phase.names}
          total={0}
          beforehand
          onLockInstead={canLock ? () => setLocking([...phase.blocked.skippedRetention.keys()]) : undefined}
        />
      )}
      {phase.step === 'confirm' && lockedNow > 0 && (
        <p role="status">{tr('ui.worklist.lockedNow', { count: n(lockedNow) })}</p>
      )}
      {phase.step === 'confirm' && phase.deletable.length === 0 && (
        <div className="dialog-actions">
          <button type="button" className="primary" data-autofocus="" onClick={() => onClose(false)}>
            {tr('ui.close')}
          </button>
        </div>
      )}
      {phase.step === 'confirm' && phase.deletable.length > 0 && (
        <form onSubmit={start} className="stack" noValidate>
          <p>
            {tr(phase.deletable.length === 1 ? 'ui.worklist.deleteIntroOne' : 'ui.worklist.deleteIntro', {
              count: n(phase.deletable.length),
            })}
          </p>
          <div className="field">
            <label htmlFor="bulk-delete-comment">{tr('ui.reason.comment')}</label>
            <textarea
              autoComplete="off"
              id="bulk-delete-comment"
              rows={3}
              autoFocus
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              required
              aria-required="true"
            />
          </div>
          <ErrorAlert message={problem} />
          <div className="dialog-actions">
            <button type="submit" className="danger">
              {tr('ui.worklist.deleteConfirm', { count: n(phase.deletable.length) })}
            </button>
            <button type="button" onClick={() => onClose(false)}>
              {tr('ui.cancel')}
            </button>
          </div>
        </form>
      )}

      {phase.step === 'running' && (
        <div className="stack">
          <ProgressBar
            text={tr('ui.worklist.deleting', { done: n(phase.done), total: n(phase.total) })}
            done={phase.done}
            total={phase.total}
          />
          <div className="dialog-actions">
            <button type="button" data-autofocus="" onClick={() => abort.current?.abort()}>
              {tr('ui.cancel')}
            </button>
          </div>
        </div>
      )}

      {phase.step === 'done' && <Summary result={phase.result} names={phase.names} total={phase.total} />}
      {phase.step === 'done' && (
        <div className="dialog-actions">
          <button ref={doneRef} type="button" className="primary" onClick={() => void closeDone()}>
            {tr('ui.close')}
          </button>
        </div>
      )}
    </Dialog>
  );
}

interface SummaryProps {
  result: BulkEraseResult;
  names: Map<string, string>;
  total: number;
  /** The check before the question: only who cannot be deleted, nothing deleted yet. */
  beforehand?: boolean;
  /** Offered before the question, to those allowed to lock: lock the retained persons instead. */
  onLockInstead?: () => void;
}

function Summary({ result, names, total, beforehand, onLockInstead }: SummaryProps) {
  const tr = useT();
  const n = (x: number) => formatNumber(tr.lang, x);
  const locked = result.skippedLocked;
  const retention = [...result.skippedRetention];
  const untouched = total - result.deleted.length - locked.length - retention.length;
  const nameOf = (id: string) => names.get(id) ?? tr('ui.worklist.unknownPerson');
  const more = (count: number) =>
    count > MAX_NAMES ? <li className="muted">{tr('ui.worklist.more', { count: n(count - MAX_NAMES) })}</li> : null;
  return (
    <div className="stack wl-summary" role="status">
      {!beforehand && (
        <p>
          <strong>{tr('ui.worklist.deletedCount', { count: n(result.deleted.length) })}</strong>
          {result.cancelled && ` ${tr('ui.worklist.cancelledRest', { count: n(untouched) })}`}
        </p>
      )}
      {locked.length > 0 && (
        <div>
          <p>{tr('ui.worklist.skippedLocked', { count: n(locked.length) })}</p>
          <ul className="wl-names">
            {locked.slice(0, MAX_NAMES).map((id) => (
              <li key={id}>{nameOf(id)}</li>
            ))}
            {more(locked.length)}
          </ul>
        </div>
      )}
      {retention.length > 0 && (
        <div>
          <p>{tr('ui.worklist.skippedRetention', { count: n(retention.length) })}</p>
          <ul className="wl-names">
            {retention.slice(0, MAX_NAMES).map(([id, date]) => (
              <li key={id}>{tr('ui.worklist.retentionName', { name: nameOf(id), date: formatDate(tr.lang, date) })}</li>
            ))}
            {more(retention.length)}
          </ul>
          <p className="hint">{tr('ui.worklist.lockInstead')}</p>
          {onLockInstead && (
            <button type="button" onClick={onLockInstead}>
              {tr('ui.person.lockInstead')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
