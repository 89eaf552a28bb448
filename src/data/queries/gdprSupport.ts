/**
 * GDPR support's state for the documents (the Auskunft, the Verzeichnis) and the Protokoll screen:
 * apart from the settings queries, which the start screen loads, since it reads the log.
 */
import { isGdprSwitch, loggingOffPeriods, type LoggingOffPeriod } from '../../domain/loggingOff';
import type { GdprSupportState, PrivacySettings } from '../../domain/settings';
import { personEntries } from '../core/auditEntries';
import type { ConsentbookDB } from '../db';
import { readPrivacySettings } from './settings';

/**
 * The periods GDPR support was off (nothing about persons logged), oldest first, the one running
 * too. The settings keep no date, the log does — switching it is logged even while it is off.
 */
export async function readLoggingOffPeriods(db: ConsentbookDB, privacy?: PrivacySettings): Promise<LoggingOffPeriod[]> {
  const [{ gdprSupportDisabled }, entries] = await Promise.all([
    privacy ?? readPrivacySettings(db),
    // Settings entries are about no person: the log's range of personId '' (not the whole log), and
    // the segments naming '' — other devices' switches (segments stored before name persons only).
    personEntries(db, ''),
  ]);
  return loggingOffPeriods(entries.filter(isGdprSwitch), gdprSupportDisabled);
}

/**
 * Whether GDPR support is disabled, since when (the newest switch, which made it what it is now) and
 * every period it was.
 */
export async function readGdprSupport(db: ConsentbookDB, privacy?: PrivacySettings): Promise<GdprSupportState> {
  const settings = privacy ?? (await readPrivacySettings(db));
  const offPeriods = await readLoggingOffPeriods(db, settings);
  const running = offPeriods.at(-1);
  const disabled = settings.gdprSupportDisabled;
  return { disabled, since: disabled ? (running?.from ?? null) : null, offPeriods };
}
