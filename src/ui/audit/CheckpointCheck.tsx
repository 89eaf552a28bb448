/**
 * "Protokoll gegen Nachweis prüfen": does the log still extend a checkpoint kept outside the
 * device? The checkpoint is the code printed in an Auskunft (typed or pasted) or the head a backup
 * file carries. The answer: the same entry stands at that sequence number with that hash, or what
 * differs (the entry is gone, or another stands there — named by time, action and user).
 */
import { useId, useState } from 'react';
import { verifyAgainstCheckpoint, type CheckpointCheck as Check } from '../../data/queries/auditIntegrity';
import { readBackupCheckpoint } from '../../data/commands/backup';
import { parseCheckpoint, type Checkpoint } from '../../domain/checkpoint';
import { db } from '../db';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { ChainProblem, ProblemEntry } from './ProblemEntry';

export function CheckpointCheck() {
  const tr = useT();
  const id = useId();
  const [code, setCode] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Check | null>(null);
  const [error, setError] = useState<AlertMessage | null>(null);

  async function checkpointGiven(): Promise<Checkpoint | string> {
    if (code.trim()) {
      const parsed = parseCheckpoint(code);
      return parsed.ok ? parsed.checkpoint : tr(`ui.audit.against.${parsed.problem}`);
    }
    if (file) return readBackupCheckpoint(new Uint8Array(await file.arrayBuffer()));
    return tr('ui.audit.against.none');
  }

  async function check() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const checkpoint = await checkpointGiven();
      if (typeof checkpoint === 'string') setError(checkpoint);
      else setResult(await verifyAgainstCheckpoint(db, checkpoint));
    } catch (e) {
      setError(errorMessage(tr, e));
    } finally {
      setBusy(false);
    }
  }

  const verdict = result?.checkpoint;
  return (
    <form
      className="audit-integrity checkpoint-check"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <h2 id={`${id}-title`}>{tr('ui.audit.against')}</h2>
      <p className="hint" id={`${id}-hint`}>
        {tr('ui.audit.against.hint')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-code`}>{tr('ui.audit.against.code')}</label>
        <input
          id={`${id}-code`}
          value={code}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setCode(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{tr('ui.audit.against.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".cbbackup"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" disabled={busy}>
        {tr('ui.audit.against')}
      </button>
      <div className="audit-integrity-result">
        {busy && <p role="status">{tr('ui.audit.verifying')}</p>}
        {result && !result.log.ok && (
          <p role="alert" className="error">
            <ChainProblem verdict={result.log} />
          </p>
        )}
        {verdict?.extends === true && result?.log.ok && (
          <p role="status" className="notice">
            {tr('ui.audit.against.extends', { seq: verdict.seq })}
          </p>
        )}
        {verdict && !verdict.extends && (
          <p role="alert" className="error">
            {verdict.problem === 'missing'
              ? tr('ui.audit.against.missing', { seq: verdict.seq, lastSeq: verdict.lastSeq })
              : tr('ui.audit.against.differs', { seq: verdict.seq })}
            {verdict.problem === 'differs' && <ProblemEntry entry={result.entry} />}
          </p>
        )}
        <ErrorAlert message={error} />
      </div>
    </form>
  );
}
