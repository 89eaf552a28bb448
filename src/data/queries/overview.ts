/**
 * Gathers the overview figures (Übersicht) from indexes and counts; no person record is loaded
 * except the locked ones. The figures themselves are computed in src/domain/overview.ts.
 * Storage use is left to the UI (navigator.storage.estimate()).
 */
import Dexie from 'dexie';
import { computeOverview, lastMonths, type Overview } from '../../domain/overview';
import { localDate } from '../../domain/calendar';
import type { ConsentbookDB } from '../db';
import { verifyAuditLogSinceLastCheck } from './auditIntegrity';
import { readLastBackup, readPrivacySettings } from './settings';
import { informationListUntil } from '../../domain/information';
import { consentGapPersons, noReasonPersonIds, notInformedPersons, retentionDuePersons } from './worklist';

export interface OverviewOptions {
  /** Verify the audit log's hash chain (reads the whole log); on by default. */
  verifyAudit?: boolean;
}

export async function collectOverview(
  db: ConsentbookDB,
  now: Date = new Date(),
  options: OverviewOptions = {},
): Promise<Overview> {
  const today = localDate(now);
  const [counts, worklist, consentGaps, retentionDue, notInformed, privacy, lastBackup, auditVerdict] =
    await Promise.all([
      db.transaction('r', [db.persons, db.consents, db.requests, db.breaches], async () => {
        const [natural, naturalWithoutPurpose, locked, validConsentKeys, naturalKeys, consents, requests, breaches] =
          await Promise.all([
            db.persons.where('natural').equals(1).count(),
            db.persons.where('[natural+purposeId]').equals([1, '']).count(),
            // Locked persons are few; only they are read, to keep the natural ones.
            db.persons
              .where('locked')
              .equals(1)
              .filter((p) => p.natural === 1)
              .count(),
            db.consents
              .where('[status+personId]')
              .between(['given', Dexie.minKey], ['given', Dexie.maxKey])
              .uniqueKeys() as unknown as Promise<[string, string][]>,
            db.persons.where('natural').equals(1).primaryKeys(),
            collectConsentDates(db, `${lastMonths(today)[0]}-01`),
            db.requests.where('status').anyOf(['open', 'inProgress']).toArray(),
            db.breaches.toArray(),
          ]);
        const naturalSet = new Set(naturalKeys);
        const withValidConsent = validConsentKeys.filter(([, personId]) => naturalSet.has(personId)).length;
        return { natural, naturalWithoutPurpose, locked, withValidConsent, consents, requests, breaches };
      }),
      noReasonPersonIds(db),
      consentGapPersons(db),
      retentionDuePersons(db, today),
      notInformedPersons(db, informationListUntil(today)),
      readPrivacySettings(db),
      readLastBackup(db),
      options.verifyAudit === false ? Promise.resolve(null) : verifyAuditLogSinceLastCheck(db),
    ]);
  return computeOverview(
    {
      natural: counts.natural,
      naturalWithoutPurpose: counts.naturalWithoutPurpose,
      withValidConsent: counts.withValidConsent,
      worklist: worklist.length,
      consentMissing: consentGaps.size,
      locked: counts.locked,
      retentionDue: retentionDue.size,
      notInformed: notInformed.size,
      consents: counts.consents,
      requests: counts.requests,
      breaches: counts.breaches,
      lastBackupAt: lastBackup?.at ?? null,
      backupReminderDays: privacy.backupReminderDays,
      auditVerdict,
    },
    today,
    now,
  );
}

/**
 * The dates of the consents given or withdrawn since `since` (YYYY-MM-DD). No index on the dates
 * exists; the consents are read with a cursor and only their dates kept.
 */
async function collectConsentDates(
  db: ConsentbookDB,
  since: string,
): Promise<{ givenAt: string; withdrawnAt: string | null }[]> {
  const dates: { givenAt: string; withdrawnAt: string | null }[] = [];
  await db.consents.each((c) => {
    if (c.givenAt >= since || (c.withdrawnAt ?? '') >= since)
      dates.push({ givenAt: c.givenAt, withdrawnAt: c.withdrawnAt });
  });
  return dates;
}
