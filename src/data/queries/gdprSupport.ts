/**
 * GDPR support's state for the documents (the Auskunft, the Verzeichnis): apart from the settings
 * queries, which the start screen loads, since it reads the log.
 */
import type { GdprSupportState, PrivacySettings } from '../../domain/settings';
import { personEntries } from '../core/auditEntries';
import type { ConsentbookDB } from '../db';
import { readPrivacySettings } from './settings';

/**
 * Whether GDPR support is disabled, and since when: the settings keep no date, the log does —
 * switching it is logged even while it is off, so the newest entry that changed it is the switch
 * to the state it is in now. Read only while it is disabled: the log's entries about no person.
 */
export async function readGdprSupport(db: ConsentbookDB, privacy?: PrivacySettings): Promise<GdprSupportState> {
  const { gdprSupportDisabled } = privacy ?? (await readPrivacySettings(db));
  if (!gdprSupportDisabled) return { disabled: false, since: null };
  // Settings entries are about no person: the log's range of personId '' (not the whole log).
  const since = (await personEntries(db, ''))
    .filter((e) => e.action === 'settingsChanged' && e.fieldKeys.includes('gdprSupportDisabled'))
    .reduce<string | null>((last, e) => (last === null || e.at > last ? e.at : last), null);
  return { disabled: true, since };
}
