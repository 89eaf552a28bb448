/**
 * A period without logging (domain/loggingOff.ts) as words, to the minute: switching on at 10:15
 * leaves the rest of that day logged. Shared by the Auskunft, the Verzeichnis and the Protokoll screen.
 */
import type { LoggingOffPeriod } from '../domain/loggingOff';
import { formatDateTime } from '../i18n/locale';
import { t, type Language } from '../i18n/messages';

export function offPeriodText(lang: Language, { from, to }: LoggingOffPeriod, timeZone?: string): string {
  const at = (iso: string) => formatDateTime(lang, iso, timeZone);
  if (from !== null && to !== null) return t(lang, 'report.offPeriod.between', { from: at(from), to: at(to) });
  if (to !== null) return t(lang, 'report.offPeriod.until', { to: at(to) });
  if (from !== null) return t(lang, 'report.offPeriod.since', { from: at(from) });
  return t(lang, 'report.offPeriod.unknown');
}

/** The periods that ended (the one running each document states on its own). */
export const endedOffPeriods = (periods: readonly LoggingOffPeriod[] | undefined): LoggingOffPeriod[] =>
  (periods ?? []).filter((p) => p.to !== null);
