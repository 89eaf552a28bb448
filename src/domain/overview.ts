/**
 * The overview figures (Übersicht): the state of compliance at a glance — pure
 * computations over facts the data layer gathers; the clock is passed in (`today` as YYYY-MM-DD,
 * `now` as a Date), so every figure is reproducible. And the shape of the register of processing
 * activities (Art. 30), gathered by src/data/queries/register.ts and rendered by src/documents/processingRegister.ts.
 */
import type { ChainProblem, ChainVerdict } from './auditChain';
import type { WatchedFieldKey } from './fields';
import type { Recipient } from './recipients';
import type { PersonKind } from './person';
import type { LawfulBasis, RetentionRule } from './purpose';
import type { Controller } from './settings';
import {
  breachClock,
  isOpen,
  requestState,
  type DataBreach,
  type DataSubjectRequest,
  type RequestKind,
  type RequestStatus,
} from './requests';

/** Natural persons by state; each count leads to the list behind it. */
export interface PersonFigures {
  natural: number;
  withPurpose: number;
  withoutPurpose: number;
  withValidConsent: number;
  /** On the worklist "Ohne Einwilligung / Verwendungszweck" (no transaction, no purpose, no consent). */
  worklist: number;
  /** Held for a purpose that needs consent without a valid consent for it (the worklist's second list). */
  consentMissing: number;
  locked: number;
  /** Linked transactions' retention has run out: may (and should) be deleted. */
  retentionDue: number;
  /** Not informed (Art. 13/14) while the deadline runs out or is over: the worklist's information list. */
  notInformed: number;
}

export interface MonthFigure {
  /** YYYY-MM */
  month: string;
  given: number;
  withdrawn: number;
}

export interface RequestFigure {
  id: string;
  personId: string;
  kind: RequestKind;
  status: RequestStatus;
  dueDate: string;
  daysLeft: number;
  overdue: boolean;
}

export interface BreachFigure {
  id: string;
  knownAt: string;
  hoursLeft: number;
  overdue: boolean;
}

export interface BackupFigure {
  /** ISO timestamp of the last backup made on this device; null: never. */
  lastBackupAt: string | null;
  /** Whole days since then; null: never. */
  daysSince: number | null;
  reminderDays: number;
  /** A backup is due: never made, or older than the reminder period. */
  due: boolean;
}

/** Another device's chain held here: its device, the entries of it verified, who wrote them. */
export interface OtherChainFigure {
  device: string;
  entries: number;
  users: string[];
}

export interface AuditFigure {
  ok: boolean;
  /** Every entry verified: this device's chain and the others'. */
  entries: number;
  /** This device's chain's, when ok. */
  own?: number;
  /** The other devices' chains, each verified on its own, when ok (none: a book of one device). */
  others?: OtherChainFigure[];
  /** What is wrong and where, when not ok: the entry's number in its own chain, and that chain's device (another's). */
  problem?: ChainProblem;
  seq?: number;
  device?: string;
  deviceUsers?: string[];
}

/** The persons' figures: counted over every person (the slow part at 100,000 persons). */
export interface PersonOverview {
  persons: PersonFigures;
  /** The last 12 months, oldest first, ending with the current month. */
  consentsPerMonth: MonthFigure[];
}

/** The clocks: requests, breaches and the backup — a few records, shown first. */
export interface DeadlineOverview {
  /** Open and in-progress requests, most urgent first. */
  openRequests: RequestFigure[];
  overdueRequests: number;
  /** Breaches whose 72-hour clock still runs (authority not yet notified), most urgent first. */
  breachClocks: BreachFigure[];
  backup: BackupFigure;
}

/** The `count` months ending with the month of `today`, oldest first, as YYYY-MM. */
export function lastMonths(today: string, count = 12): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1;
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

/** Consents given and withdrawn per month over the last `count` months (by the dates recorded on the consent). */
export function consentsPerMonth(
  consents: Iterable<{ givenAt: string; withdrawnAt: string | null }>,
  today: string,
  count = 12,
): MonthFigure[] {
  const figures = lastMonths(today, count).map((month): MonthFigure => ({ month, given: 0, withdrawn: 0 }));
  const byMonth = new Map(figures.map((f) => [f.month, f] as const));
  for (const c of consents) {
    const given = byMonth.get(c.givenAt.slice(0, 7));
    if (given && c.givenAt.slice(0, 10) <= today) given.given++;
    if (c.withdrawnAt) {
      const withdrawn = byMonth.get(c.withdrawnAt.slice(0, 7));
      if (withdrawn && c.withdrawnAt.slice(0, 10) <= today) withdrawn.withdrawn++;
    }
  }
  return figures;
}

