/**
 * Recipients and processors (Art. 30(1)(d), Art. 28): entered once in Einstellungen, listed in the
 * Verzeichnis. A processor works on the controller's behalf under a contract (Art. 28(3)); a
 * recipient receives data for its own purposes (a tax adviser, an authority).
 */
export const RECIPIENT_ROLES = ['processor', 'recipient'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export interface Recipient {
  id: string;
  name: string;
  role: RecipientRole;
  /** Where it processes the data; outside the EU/EEA it is a transfer (Art. 44 ff.). */
  country: string;
  /** The date of the processing contract (Art. 28(3)), YYYY-MM-DD; '' when there is none. */
  contractDate: string;
}

/** Stored in the settings under this key as an object by id, so the log names which entry changed. */
export const RECIPIENTS_KEY = 'recipients';

export type RecipientProblem = 'name' | 'role' | 'contractDate' | 'tooLong';

const MAX_TEXT = 200;

/** What is wrong with an entry, in the order the form shows its fields; [] when it can be stored. */
export function recipientProblems(r: Recipient): RecipientProblem[] {
  const problems: RecipientProblem[] = [];
  if (!r.name.trim()) problems.push('name');
  if (!RECIPIENT_ROLES.includes(r.role)) problems.push('role');
  if (r.contractDate && (!/^\d{4}-\d{2}-\d{2}$/.test(r.contractDate) || Number.isNaN(Date.parse(r.contractDate))))
    problems.push('contractDate');
  if (r.name.length > MAX_TEXT || r.country.length > MAX_TEXT) problems.push('tooLong');
  return problems;
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
}
