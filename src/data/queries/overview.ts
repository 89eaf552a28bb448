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
import {
  consentGapPersons,
  naturalPersonIds,
  noReasonPersonIds,
  notInformedPersons,
  retentionDuePersons,
} from './worklist';
import { rawConnection } from '../db';

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
  // One read of the natural persons' ids (100,000 keys: about a second here) for their count and both joins.
  const naturalIds = naturalPersonIds(db);
  const [counts, worklist, consentGaps, retentionDue, notInformed, privacy, lastBackup, auditVerdict] =
    await Promise.all([
      db.transaction('r', [db.persons, db.consents, db.requests, db.breaches], async () => {
        const [naturalWithoutPurpose, locked, validConsentKeys, naturalKeys, consents, requests, breaches] =
          await Promise.all([
            db.persons.where('[natural+purposeId]').equals([1, '']).count(),
            // Locked persons are few; only they are read, as stored (`natural` is plain), to keep the natural ones.
            rawConnection(db)
              .persons.where('locked')
              .equals(1)
              .toArray()
              .then((locked) => locked.filter((p) => p.natural === 1).length),
            givenConsentPersonIds(db),
            naturalIds,
            collectConsentDates(db, `${lastMonths(today)[0]}-01`),
            db.requests.where('status').anyOf(['open', 'inProgress']).toArray(),
            db.breaches.toArray(),
          ]);
        const naturalSet = new Set(naturalKeys);
        const withValidConsent = [...validConsentKeys].filter((personId) => naturalSet.has(personId)).length;
        return {
          natural: naturalKeys.length,
          naturalWithoutPurpose,
          locked,
          withValidConsent,
          consents,
          requests,
          breaches,
        };
      }),
      noReasonPersonIds(db),
      consentGapPersons(db),
      retentionDuePersons(db, today, naturalIds),
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
 * The persons with a given consent. `status` and `personId` are plain fields: the given consents
 * are read as stored in one range read (their index keys by `uniqueKeys` walk a cursor, a round
 * trip per consent: 10–16 s for the 7,400 of the 100,000-person book).
 */
async function givenConsentPersonIds(db: ConsentbookDB): Promise<Set<string>> {
  const given = await rawConnection(db)
    .consents.where('[status+personId]')
    .between(['given', Dexie.minKey], ['given', Dexie.maxKey])
    .toArray();
  return new Set(given.map((c) => c.personId));
}

/**
 * The dates of the consents given or withdrawn since `since` (YYYY-MM-DD). No index on the dates
 * exists (they are sealed): every consent is read and opened, in one read — not a cursor, a round
 * trip per consent.
 */
async function collectConsentDates(
  db: ConsentbookDB,
  since: string,
): Promise<{ givenAt: string; withdrawnAt: string | null }[]> {
  const dates: { givenAt: string; withdrawnAt: string | null }[] = [];
  for (const c of await db.consents.toArray())
    if (c.givenAt >= since || (c.withdrawnAt ?? '') >= since)
      dates.push({ givenAt: c.givenAt, withdrawnAt: c.withdrawnAt });
  return dates;
}
