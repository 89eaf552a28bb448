import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { readLogEnd, verifyAuditLogSinceLastCheck, type AuditCheckProgress } from '../../data/queries/auditIntegrity';
import { auditFigure, type AuditFigure } from '../../domain/overview';
import { db } from '../db';

export type AuditCheck =
  | { status: 'checking'; progress: AuditCheckProgress | null }
  | { status: 'done'; figure: AuditFigure }
  | { status: 'failed'; error: unknown };

/**
 * The audit log's check for a screen that shows it beside other figures (the Übersicht, the
 * Verzeichnis), apart from them: those show at once, while a long log is verified in runs (a
 * million entries take tens of seconds here). Checked again for what each new entry adds; a check
 * left (the screen closed, a newer entry) keeps what it verified. `start`: once the other figures
 * are read — the check's runs would take the cores from them.
 */
export function useAuditCheck(start: boolean): AuditCheck {
  // Any chain's new entries: this device's, and other devices' arriving by sync.
  const entries = useLiveQuery(() => readLogEnd(db), []);
  const [check, setCheck] = useState<AuditCheck>({ status: 'checking', progress: null });
  useEffect(() => {
    if (!start || entries === undefined) return;
    const stop = new AbortController();
    verifyAuditLogSinceLastCheck(db, {
      signal: stop.signal,
      onProgress: (progress) => setCheck((c) => (c.status === 'checking' ? { status: 'checking', progress } : c)),
    }).then(
      (verdict) => setCheck({ status: 'done', figure: auditFigure(verdict) }),
      (error: unknown) => {
        if (!stop.signal.aborted) setCheck({ status: 'failed', error });
      },
    );
    return () => stop.abort();
  }, [start, entries]);
  return check;
}