/** Open requests with days left and the overdue flag, most urgent first. */
export function requestFigures(
  requests: Iterable<Pick<DataSubjectRequest, 'id' | 'personId' | 'kind' | 'status' | 'dueDate'>>,
  today: string,
): RequestFigure[] {
  const figures: RequestFigure[] = [];
  for (const r of requests) {
    if (!isOpen(r)) continue;
    const { daysLeft, overdue } = requestState(r, today);
    figures.push({
      id: r.id,
      personId: r.personId,
      kind: r.kind,
      status: r.status,
      dueDate: r.dueDate,
      daysLeft,
      overdue,
    });
  }
  return figures.sort((a, b) => a.daysLeft - b.daysLeft || a.id.localeCompare(b.id));
}

/** Running breach clocks (authority not notified yet) with hours left, most urgent first. */
export function breachFigures(
  breaches: Iterable<Pick<DataBreach, 'id' | 'knownAt' | 'notifiedAuthorityAt'>>,
  now: Date,
): BreachFigure[] {
  const figures: BreachFigure[] = [];
  for (const b of breaches) {
    const clock = breachClock(b, now);
    if (!clock.running) continue;
    figures.push({ id: b.id, knownAt: b.knownAt, hoursLeft: clock.hoursLeft, overdue: clock.overdue });
  }
  return figures.sort((a, b) => a.hoursLeft - b.hoursLeft || a.id.localeCompare(b.id));
}

export function backupFigure(lastBackupAt: string | null, now: Date, reminderDays: number): BackupFigure {
  if (!lastBackupAt || Number.isNaN(Date.parse(lastBackupAt)))
    return { lastBackupAt: null, daysSince: null, reminderDays, due: true };
  const daysSince = Math.max(0, Math.floor((now.getTime() - Date.parse(lastBackupAt)) / 86_400_000));
  return { lastBackupAt, daysSince, reminderDays, due: daysSince >= reminderDays };
}

/** A check's problem as the screens name it: the entry's number in its own chain (another device's too). */
export type AuditProblemFigure = AuditFigure & Required<Pick<AuditFigure, 'problem' | 'seq'>>;

export function auditFigure(verdict: Extract<ChainVerdict, { ok: false }>): AuditProblemFigure;
export function auditFigure(verdict: ChainVerdict): AuditFigure;
export function auditFigure(verdict: ChainVerdict): AuditFigure {
  if (verdict.ok) {
    const others = (verdict.others ?? []).map((o) => ({ device: o.device, entries: o.head.count, users: o.users }));
    const entries = others.reduce((sum, o) => sum + o.entries, verdict.count);
    return { ok: true, entries, own: verdict.count, ...(others.length ? { others } : {}) };
  }
  return {
    ok: false,
    entries: verdict.count,
    problem: verdict.problem,
    seq: verdict.chainSeq ?? verdict.seq,
    ...(verdict.device ? { device: verdict.device, deviceUsers: verdict.deviceUsers ?? [] } : {}),
  };
}

/** The persons' raw facts, gathered with indexes and counts. */
export interface PersonFacts {
  natural: number;
  naturalWithoutPurpose: number;
  withValidConsent: number;
  worklist: number;
  consentMissing: number;
  locked: number;
  retentionDue: number;
  notInformed: number;
  consents: Iterable<{ givenAt: string; withdrawnAt: string | null }>;
}

/** The clocks' raw facts. */
export interface DeadlineFacts {
  requests: Iterable<Pick<DataSubjectRequest, 'id' | 'personId' | 'kind' | 'status' | 'dueDate'>>;
  breaches: Iterable<Pick<DataBreach, 'id' | 'knownAt' | 'notifiedAuthorityAt'>>;
  lastBackupAt: string | null;
  backupReminderDays: number;
}

export function computePersonOverview(facts: PersonFacts, today: string): PersonOverview {
  return {
    persons: {
      natural: facts.natural,
      withPurpose: facts.natural - facts.naturalWithoutPurpose,
      withoutPurpose: facts.naturalWithoutPurpose,
      withValidConsent: facts.withValidConsent,
      worklist: facts.worklist,
      consentMissing: facts.consentMissing,
      locked: facts.locked,
      retentionDue: facts.retentionDue,
      notInformed: facts.notInformed,
    },
    consentsPerMonth: consentsPerMonth(facts.consents, today),
  };
}

export function computeDeadlines(facts: DeadlineFacts, today: string, now: Date): DeadlineOverview {
  const openRequests = requestFigures(facts.requests, today);
  return {
    openRequests,
    overdueRequests: openRequests.filter((r) => r.overdue).length,
    breachClocks: breachFigures(facts.breaches, now),
    backup: backupFigure(facts.lastBackupAt, now, facts.backupReminderDays),
  };
}

// ---------------------------------------------------------------------------------------------
// The register of processing activities (Verzeichnis, Art. 30(1) GDPR)

