/**
 * The periods GDPR support was off, so that nothing about persons was logged: from the log's own
 * settings entries, since switching it is logged even while it is off (rules/settings.ts). Each such
 * entry states which way it went (`gdprSupportDisabled`, in the chain), so two devices switching off
 * at about the same time read as one period from the first, and a switch the log lacks changes no
 * other switch's reading. Entries from before the value was recorded state nothing: across those,
 * which way each went is counted back from the oldest stated value after them (its switch changed
 * the value, so before it the value was the other) or, with none after them, from the state now —
 * each switch turned it the other way.
 *
 * The newest switch made it what it is now: where its stated value and the settings disagree (a
 * change that came without its entry, a sync merge), the settings win, so the period still running
 * starts at the newest switch at the latest, and none runs while GDPR support is on.
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
  switches: readonly Pick<AuditEntry, 'at' | 'seq' | 'gdprSupportDisabled'>[],
  disabledNow: boolean,
): LoggingOffPeriod[] {
  const byTime = [...switches].sort((a, b) => a.at.localeCompare(b.at) || (a.seq ?? Infinity) - (b.seq ?? Infinity));
  // Which way each went: stated, or counted back from the switch after it (the newest: the state now).
  const off: boolean[] = [];
  let after = disabledNow;
  for (let i = byTime.length - 1; i >= 0; i--) {
    const stated = i === byTime.length - 1 ? undefined : byTime[i].gdprSupportDisabled;
    off[i] = stated ?? after;
    after = !off[i];
  }
  const periods: LoggingOffPeriod[] = [];
  // Before the first switch the log holds, it was the other way: off then, since a time the log does not tell.
  let running: LoggingOffPeriod | null = (byTime.length ? !off[0] : disabledNow) ? { from: null, to: null } : null;
  for (const [i, s] of byTime.entries()) {
    if (off[i] && !running) running = { from: s.at, to: null };
    else if (!off[i] && running) {
      periods.push({ ...running, to: s.at });
      running = null;
    }
  }
  if (running) periods.push(running);
  return periods;
}

/** The periods that overlap the time from `from` to `to` (ISO; open-ended when omitted). */
export function offPeriodsWithin(periods: readonly LoggingOffPeriod[], from: string, to?: string): LoggingOffPeriod[] {
  return periods.filter((p) => (p.to === null || p.to > from) && (p.from === null || to === undefined || p.from < to));
}
