/**
 * The records of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 GDPR),
 * generated from the purposes and the data actually held: for each purpose the kinds of persons
 * held with it and the watched fields actually filled among them, plus the controller and the
 * technical and organisational measures read from the app's own state. Rendered by
 * src/documents/processingRegister.ts.
 */
import { WATCHED_FIELDS } from '../../domain/fields';
import { readGdprSupport } from './gdprSupport';
import type { GdprSupportState } from '../../domain/settings';
import {
  auditFigure,
  type AuditFigure,
  type ProcessingRegister,
  type RegisterActivity,
  type TechnicalMeasures,
  type UncheckedRegister,
} from '../../domain/overview';
import { REGISTER_NOTES_KEY, type RegisterNotes } from '../../domain/registerNotes';
import { PERSON_KINDS } from '../../domain/person';
import { statedInterest } from '../../domain/purpose';
import { PERMISSIONS } from '../../domain/user';
import { verifyAuditLog, type AuditCheckProgress } from './auditIntegrity';
import { tallyPurposes, type PurposeTallies, type TallyProgress } from './registerActivities';
import type { ConsentbookDB } from '../db';
import { requirePermission, type Session } from '../core/session';
import { readController, readLastBackup, readPrivacySettings } from './settings';
import { readBookRecipients } from './recipients';
import { syncOperatorOf } from '../../domain/recipients';
import { auditChainKeyed, keyDerivationOf, readBookTagsState, readEncryptionAtRest } from './protection';

export type { ProcessingRegister, RegisterActivity, RegisterNotes, TechnicalMeasures, UncheckedRegister };

/**
 * What the documents say beside the register's own shape: GDPR support's state, since with it
 * disabled nothing about persons is logged (the measures must not claim the log).
 */
export interface RegisterSupport {
  gdprSupport: GdprSupportState;
}

/** What only the browser knows, read by the caller when the register is made. */
export interface RegisterEnvironment {
  /** navigator.storage.persisted(); null where the browser does not tell (and in tests without a browser). */
  storagePersisted: boolean | null;
}

/**
 * The register's tally on its own (registerActivities.ts: every person and consent read, seconds at
 * 100,000 persons): a screen keeps it in a live query apart from the rest of the register, so
 * saving the register's notes or any settings does not tally every person again — only a change
 * of persons or consents does. Needs 'issueReports' — refused as a rejection (async), which the
 * screen shows: thrown at the call, it escaped the screen's handler and the Verzeichnis stayed
 * "Wird geladen …" for a user without the right.
 */
export async function tallyRegisterActivities(
  db: ConsentbookDB,
  session: Session,
  onProgress?: (progress: TallyProgress) => void,
): Promise<PurposeTallies> {
  requirePermission(session, 'issueReports');
  return tallyPurposes(db, { onProgress });
}

/**
 * Gathers the register but for the audit log's verdict, which at a million entries takes a minute
 * (the Verzeichnis shows this at once and the check's progress beside it). Per purpose: the natural
 * persons assigned it or with a given consent covering it (registerActivities.ts) — tallied here,
 * or `tallied` beforehand (tallyRegisterActivities). The measures are read from the state at this
 * moment (protection.ts). Needs 'issueReports'.
 */
