/**
 * The counts shown beside a log check's status — plain text, not a live region: they change every
 * run of 2,000 entries. The Übersicht's and the Verzeichnis's check (useAuditCheck), and the whole
 * check of "Protokoll prüfen" and of an issued Verzeichnis.
 */
import type { AuditCheckProgress } from '../../data/queries/auditIntegrity';
import type { AuditFigure } from '../../domain/overview';
import type { Translate } from '../i18n';
import type { AuditCheck } from './useAuditCheck';

/** "104.000 von 1.000.000 Einträgen geprüft" while the check runs; null before its first run and after it. */
export function auditCheckCount(tr: Translate, check: AuditCheck): string | null {
  if (check.status !== 'checking' || !check.progress || check.progress.total === 0) return null;
  return checkCount(tr, check.progress);
}

/** "50.000 von 1.000.000 Einträgen geprüft": any check's progress (the whole check's too, verified as it is read). */
export function checkCount(tr: Translate, { done, total }: AuditCheckProgress): string {
  return tr('ui.overview.audit.progress', { done, total });
}

/** A device id as shown: its first eight characters are enough to tell the book's devices apart. */
export const shortDevice = (device: string) => device.slice(0, 8);

/** Another device as the log names it: its short id, with the users who wrote its entries where known. */
export function deviceName(tr: Translate, device: string, users: readonly string[] = []): string {
  const short = shortDevice(device);
  return users.length ? tr('ui.audit.deviceNamed', { device: short, users: users.join(', ') }) : short;
}

/** "7 vom Gerät ff976125 (mia), 3 vom Gerät 0a1b2c3d (tom)": the other chains a check verified. */
export function otherChainsText(tr: Translate, others: NonNullable<AuditFigure['others']>): string {
  return others
    .map((o) => tr('ui.audit.chainCount', { count: o.entries, device: deviceName(tr, o.device, o.users) }))
    .join(', ');
}
