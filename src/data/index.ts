/** The data layer's public face: the database, sessions and the commands the UI calls. */
export { ConsentbookDB, openDatabase, DEFAULT_DB_NAME, type StoredPerson, type StoredFile } from './db';
export { hasUsers, setupAdministrator, signIn, signOut } from './auth';
export { requirePermission, type Session } from './core/session';
export type { ChangeReason, WriteContext } from './core/context';
export * from './core/errors';
export {
  pendingChange,
  savePerson,
  lockPerson,
  unlockPerson,
  deletePerson,
  erasePersons,
  readStoredFile,
  personRetention,
  type PendingChange,
  type BulkEraseResult,
} from './persons';
export { recordConsent, withdrawConsent, type ConsentInput, type WithdrawalInput, type EvidenceFile } from './consents';
export { addTransaction, type TransactionInput } from './transactions';
export { queryAudit, logEvent, type AuditFilter } from './audit';
export { readPrivacySettings, updatePrivacySettings, readController, updateController } from './settings';
export { seedDefaultPurposes, addPurpose, updatePurpose, deletePurpose } from './purposes';
export { verifyAuditLog, readAuditHead } from './auditIntegrity';
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
} from './users';
export { noReasonPersonIds, consentWithdrawnPersonIds, retentionDuePersons, worklistIds } from './worklist';
export { importPersons, type ImportBatch, type ImportResult, type MergeInto } from './importPersons';
export {
  createRequest,
  setRequestStatus,
  extendRequest,
  addRequestDocument,
  recordBreach,
  updateBreach,
  type RequestInput,
  type BreachInput,
} from './requests';
export {
  collectAccessReport,
  collectPortability,
  allPortability,
  recordDocumentIssued,
  type AccessReportData,
  type PersonRecordSet,
} from './reportsData';
export { createBackup, openBackup, restoreBackup, backupFileName, BackupError } from './backup';
export {
  createCampaign,
  recordCampaignReply,
  refusedPersonIds,
  pendingPersonIds,
  readCampaign,
  listCampaigns,
  collectCampaignLetters,
  recordCampaignLettersIssued,
  type CampaignInput,
  type CreatedCampaign,
  type CampaignReply,
  type CampaignLetterData,
} from './campaigns';
export { collectOverview, lastBackupAt, type OverviewOptions } from './overview';
export {
  collectProcessingRegister,
  recordRegisterIssued,
  readRegisterNotes,
  saveRegisterNotes,
  type ProcessingRegister,
  type RegisterActivity,
  type RegisterNotes,
  type TechnicalMeasures,
} from './register';
