/**
 * Gathers the overview figures (Übersicht) from indexes and counts, in two parts the screen shows
 * as each arrives: the clocks (requests, breaches, backup) and the persons' figures. No person
 * record is loaded except the locked ones. The figures are computed in src/domain/overview.ts.
 * Storage use is left to the UI (navigator.storage.estimate()), the audit log's check to its own
 * hook (ui/audit/useAuditCheck.ts: verifyAuditLogSinceLastCheck, in runs).
 */
import {
  computeDeadlines,
  computePersonOverview,
  lastMonths,
  type DeadlineOverview,
  type PersonOverview,
} from '../../domain/overview';
import { localDate } from '../../domain/calendar';
import { rawConnection, type ConsentbookDB } from '../db';
import { tableInRuns } from '../core/tableInRuns';
import { loadEveryPersonSecret } from '../directory/bulkRead';
import { LOAD_ALL_ABOVE } from '../core/personSecrets';
import type { Consent } from '../../domain/consent';
import { readLastBackup, readPrivacySettings } from './settings';
import { informationListUntil } from '../../domain/information';
import {
  consentGapPersons,
  givenConsentPersonIds,
  naturalPersonIds,
  noReasonPersonIds,
  notInformedPersons,
  retentionDuePersons,
} from './worklist';

/**
 * The clocks — open requests, running breach clocks, the last backup: a few records and settings,
 * read apart from the persons' figures (about a second and a half at 100,000 persons), so the
 * Übersicht shows what is due at once.
 */
export async function collectDeadlines(db: ConsentbookDB, now: Date = new Date()): Promise<DeadlineOverview> {
  const [requests, breaches, privacy, lastBackup] = await Promise.all([
    Promise.all([
      db.requests.where('status').equals('open').toArray(),
      db.requests.where('status').equals('inProgress').toArray(),
    ]).then((both) => both.flat()),
    db.breaches.toArray(),
    readPrivacySettings(db),
    readLastBackup(db),
  ]);
  return computeDeadlines(
    { requests, breaches, lastBackupAt: lastBackup?.at ?? null, backupReminderDays: privacy.backupReminderDays },
    localDate(now),
    now,
  );
}

/** The natural persons by state and the consents per month: from indexes, no person record loaded except the locked ones. */
export async function collectPersonOverview(db: ConsentbookDB, now: Date = new Date()): Promise<PersonOverview> {
  const today = localDate(now);
  // One read of the natural persons' ids (100,000 keys: about half a second here) for their count and both joins.
  const naturalIds = naturalPersonIds(db);
  // Each read on its own: several go past the app's connection (plain fields as stored), so one
  // transaction around them would promise a snapshot it could not keep.
  const [
    naturalKeys,
    naturalWithoutPurpose,
    locked,
    givenConsent,
    consents,
    worklist,
    consentGaps,
    retentionDue,
    notInformed,
  ] = await Promise.all([
    naturalIds,
    db.persons.where('[natural+purposeId]').equals([1, '']).count(),
    // Locked persons are few; only they are read, as stored (`natural` is plain), to keep the natural ones.
    rawConnection(db)
      .persons.where('locked')
      .equals(1)
      .toArray()
      .then((stored) => stored.filter((p) => p.natural === 1).length),
    givenConsentPersonIds(db),
    collectConsentDates(db, `${lastMonths(today)[0]}-01`),
    noReasonPersonIds(db),
    consentGapPersons(db),
    retentionDuePersons(db, today, naturalIds),
    notInformedPersons(db, informationListUntil(today)),
  ]);
  const naturalSet = new Set(naturalKeys);
  const withValidConsent = [...givenConsent].filter((personId) => naturalSet.has(personId)).length;
  return computePersonOverview(
    {
      natural: naturalKeys.length,
      naturalWithoutPurpose,
      withValidConsent,
      worklist: worklist.length,
      consentMissing: consentGaps.size,
      locked,
      retentionDue: retentionDue.size,
      notInformed: notInformed.size,
      consents,
    },
    today,
  );
}

/**
 * The dates of the consents given or withdrawn since `since` (YYYY-MM-DD). No index on the dates
 * exists (they are sealed): every consent is read and opened — a run at a time, their persons'
 * secrets loaded first in runs too: in one read, 10,000 consents and the secrets they need were a
 * task of ~1 s at 100,000 persons.
 */
async function collectConsentDates(
  db: ConsentbookDB,
  since: string,
): Promise<{ givenAt: string; withdrawnAt: string | null }[]> {
  if ((await db.consents.count()) > LOAD_ALL_ABOVE) await loadEveryPersonSecret(db);
  const dates: { givenAt: string; withdrawnAt: string | null }[] = [];
  for await (const consents of tableInRuns<Consent>(db.consents, CONSENT_RUN))
    for (const c of consents)
      if (c.givenAt >= since || (c.withdrawnAt ?? '') >= since)
        dates.push({ givenAt: c.givenAt, withdrawnAt: c.withdrawnAt });
  return dates;
}

/** Consents opened per task: ~2,000 are ~50 ms of the page's thread here. */
const CONSENT_RUN = 2_000;
