/**
 * The records of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 GDPR),
 * generated from the purposes and the data actually held: for each purpose the kinds of persons
 * held with it and the watched fields actually filled among them, plus the controller and the
 * technical and organisational measures read from the app's own state. Rendered by
 * src/documents/processingRegister.ts.
 */
import { WATCHED_FIELDS, type WatchedFieldKey } from '../../domain/fields';
import { normalisedValue } from '../../domain/diff';
import {
  REGISTER_NOTES_KEY,
  type ProcessingRegister,
  type RegisterActivity,
  type RegisterNotes,
  type TechnicalMeasures,
} from '../../domain/overview';
import { PERSON_KINDS, type Person, type PersonKind } from '../../domain/person';
import { PERMISSIONS } from '../../domain/user';
import { verifyAuditLog } from './auditIntegrity';
import type { ConsentbookDB } from '../db';
import { requirePermission, type Session } from '../core/session';
import { readController, readLastBackup, readPrivacySettings, readSyncServer } from './settings';
import { readRecipients } from './recipients';
import { auditChainKeyed, keyDerivationOf, readEncryptionAtRest } from './protection';

export type { ProcessingRegister, RegisterActivity, RegisterNotes, TechnicalMeasures };

interface Tally {
  kinds: Map<PersonKind, number>;
  fields: Set<WatchedFieldKey>;
  seen: Set<string>;
}

function tallyPerson(tally: Tally, p: Person): void {
  if (tally.seen.has(p.id)) return;
  tally.seen.add(p.id);
  tally.kinds.set(p.kind, (tally.kinds.get(p.kind) ?? 0) + 1);
  if (tally.fields.size === WATCHED_FIELDS.length) return;
  for (const { key } of WATCHED_FIELDS) {
    if (tally.fields.has(key)) continue;
    const value = normalisedValue(key, p);
    if (value.length > 0) tally.fields.add(key);
  }
}

/** What only the browser knows, read by the caller when the register is made. */
export interface RegisterEnvironment {
  /** navigator.storage.persisted(); null where the browser does not tell (and in tests without a browser). */
  storagePersisted: boolean | null;
}

/**
 * Gathers the register. Per purpose: natural persons assigned it (the [natural+purposeId] index,
 * read with a cursor) and those with a valid consent covering it (the purposeIds index). The
 * measures are read from the state at this moment (protection.ts). Needs 'issueReports'.
 */
export async function collectProcessingRegister(
  db: ConsentbookDB,
  session: Session,
  now: Date = new Date(),
  environment: RegisterEnvironment = { storagePersisted: null },
): Promise<ProcessingRegister> {
  requirePermission(session, 'issueReports');
  const [controller, privacy, lastBackup, verdict, notes, atRest, keyed, syncServer, recipients] = await Promise.all([
    readController(db),
    readPrivacySettings(db),
    readLastBackup(db),
    verifyAuditLog(db),
    readRegisterNotes(db),
    readEncryptionAtRest(db),
    auditChainKeyed(db),
    readSyncServer(db),
    readRecipients(db),
  ]);

  const { activities, naturalWithoutPurpose, users, groups } = await db.transaction(
    'r',
    [db.persons, db.purposes, db.consents, db.users, db.groups],
    async () => {
      const purposes = (await db.purposes.toArray()).sort(
        (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'de'),
      );
      const activities: RegisterActivity[] = [];
      for (const purpose of purposes) {
        const tally: Tally = { kinds: new Map(), fields: new Set(), seen: new Set() };
        await db.persons
          .where('[natural+purposeId]')
          .equals([1, purpose.id])
          .each((p) => tallyPerson(tally, p));
        const consentPersonIds = new Set<string>();
        await db.consents
          .where('purposeIds')
          .equals(purpose.id)
          .each((c) => {
            if (c.status === 'given' && !tally.seen.has(c.personId)) consentPersonIds.add(c.personId);
          });
        if (consentPersonIds.size > 0) {
          for (const p of await db.persons.bulkGet([...consentPersonIds]))
            if (p && p.natural === 1) tallyPerson(tally, p);
        }
        // Inactive purposes no longer used leave nothing to record.
        if (!purpose.active && tally.seen.size === 0) continue;
        activities.push({
          purposeId: purpose.id,
          name: purpose.name,
          lawfulBasis: purpose.lawfulBasis,
          requiresConsent: purpose.requiresConsent,
          active: purpose.active,
          subjectCategories: PERSON_KINDS.filter((k) => tally.kinds.has(k)),
          subjectCounts: Object.fromEntries(
            [...tally.kinds].sort(([a], [b]) => PERSON_KINDS.indexOf(a) - PERSON_KINDS.indexOf(b)),
          ),
          personCount: tally.seen.size,
          dataCategories: WATCHED_FIELDS.map((f) => f.key).filter((k) => tally.fields.has(k)),
          recipients: purpose.recipients,
          retention: purpose.retention,
          description: notes.activities[purpose.id]?.description?.trim() ?? '',
          transfers: notes.activities[purpose.id]?.transfers?.trim() ?? '',
        });
      }
      const [naturalWithoutPurpose, users, groups] = await Promise.all([
        db.persons.where('[natural+purposeId]').equals([1, '']).count(),
        db.users.toArray(),
        db.groups.count(),
      ]);
      return { activities, naturalWithoutPurpose, users, groups };
    },
  );

  return {
    generatedAt: now.toISOString(),
    controller,
    activities,
    naturalWithoutPurpose,
    transactionRetention: {
      years: privacy.retentionYearsTransactions,
      accountingYears: privacy.retentionYearsAccountingTransactions,
    },
    recipients,
    syncProcessor: syncServer ? { server: syncServer } : null,
    measures: {
      auditLog: verdict.ok
        ? { hashChain: true, keyed, entries: verdict.count, verified: true }
        : {
            hashChain: true,
            keyed,
            entries: verdict.count,
            verified: false,
            problem: verdict.problem,
            problemSeq: verdict.seq,
          },
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
      idleLockMinutes: privacy.idleLockMinutes,
      storage: { persisted: environment.storagePersisted, syncServer },
    },
    additionalMeasures: notes.additionalMeasures.trim(),
  };
}

export async function readRegisterNotes(db: ConsentbookDB): Promise<RegisterNotes> {
  const value = (await db.settings.get(REGISTER_NOTES_KEY))?.value as Partial<RegisterNotes> | undefined;
  return { activities: { ...(value?.activities ?? {}) }, additionalMeasures: value?.additionalMeasures ?? '' };
}
