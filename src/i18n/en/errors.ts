/** Errors the start can show: the data layer's rules, sign-in, the team's checks (the lazy commands' errors: commandErrors.ts). English, checked against the German keys. */
import type { errors as de } from '../de/errors';

export const errors = {
  'error.reasonRequired': 'Change of {fields} without purpose and comment – not saved.',
  'error.personLocked': 'The person is locked (Art. 18 GDPR): unlock it first.',
  'error.permissionDenied': 'You lack the permission "{permission}".',
  'error.notSignedIn': 'Not signed in: please sign in again.',
  'error.staleVersion': 'The person was changed meanwhile (e.g. in another tab).',
  'error.validation': 'Invalid input: {fields}.',
  'error.auditAppendOnly': 'The audit log can only be appended to, never changed or deleted.',
  'error.signIn': 'Unknown user or wrong passphrase.',
  'error.storageFull': 'The device storage is full; nothing was saved.',
  'error.retention': 'Cannot delete: a statutory retention duty applies until {date}.',
  'error.fileMissing': 'The file does not exist (any more).',
  'error.keysLocked': 'The data is locked. Please sign in again.',
  'error.personKeyMissing': 'This person was erased; their encrypted data can no longer be read.',
  'error.noKeyForUser':
    'This account has no access to the encrypted data yet. An administrator must set its passphrase anew.',
  'error.lockNew': 'Only a stored person can be locked.',
  'error.lockWithChanges': 'Locking cannot change data at the same time. Please save first.',
  'error.controllerMissing':
    'No document is made without a controller. Missing: {missing}. Please complete it under Settings → Controller.',
  'error.controllerMissing.name': 'name',
  'error.controllerMissing.address': 'address (street, postal code, city)',
  'error.controllerMissing.contact': 'e-mail or phone',
  'error.pdfFontMissing':
    'The PDF could not be made because its font could not be loaded – offline it is only at hand once the app has been loaded with an internet connection. Please reload the app while connected and make the PDF again.',
  'error.personMissing': 'The person does not exist (any more).',
  'error.withdrawalNoEvidence':
    'Please note how the withdrawal came in (e.g. “by phone to Ms Kurz”), or attach evidence.',
  'error.consentKept': 'A consent stays on record; it can only be withdrawn.',
  'error.recordKept': 'This record is kept: it documents how a duty was met.',
  'error.fileDocumentOnly': 'An issued document is only added to the request; nothing else of it changes.',
  'error.consentNew': 'A new consent is recorded as given.',
  'error.consentImmutable': 'A recorded consent cannot be changed, only withdrawn.',
  'error.settingsKept': 'Settings are changed, never deleted.',
  'error.purposeInUse': 'A purpose in use cannot be deleted; deactivate it instead.',
  'error.purposeNameRequired': 'A purpose needs a name.',
  'error.purposeNameTooLong': 'The name is too long (at most 100 characters).',
  'error.purposeExists': 'A purpose with this name already exists.',
  'error.lastAdmin': 'The last administrator cannot be removed or demoted.',
  'error.adminGrantsAdmin': 'Only an administrator can appoint or change administrators.',
  'error.userVerifier':
    "The user's passphrase verifier is invalid: it must be made with PBKDF2-SHA-256 and at least {min} iterations.",
  'error.ownRights': 'Nobody can extend their own rights; another user must grant them.',
  'error.draftNotOwn': 'A draft belongs to the user who edited it; no one else can keep or delete it.',
  'error.syncBadAddress': 'The server address "{address}" is not a valid http(s) address.',
  'error.syncUnreachable': 'The server {address} cannot be reached (no connection or a wrong address).',
  'error.syncNotCouch': 'No CouchDB server answers at {address}.',
  'error.syncAccountRefused': 'The server refused the account "{user}": user name or password is wrong.',
  'error.syncNoAccess': 'The account "{user}" has no access to the database "{database}".',
  'error.syncNoDatabase':
    'The database "{database}" does not exist on the server. Please create it there (or ask the server’s operator to) and connect again.',
  'error.syncServerError': 'The server answered with an error ({status}).',
  'error.internalTable': 'The app keeps the table {table} itself; it cannot be changed directly.',
  'error.auditNotEvent':
    'The audit log takes only events of the app (reports, exports, settings); the action "{action}" is logged with its change.',
  'error.eventNotPermitted': 'Only a user with the permission "{permission}" may log the event "{action}".',
  'error.eventAdminOnly': 'Only an administrator may log the event "{action}".',
  'error.syncOperatorAdminOnly': 'Only an administrator names the operator of the sync server.',
  'error.syncOperatorNotProcessor': 'Only an entered processor can be chosen as the operator of the sync server.',
  'error.settingInternal': 'The app keeps the setting {key} itself; it cannot be changed directly.',
  'error.settingUnknown': 'There is no setting {key}.',
  'error.eraseByCommand': 'A person is erased only through "Delete" (with an audit entry).',
  'error.sealedRecord':
    'The record {key} (table {table}) cannot be opened: it was changed outside the app or is damaged.',
  'error.userNameRequired': 'Please enter a user name.',
  'error.userNameTooLong': 'The user name is too long (at most 60 characters).',
  'error.staffNumberRequired': 'Please enter a staff number.',
  'error.passphraseTooShort': 'The passphrase needs at least {min} characters.',
  'error.alreadySetUp': 'The administrator already exists; please sign in.',
  'error.userMissing': 'The user does not exist.',
  'error.keyGrantMalformed':
    'A key grant is damaged: its id does not match its epoch, member and key, or a field is missing.',
  'error.keyGrantFixed': 'Key grants are never changed or deleted.',
  'error.removeSelf': 'Nobody can remove themselves from the team.',
  'error.removeNeedsAdmin':
    "Only administrators remove members from a synced team: what the member wrote goes out to the team again in the name of whoever removes (and every person, encrypted again, once the team's keys began).",
  'error.removeNeedsBookKey':
    "This device has not yet received the team's newest key. Please synchronise, then remove again.",
  'error.endedAccount': "Only an administrator's removal of a member from the team records their ended server account.",
  'error.userDeleteSynced':
    'In a synced book a user is not deleted: the other devices need their record for what they wrote. Remove them from the team instead.',
  'error.lowerNeedsAdmin':
    'Only an administrator takes rights from a member of a synced team: only their device can vouch for what the member wrote until then.',
  'error.vouched':
    'Only an administrator vouches for what a member wrote (when lowering their rights or removing them), and only by adding to it.',
  'ui.permission.editPersons': 'edit persons',
  'ui.permission.deletePersons': 'delete persons',
  'ui.permission.lockPersons': 'lock persons',
  'ui.permission.manageReferenceLists': 'manage reference lists',
  'ui.permission.issueReports': 'issue reports and exports',
  'ui.permission.manageUsers': 'manage users',
  'ui.permission.changePrivacySettings': 'change privacy settings',
  // Checks the data layer's rules make on values (shared with sync's incoming checks).
  'error.consentNotConfirmed': 'The consent must be confirmed actively.',
  'error.consentNoPurpose': 'A consent names at least one purpose.',
  'error.consentNoDate': 'Please enter the date the consent was given.',
  'error.consentNoEvidence':
    'Please document the consent: a file as evidence (PDF, image, e-mail) or a logged contact that holds it.',
  'error.consentVerbalNote': 'A verbal consent needs a note (who, when, where).',
  'error.transactionTitle': 'A business transaction needs a title.',
  'error.transactionDate': 'A business transaction needs a date.',
  'error.consentAttributeName': 'The name of the consent attribute may be at most {max} characters long.',
  'error.settingInvalid': 'The value of the setting {key} is not valid.',
  'error.purposeInvalid': 'The purpose has invalid entries.',
  'error.consentInvalid': 'The consent has invalid entries.',
  'error.transactionInvalid': 'The business transaction has invalid entries.',
  'error.transactionComment': 'Please say why the business transaction is corrected or deleted.',
  'error.transactionIsEvidence':
    'This business transaction is the evidence of a consent: it stays a contact with this person and cannot be deleted.',
  'error.registerNoteTooLong': 'A note in the register is too long (at most {max} characters).',
} satisfies Record<keyof typeof de, string>;
