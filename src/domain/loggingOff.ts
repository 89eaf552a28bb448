/**
 * The periods GDPR support was off, so that nothing about persons was logged: from the log's own
 * settings entries, since switching it is logged even while it is off (rules/settings.ts). Such an
 * entry names the key that changed, never its value, so which way each switch went follows from
 * the state now, counting back: the newest switch made it what it is, each one before turned it
 * the other way. The period still running thus always starts at the newest switch, whatever the
 * log lacks at its start.
 */
import type { AuditEntry } from './audit';

/** The privacy setting's key (PrivacySettings.gdprSupportDisabled) as a settings entry names it. */
export const GDPR_SWITCH_KEY = 'gdprSupportDisabled';

export interface LoggingOffPeriod {
  /** When it was switched off (ISO); null: before the log's first switch — the log does not tell when. */
  from: string | null;
  /** When it was switched on again (ISO); null: still off. */
  to: string | null;
}

/** A settings entry that switched GDPR support (on or off). */
export function isGdprSwitch(e: Pick<AuditEntry, 'action' | 'fieldKeys'>): boolean {
  return e.action === 'settingsChanged' && e.fieldKeys.includes(GDPR_SWITCH_KEY);
}

/**
 * The periods without logging, oldest first, from the switches (in any order: sorted by time, then
 * by sequence number) and whether GDPR support is disabled now.
 */
export function loggingOffPeriods(
  switches: readonly Pick<AuditEntry, 'at' | 'seq'>[],
  disabledNow: boolean,
): LoggingOffPeriod[] {
  const byTime = [...switches].sort((a, b) => a.at.localeCompare(b.at) || (a.seq ?? Infinity) - (b.seq ?? Infinity));
  const periods: LoggingOffPeriod[] = [];
  let off = disabledNow;
  let to: string | null = null;
  for (let i = byTime.length - 1; i >= 0; i--) {
    if (off) periods.push({ from: byTime[i].at, to });
    else to = byTime[i].at;
    off = !off;
  }
  // Off before the first switch the log holds: it was switched on then, not off.
  if (off) periods.push({ from: null, to });
  return periods.reverse();
}

/** The periods that overlap the time from `from` to `to` (ISO; open-ended when omitted). */
export function offPeriodsWithin(periods: readonly LoggingOffPeriod[], from: string, to?: string): LoggingOffPeriod[] {
  return periods.filter((p) => (p.to === null || p.to > from) && (p.from === null || to === undefined || p.from < to));
}
