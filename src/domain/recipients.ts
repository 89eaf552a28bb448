/**
 * Recipients and processors (Art. 30(1)(d), Art. 28): entered once in Einstellungen, listed in the
 * Verzeichnis. A processor works on the controller's behalf under a contract (Art. 28(3)); a
 * recipient receives data for its own purposes (a tax adviser, an authority).
 */
import { countryZone } from './countryZone';
import { isFields, type RecordProblem } from './recordProblem';

export const RECIPIENT_ROLES = ['processor', 'recipient'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

/**
 * What a transfer to a third country rests on (Art. 44 ff.), as the notice must name it (Art. 13(1)(f),
 * 14(1)(f)) and the Verzeichnis document it (Art. 30(1)(e)): an adequacy decision (Art. 45), standard
 * contractual clauses (Art. 46(2)(c)), binding corporate rules (Art. 47), or a derogation for a
 * specific situation (Art. 49, e.g. explicit consent). '' for none: inside the EU/EEA, or not entered.
 */
export const TRANSFER_BASES = ['adequacy', 'sccs', 'bcr', 'derogation'] as const;
export type TransferBasis = (typeof TRANSFER_BASES)[number];

export interface Recipient {
  id: string;
  name: string;
  role: RecipientRole;
  /** Where it processes the data; outside the EU/EEA it is a transfer (Art. 44 ff.). */
  country: string;
  /** The date of the processing contract (Art. 28(3)), YYYY-MM-DD; '' when there is none. */
  contractDate: string;
  /** For a third country: what the transfer rests on; '' inside the EU/EEA (and in entries stored before). */
  transferBasis: TransferBasis | '';
  /** Which clauses, which derogation (“Einwilligung nach Art. 49 Abs. 1 lit. a”); may be ''. */
  safeguardsNote: string;
  /**
   * The purposes whose data it receives: a tax adviser the contracts', not the newsletter's. []:
   * every purpose (a host, the default, and every entry stored before it could be narrowed).
   */
  purposeIds: string[];
}

import { RECIPIENTS_KEY } from './settings';
export { RECIPIENTS_KEY, SYNC_OPERATOR_KEY } from './settings';

export type RecipientProblem = 'name' | 'role' | 'contractDate' | 'transferBasis' | 'tooLong';

export const RECIPIENT_MAX_TEXT = 200;

/** An entry as stored, by any version: the fields added since (the transfer basis) read as ''. */
export function storedRecipient(value: unknown): Recipient {
  const v = (value ?? {}) as Partial<Record<keyof Recipient, unknown>>;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  return {
    id: text(v.id),
    name: text(v.name),
    role: v.role as RecipientRole,
    country: text(v.country),
    contractDate: text(v.contractDate),
    transferBasis: text(v.transferBasis) as TransferBasis | '',
    safeguardsNote: text(v.safeguardsNote),
    purposeIds: Array.isArray(v.purposeIds) ? v.purposeIds.filter((id): id is string => typeof id === 'string') : [],
  };
}

/** Whether the entry receives the data of the purpose: it names it, or names none (every purpose). */
export const receivesFor = (r: Pick<Recipient, 'purposeIds'>, purposeId: string): boolean =>
  r.purposeIds.length === 0 || r.purposeIds.includes(purposeId);

/** A transfer to a third country (Art. 44): the country is entered and outside the EU/EEA. */
export const isThirdCountry = (r: Pick<Recipient, 'country'>): boolean => countryZone(r.country) === 'thirdCountry';

/** What is wrong with an entry, in the order the form shows its fields; [] when it can be stored. */
export function recipientProblems(r: Recipient): RecipientProblem[] {
  const problems: RecipientProblem[] = [];
  if (!r.name.trim()) problems.push('name');
  if (!RECIPIENT_ROLES.includes(r.role)) problems.push('role');
  if (r.contractDate && (!/^\d{4}-\d{2}-\d{2}$/.test(r.contractDate) || Number.isNaN(Date.parse(r.contractDate))))
    problems.push('contractDate');
  if (r.transferBasis ? !TRANSFER_BASES.includes(r.transferBasis) : isThirdCountry(r)) problems.push('transferBasis');
  if ([r.name, r.country, r.safeguardsNote].some((text) => text.length > RECIPIENT_MAX_TEXT)) problems.push('tooLong');
  return problems;
}

/** Each problem as the sync quarantine names it (after "entry <id>"). */
const PROBLEM_TEXT: Record<RecipientProblem, string> = {
  name: 'has no name',
  role: 'is neither a processor nor a recipient',
  contractDate: 'has an invalid contract date',
  transferBasis: 'names a third country without a transfer basis',
  tooLong: `has a text longer than ${RECIPIENT_MAX_TEXT} characters`,
};

const TEXT_FIELDS = ['id', 'name', 'country', 'contractDate', 'transferBasis', 'safeguardsNote'] as const;

/** Whether the stored entry `value` under `id` is an object with texts naming its own id (no form check). */
export function recipientEntryShapeProblem(id: string, value: unknown): RecordProblem | undefined {
  const invalid = (what: string): RecordProblem => ({
    messageKey: 'error.settingInvalid',
    reason: `entry ${id} ${what}`,
    params: { key: RECIPIENTS_KEY },
  });
  if (!isFields(value)) return invalid('is not an object');
  // Fields added since (the transfer basis) may be missing in an entry from before; none is of another type.
  const field = TEXT_FIELDS.find((f) => value[f] !== undefined && typeof value[f] !== 'string');
  if (field) return invalid(`has a ${field} that is not a text`);
  if (value.id !== id) return invalid('names another id');
  const purposeIds = value.purposeIds;
  if (purposeIds !== undefined && !(Array.isArray(purposeIds) && purposeIds.every((p) => typeof p === 'string')))
    return invalid('has purposes that are not a list of ids');
  return undefined;
}

/**
 * What is wrong with the stored entry `value` under `id` in the recipients' setting: an object with
 * texts, naming its own id, that passes the form's checks (recipientProblems: the first of them).
 */
export function recipientEntryProblem(id: string, value: unknown): RecordProblem | undefined {
  const shape = recipientEntryShapeProblem(id, value);
  if (shape) return shape;
  const entry = storedRecipient(value);
  const problem = recipientProblems(entry).at(0);
  if (!problem) return undefined;
  const text =
    problem === 'transferBasis' && entry.transferBasis ? 'names an unknown transfer basis' : PROBLEM_TEXT[problem];
  return { messageKey: `error.recipient.${problem}`, reason: `entry ${id} ${text}` };
}

/** Sorted for documents and lists: processors first, then by name. */
export function sortRecipients(list: readonly Recipient[]): Recipient[] {
  return [...list].sort(
    (a, b) => RECIPIENT_ROLES.indexOf(a.role) - RECIPIENT_ROLES.indexOf(b.role) || a.name.localeCompare(b.name, 'de'),
  );
}

/** Who receives the whole book's data, as the documents name them (documents/bookRecipients.ts). */
export interface BookRecipients {
  /** As entered in Einstellungen. */
  recipients: readonly Recipient[];
  /** The sync server's address when sync is configured, else null. */
  syncServer: string | null;
  /** The id of the entry chosen as the sync server's operator (SYNC_OPERATOR_KEY); '' when none is. */
  syncOperatorId: string;
}

/**
 * Who receives the data of the given purposes (a notice's, an activity's, one row of an Auskunft):
 * the entries for every purpose or for one of these, and the sync server's operator always — it
 * holds every record.
 */
export function bookRecipientsFor(book: BookRecipients, purposeIds: readonly string[]): BookRecipients {
  const recipients = book.recipients.filter(
    (r) => (book.syncServer && r.id === book.syncOperatorId) || purposeIds.some((id) => receivesFor(r, id)),
  );
  return { ...book, recipients };
}

/**
 * The entry operating the sync server: the chosen one while it is a named processor. One removed or
 * made a recipient since names nobody — the documents and the findings then say the operator is missing.
 */
export function syncOperatorOf(recipients: readonly Recipient[], recipientId: string): Recipient | null {
  if (!recipientId) return null;
  return recipients.find((r) => r.id === recipientId && r.role === 'processor' && r.name.trim()) ?? null;
}