export async function collectUncheckedRegister(
  db: ConsentbookDB,
  session: Session,
  now: Date = new Date(),
  environment: RegisterEnvironment = { storagePersisted: null },
  { onProgress, tallied: given }: { onProgress?: (progress: TallyProgress) => void; tallied?: PurposeTallies } = {},
): Promise<UncheckedRegister & RegisterSupport> {
  requirePermission(session, 'issueReports');
  const tallied = given ? Promise.resolve(given) : tallyPurposes(db, { onProgress });
  const sealed = (table: 'persons' | 'consents') => tallied.then((t) => t.sealed[table]);
  const [controller, privacy, lastBackup, notes, atRest, keyed, { syncServer, recipients, syncOperatorId }, bookTags] =
    await Promise.all([
      readController(db),
      readPrivacySettings(db),
      readLastBackup(db),
      readRegisterNotes(db),
      readEncryptionAtRest(db, { persons: sealed('persons'), consents: sealed('consents') }),
      auditChainKeyed(db),
      readBookRecipients(db),
      readBookTagsState(db),
    ]);
  const [storedPurposes, { byPurpose: tallies }, naturalWithoutPurpose, users, groups, gdprSupport] = await Promise.all(
    [
      db.purposes.toArray(),
      tallied,
      db.persons.where('[natural+purposeId]').equals([1, '']).count(),
      db.users.toArray(),
      db.groups.count(),
      readGdprSupport(db, privacy),
    ],
  );
  const purposes = storedPurposes.sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'de'),
  );
  const activities: RegisterActivity[] = [];
  // Notes are kept only for the purposes the user wrote about.
  const notedActivities: Partial<RegisterNotes['activities']> = notes.activities;
  for (const purpose of purposes) {
    const tally = tallies.get(purpose.id);
    const activityNotes = notedActivities[purpose.id];
    // Inactive purposes no longer used leave nothing to record.
    if (!purpose.active && !tally) continue;
    const kinds = PERSON_KINDS.filter((k) => tally?.kinds.has(k));
    activities.push({
      purposeId: purpose.id,
      name: purpose.name,
      lawfulBasis: purpose.lawfulBasis,
      requiresConsent: purpose.requiresConsent,
      active: purpose.active,
      subjectCategories: kinds,
      subjectCounts: Object.fromEntries(kinds.map((k) => [k, tally?.kinds.get(k)])),
      personCount: tally?.persons ?? 0,
      dataCategories: WATCHED_FIELDS.map((f) => f.key).filter((k) => tally?.fields.has(k)),
      recipients: purpose.recipients,
      legitimateInterest: statedInterest(purpose),
      retention: purpose.retention,
      description: activityNotes?.description?.trim() ?? '',
      transfers: activityNotes?.transfers?.trim() ?? '',
    });
  }

  return {
    generatedAt: now.toISOString(),
    controller,
    activities,
    naturalWithoutPurpose,
    transactionRetention: {
      years: privacy.retentionYearsTransactions,
      accountingYears: privacy.retentionYearsAccountingTransactions,
    },
    recipients: [...recipients],
    syncProcessor: syncServer ? { server: syncServer, operator: syncOperatorOf(recipients, syncOperatorId) } : null,
    measures: {
      auditLog: { hashChain: true, keyed },
      accessControl: {
        users: users.length,
        activeUsers: users.filter((u) => u.active).length,
        administrators: users.filter((u) => u.isAdmin && u.active).length,
        groups,
        permissions: PERMISSIONS.length,
      },
      keyDerivation: keyDerivationOf(users),
      purposeRuleEnforced: !privacy.gdprSupportDisabled,
      backups: {
        encrypted: true,
        algorithm: 'AES-256-GCM, PBKDF2-SHA-256',
        lastBackupAt: lastBackup?.at ?? null,
        reminderDays: privacy.backupReminderDays,
      },
      encryptionAtRest: atRest,
      bookTags,
      idleLockMinutes: privacy.idleLockMinutes,
      storage: { persisted: environment.storagePersisted, syncServer },
    },
    additionalMeasures: notes.additionalMeasures.trim(),
    gdprSupport,
  };
}

/** The register with the audit log's verdict. */
export function withAuditVerdict<R extends UncheckedRegister>(
  register: R,
  audit: AuditFigure,
): Omit<R, 'measures'> & ProcessingRegister {
  const { keyed } = register.measures.auditLog;
  return {
    ...register,
    measures: {
      ...register.measures,
      auditLog: audit.ok
        ? { hashChain: true, keyed, entries: audit.entries, verified: true }
        : {
            hashChain: true,
            keyed,
            entries: audit.entries,
            verified: false,
            problem: audit.problem,
            problemSeq: audit.seq,
          },
    },
  };
}

/** The register whose log check could not run (the log unreadable): its row says so, no verdict comes. */
export function withAuditCheckFailed<R extends UncheckedRegister>(register: R): R {
  const auditLog = { ...register.measures.auditLog, checkFailed: true };
  return { ...register, measures: { ...register.measures, auditLog } };
}

/** How far gathering a register to issue is: the persons tallied, and the whole log's check. */
export interface RegisterProgress {
  persons?: TallyProgress;
  audit?: AuditCheckProgress;
}

/**
 * The register as issued: its activities and the whole log checked (verifyAuditLog: every chain
 * held, the checkpoints) side by side. Needs 'issueReports'.
 */
export async function collectProcessingRegister(
  db: ConsentbookDB,
  session: Session,
  now: Date = new Date(),
  environment: RegisterEnvironment = { storagePersisted: null },
  onProgress?: (progress: RegisterProgress) => void,
): Promise<ProcessingRegister & RegisterSupport> {
  requirePermission(session, 'issueReports');
  const progress: RegisterProgress = {};
  const report = (step: RegisterProgress) => onProgress?.({ ...Object.assign(progress, step) });
  const [register, verdict] = await Promise.all([
    collectUncheckedRegister(db, session, now, environment, { onProgress: (persons) => report({ persons }) }),
    verifyAuditLog(db, undefined, { onProgress: (audit) => report({ audit }) }),
  ]);
  return withAuditVerdict(register, auditFigure(verdict));
}

export async function readRegisterNotes(db: ConsentbookDB): Promise<RegisterNotes> {
  const value = (await db.settings.get(REGISTER_NOTES_KEY))?.value as Partial<RegisterNotes> | undefined;
  return { activities: { ...(value?.activities ?? {}) }, additionalMeasures: value?.additionalMeasures ?? '' };
}