export interface RegisterActivity {
  purposeId: string;
  name: string;
  lawfulBasis: LawfulBasis;
  requiresConsent: boolean;
  active: boolean;
  /** Categories of data subjects: the kinds of natural persons held with the purpose, in catalogue order. */
  subjectCategories: PersonKind[];
  /** Natural persons per kind (assigned the purpose, or with a valid consent covering it). */
  subjectCounts: Partial<Record<PersonKind, number>>;
  personCount: number;
  /** Categories of personal data: watched fields non-empty in at least one of those persons (keys only). */
  dataCategories: WatchedFieldKey[];
  /** Art. 30(1)(d), free text from the purpose. */
  recipients: string;
  /** Basis f: the legitimate interest pursued; '' when not stated yet (or on another basis). */
  legitimateInterest: string;
  retention: RetentionRule;
  /** Completed by the user (RegisterNotes): what the processing is, in their words; '' when not given. */
  description: string;
  /** Completed by the user: transfers to third countries (Art. 30(1)(e)); '' = none. */
  transfers: string;
}

export interface TechnicalMeasures {
  /** `keyed`: the chain's links are HMACs under a key derived from the data key (not plain hashes). */
  auditLog: {
    hashChain: true;
    keyed: boolean;
    entries: number;
    verified: boolean;
    problem?: string;
    problemSeq?: number;
  };
  accessControl: {
    users: number;
    activeUsers: number;
    administrators: number;
    groups: number;
    permissions: number;
  };
  /** How passphrases become keys, read from the stored verifiers of the active users. */
  keyDerivation: KeyDerivationState;
  /** The purpose rule of the change dialog is enforced in the database layer (off when GDPR support is disabled). */
  purposeRuleEnforced: boolean;
  backups: {
    encrypted: true;
    algorithm: 'AES-256-GCM, PBKDF2-SHA-256';
    lastBackupAt: string | null;
    reminderDays: number;
  };
  encryptionAtRest: EncryptionAtRestState;
  /** The purposes' and book settings' keyed tags, compared when the document is made. */
  bookTags: BookTagsState;
  idleLockMinutes: number;
  storage: StorageState;
}

/**
 * The keyed tags of the records kept in plain (purposes, book settings, users, groups): how many
 * records carry one, and which differ now (changed outside the app since the last sign-in); null:
 * none yet.
 */
export interface BookTagsState {
  tagged: number;
  differing: readonly string[] | null;
}

/** Encryption at rest as found in the stored records when the register is made. */
export interface EncryptionAtRestState {
  /** Every record of the sealed tables is stored sealed, and this connection seals what it writes. */
  enabled: boolean;
  algorithm: 'AES-256-GCM';
  /** Records of the sealed tables (persons, consents, files, transactions, requests, breaches, campaigns). */
  records: number;
  sealedRecords: number;
  persons: number;
  /** Persons with a key of their own (erasing the key erases the person's records). */
  personKeys: number;
}

export interface KeyDerivationState {
  algorithm: string;
  /** Lowest and highest iteration count among the active users' verifiers; null without users. */
  minIterations: number | null;
  maxIterations: number | null;
  /** Active users whose passphrase wraps the data key. */
  wrappedKeys: number;
}

export interface StorageState {
  /** navigator.storage.persisted() as the caller read it; null where the browser does not tell. */
  persisted: boolean | null;
  /** The sync server's address when sync is configured, else null (the data stay on the device). */
  syncServer: string | null;
}

export interface ProcessingRegister {
  generatedAt: string;
  controller: Controller;
  activities: RegisterActivity[];
  /** Natural persons held without any purpose (they belong on the worklist, not to an activity). */
  naturalWithoutPurpose: number;
  /** Default retention of linked business transactions (HGB § 257, AO § 147), in years. */
  transactionRetention: { years: number; accountingYears: number };
  /** Recipients and processors entered in Einstellungen (Art. 28, Art. 30(1)(d)). */
  recipients: Recipient[];
  /**
   * With sync configured, the sync server's operator, a processor: the entry an administrator chose
   * (its name, country and contract), or only the server's address while none is chosen.
   */
  syncProcessor: { server: string; operator: Recipient | null } | null;
  measures: TechnicalMeasures;
  /** Completed by the user; '' when not given. */
  additionalMeasures: string;
}

/**
 * The register before the audit log's verdict: its measures name the chain, not yet whether it
 * holds (`checkFailed`: the check itself failed — the log could not be read —, no verdict to come).
 */
export type UncheckedRegister = Omit<ProcessingRegister, 'measures'> & {
  measures: Omit<TechnicalMeasures, 'auditLog'> & {
    auditLog: { hashChain: true; keyed: boolean; checkFailed?: boolean };
  };
};
