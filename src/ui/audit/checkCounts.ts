/**
 * The counts shown beside a log check's status — plain text, not a live region: they change every
 * run of 2,000 entries. The Übersicht's and the Verzeichnis's check (useAuditCheck), and the whole
 * check of "Protokoll prüfen" and of an issued Verzeichnis.
 */
import type { WholeCheckProgress } from '../../data/queries/auditIntegrity';
import type { Translate } from '../i18n';
import type { AuditCheck } from './useAuditCheck';

/** "104.000 von 1.000.000 Einträgen geprüft" while the check runs; null before its first run and after it. */
export function auditCheckCount(tr: Translate, check: AuditCheck): string | null {
  if (check.status !== 'checking' || !check.progress || check.progress.total === 0) return null;
  return tr('ui.overview.audit.progress', { done: check.progress.done, total: check.progress.total });
}

/** Reading by sequence number, then verifying by entry. */
export function wholeCheckCount(tr: Translate, { phase, done, total }: WholeCheckProgress): string {
  return tr(phase === 'reading' ? 'ui.audit.readCount' : 'ui.audit.verifiedCount', { done, total });
}
