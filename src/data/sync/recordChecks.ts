/**
 * Sync's value checks of an incoming record (check.ts): the same functions a table's rule runs on a
 * local write, and what keeps a key grant the grant it is.
 */
import { filedType, fileProblem } from '../middleware/rules/files';
import { bookSettingProblem } from '../middleware/rules/settings';
import { consentRecordProblem } from '../../domain/consent';
import { purposeProblem } from '../../domain/purpose';
import { transactionProblem } from '../../domain/transaction';
import type { RecordProblem } from '../../domain/recordProblem';
import type { KeyGrant } from '../../domain/keyGrant';
import { verifierProblem } from '../../domain/user';
import type { StoredFile } from '../core/records';
import type { MessageParams } from '../../i18n/messages';
import { refusal, type Refusal, type RefusalKey } from './refusal';

/** What makes a key grant the grant it is: its member, epoch and key pair. */
const GRANT_IDENTITY = ['id', 'epoch', 'userId', 'keyId'] as const;

/**
 * A key grant is only added (append-only, rules/deletes.ts): one held here stays the same member's
 * grant of the same epoch to the same key. Only its wrap (and who wrote it, when) may differ: two
 * administrators granting the same member the same epoch at once both write its document, CouchDB
 * keeps one, and the device whose grant lost takes the winner — its author may grant (checkAuthor:
 * manageUsers), so every device ends with the same grant. The same grant arriving again passes.
 */
export function grantRefusal(held: KeyGrant | undefined, record: Record<string, unknown>): Refusal | undefined {
  const changed = held ? GRANT_IDENTITY.filter((k) => held[k] !== record[k]) : [];
  return changed.length ? refusal('sync.refused.grantChanged', { fields: changed.join(', ') }) : undefined;
}

/** A file's type and size as the rule files them: from its content (a caller's claim is not taken). */
function storedFileProblem(file: StoredFile): RecordProblem | undefined {
  const problem = fileProblem(file);
  if (problem) return problem;
  const filed = filedType(file.data);
  if (file.mimeType !== filed.mimeType || file.size !== filed.size)
    return {
      messageKey: 'evidence.type',
      reason: `it is filed as ${file.mimeType}, ${file.size} bytes, not as its content shows`,
    };
  return undefined;
}

/**
 * The value checks of a table's rule, the same functions (persons: validatePerson, in openSealedRecord).
 * What a rule judges by its transaction's reads is judged against this device's version, or left:
 * - settings: only the fields (entries) that differ from this device's value, as the rule does;
 *   nothing held here (a first pull): shape and types only (bookSettingProblem);
 * - consents: the record — not that a held one changes only by its withdrawal (the scope keeps no
 *   earlier version, and one given and withdrawn elsewhere arrives withdrawn and new);
 * - transactions: the record — not "no locked person added" (needs the earlier version, not kept);
 * - requests, breaches, campaigns, users, groups, key grants: their rules check no values (the
 *   roster's rules: rosterRefusal; a key grant never changes: grantRefusal).
 */
/** A value check's problem as the reason a document is refused. */
export function recordRefusalOf(
  key: RefusalKey,
  problem: RecordProblem | undefined,
  params: MessageParams = {},
): Refusal | undefined {
  return problem && refusal(key, params, problem);
}

export function recordRefusal(
  table: string,
  key: string,
  record: Record<string, unknown>,
  heldSetting: unknown,
): Refusal | undefined {
  const invalid = recordRefusalOf;
  switch (table) {
    case 'settings':
      return invalid('sync.refused.invalidSetting', bookSettingProblem(key, heldSetting, record.value), {
        setting: key,
      });
    case 'purposes':
      return invalid('sync.refused.invalidPurpose', purposeProblem(record));
    case 'consents':
      return invalid('sync.refused.invalidConsent', consentRecordProblem(record));
    case 'transactions':
      return invalid('sync.refused.invalidTransaction', transactionProblem(record));
    case 'users':
      return invalid('sync.refused.invalidUser', verifierProblem(record.verifier));
    case 'files':
      return invalid('sync.refused.invalidFile', storedFileProblem(record as unknown as StoredFile));
    default:
      return undefined;
  }
}
