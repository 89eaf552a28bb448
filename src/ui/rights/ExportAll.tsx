/**
 * Alle Daten exportieren (Art. 20): every person as one JSON file following the published schema,
 * streamed into Blob parts with a progress count and a cancel button.
 */
import { useEffect, useRef, useState } from 'react';
import { useT, errorMessage, type AlertMessage } from '../i18n';
import { useRights, useSession } from '../stores';
import { ErrorAlert } from '../components/ErrorAlert';
import type { ExportProgress } from './documents';

const DATABASE_SCHEMA_URL = '/schema/consentbook-export.schema.json';
const PERSON_SCHEMA_URL = '/schema/consentbook-person-export.schema.json';

export function ExportAll() {
  const tr = useT();
  const session = useSession();
  const rights = useRights();
  const allowed = rights.permissions.has('issueReports');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<AlertMessage | null>(null);
  const abort = useRef<AbortController | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);

  // Leaving the screen cancels a running export.
  useEffect(() => () => abort.current?.abort(), []);

  async function start() {
    if (abort.current) return;
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setStatus('');
    setProgress({ done: 0, total: 0 });
    try {
      const { exportAllPersons } = await import('./documents');
      const result = await exportAllPersons(session, tr.lang, setProgress, controller.signal);
      setStatus(
        result ? tr('ui.exportAll.done', { file: result.fileName, count: result.count }) : tr('ui.exportAll.cancelled'),
      );
    } catch (e) {
      setError(errorMessage(tr, e));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  const running = progress !== null;
  // The button pressed disappears: focus goes to its counterpart (start ↔ cancel), never to the body.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (running) cancelRef.current?.focus();
    else if (wasRunning.current) startRef.current?.focus();
    wasRunning.current = running;
  }, [running]);

  return (
    <section className="card" aria-labelledby="export-all-title">
      <h2 id="export-all-title">{tr('ui.exportAll.title')}</h2>
      <p>
        {tr('ui.exportAll.explain')}{' '}
        <a href={DATABASE_SCHEMA_URL} target="_blank" rel="noopener">
          {tr('ui.exportAll.schema')}
        </a>
        {' · '}
        <a href={PERSON_SCHEMA_URL} target="_blank" rel="noopener">
          {tr('ui.exportAll.personSchema')}
        </a>
      </p>
      {running ? (
        <div className="export-progress">
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-labelledby="export-all-count" />
          <span id="export-all-count">
            {tr('ui.exportAll.progress', { done: progress.done, total: progress.total })}
          </span>
          <button ref={cancelRef} type="button" onClick={() => abort.current?.abort()}>
            {tr('ui.exportAll.cancel')}
          </button>
        </div>
      ) : (
        <div className="actions">
          <button
            ref={startRef}
            type="button"
            className="primary"
            disabled={!allowed}
            aria-describedby={allowed ? undefined : 'export-all-denied'}
            onClick={() => void start()}
          >
            {tr('ui.exportAll.start')}
          </button>
        </div>
      )}
      {!allowed && (
        <p id="export-all-denied" className="hint">
          {tr('ui.rights.noPermission', { permission: tr('ui.permission.issueReports') })}
        </p>
      )}
      <p role="status" className="export-status">
        {status}
      </p>
      <ErrorAlert message={error} />
    </section>
  );
}
