/** The data layer's public face: the database, sessions, the commands (writes) and queries (reads) the UI calls. */
export { ConsentbookDB, openDatabase, DEFAULT_DB_NAME, type StoredPerson, type StoredFile } from './db';
export { hasUsers, setupAdministrator, signIn, signOut } from './auth';
export { holdsNewestEpoch, removeMember, rewrapsOnRemoval, type Removal } from './team/members';
export type { VouchProgress } from './team/vouch';
export { requirePermission, type Session } from './core/session';
export type { ChangeReason, WriteContext } from './core/context';
export * from './core/errors';
export {
  savePerson,
  lockPerson,
  lockPersons,
  unlockPerson,
  deletePerson,
  erasePersons,
  type BulkEraseResult,
} from './commands/persons';
export { pendingChange, readStoredFile, personRetention, type PendingChange } from './queries/persons';
export {
  recordConsent,
  withdrawConsent,
  type ConsentInput,
  type WithdrawalInput,
  type EvidenceFile,
} from './commands/consents';
export {
  addTransaction,
  correctTransaction,
  deleteTransaction,
  type TransactionInput,
  type TransactionCorrection,
} from './commands/transactions';
export { queryAudit, type AuditFilter } from './queries/audit';
export { logEvent } from './commands/audit';
export { readPrivacySettings, readController, readLastBackup, type LastBackup } from './queries/settings';
export { updatePrivacySettings, updateController } from './commands/settings';
export { seedDefaultPurposes, addPurpose, updatePurpose, deletePurpose } from './commands/purposes';
export { verifyAuditLog, readAuditHead } from './queries/auditIntegrity';
export {
  createUser,
  updateUser,
  deleteUser,
  changePassphrase,
  setUserPassphrase,
  createGroup,
  updateGroup,
  deleteGroup,
  type UserInput,
  type UserChanges,
} from './commands/users';
export { noReasonPersonIds, consentGapPersons, retentionDuePersons } from './queries/worklist';
export { importPersons, type ImportBatch, type ImportResult, type MergeInto } from './commands/importPersons';
export {
  createRequest,
  setRequestStatus,
  extendRequest,
  addRequestDocument,
  closeRequestsBy,
  recordBreach,
  updateBreach,
  type RequestInput,
  type BreachInput,
} from './commands/requests';
export { requestsToFollowUp } from './queries/requests';
export {
  collectAccessReport,
  collectPortability,
  type AccessReportData,
  type PersonRecordSet,
} from './queries/reports';
export { allPortabilityJson } from './queries/databaseExport';
export { recordDocumentIssued } from './commands/documents';
export { createBackup, openBackup, restoreBackup, backupFileName, BackupError } from './commands/backup';
export {
  createCampaign,
  recordCampaignReply,
  recordCampaignLettersIssued,
  type CampaignInput,
  type CreatedCampaign,
  type CampaignReply,
} from './commands/campaigns';
export {
  refusedPersonIds,
  pendingPersonIds,
  readCampaign,
  listCampaigns,
  collectCampaignLetters,
  type CampaignLetterData,
} from './queries/campaigns';
export { collectDeadlines, collectPersonOverview } from './queries/overview';
export {
  collectProcessingRegister,
  collectUncheckedRegister,
  tallyRegisterActivities,
  withAuditVerdict,
  type UncheckedRegister,
  type RegisterProgress,
  readRegisterNotes,
  type ProcessingRegister,
  type RegisterActivity,
  type RegisterNotes,
  type TechnicalMeasures,
} from './queries/register';
export { recordRegisterIssued, saveRegisterNotes } from './commands/register';
