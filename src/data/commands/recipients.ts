/**
 * Recipients and processors (Art. 28), entered once in Einstellungen: add, change, remove. Stored
 * in the settings (RECIPIENTS_KEY, by id); the settings rule checks 'changePrivacySettings' and
 * logs each change with the ids it touched, like every other setting. Which of them operates the
 * sync server is chosen apart (SYNC_OPERATOR_KEY), by an administrator.
 */
import {
  isThirdCountry,
  recipientEntryProblem,
  RECIPIENTS_KEY,
  SYNC_OPERATOR_KEY,
  type Recipient,
} from '../../domain/recipients';
import type { ConsentbookDB } from '../db';
import { problemError, RuleError } from '../core/errors';
import type { Session } from '../core/session';
import { readRecipientsById } from '../queries/recipients';
import { writeWith } from '../write';

/**
 * Trimmed and checked; a transfer basis is kept only for a third country (the form hides it otherwise).
 * Checked here, before the write, by the check the settings rule and sync use (recipientEntryProblem):
 * a bad entry is named by its first problem before any other refusal.
 */
function checked(r: Recipient): Recipient {
  const country = r.country.trim();
  const transfer = isThirdCountry({ country });
  const value: Recipient = {
    id: r.id,
    name: r.name.trim(),
    role: r.role,
    country,
    contractDate: r.contractDate.trim(),
    transferBasis: transfer ? r.transferBasis : '',
    safeguardsNote: transfer ? r.safeguardsNote.trim() : '',
    purposeIds: [...new Set(r.purposeIds)],
  };
  const problem = recipientEntryProblem(value.id, value);
  if (problem) throw problemError(problem);
  return value;
}

async function change(
  db: ConsentbookDB,
  session: Session,
  edit: (byId: Map<string, Recipient>) => void,
): Promise<void> {
  await writeWith(db, { session }, [db.settings], async () => {
    const byId = await readRecipientsById(db);
    edit(byId);
    await db.settings.put({ key: RECIPIENTS_KEY, value: Object.fromEntries(byId) });
  });
}

/** Adds an entry (a new id) or changes the one with its id. Returns the stored entry. */
export async function saveRecipient(db: ConsentbookDB, session: Session, recipient: Recipient): Promise<Recipient> {
  const value = checked({ ...recipient, id: recipient.id || crypto.randomUUID() });
  await change(db, session, (byId) => {
    if (recipient.id && !byId.has(recipient.id))
      throw new RuleError('error.recipient.missing', `No recipient ${recipient.id}`);
    byId.set(value.id, value);
  });
  return value;
}

export async function removeRecipient(db: ConsentbookDB, session: Session, id: string): Promise<void> {
  await change(db, session, (byId) => {
    if (!byId.delete(id)) throw new RuleError('error.recipient.missing', `No recipient ${id}`);
  });
}

/**
 * Names the entered processor that operates the sync server ('' names none). Administrators only
 * (the settings rule refuses anyone else); an entry that is no processor is refused. Logged as a
 * settings change.
 */
export async function chooseSyncOperator(db: ConsentbookDB, session: Session, recipientId: string): Promise<void> {
  await writeWith(db, { session }, [db.settings], async () => {
    const entry = recipientId ? (await readRecipientsById(db)).get(recipientId) : undefined;
    if (recipientId && (entry?.role !== 'processor' || !entry.name.trim()))
      throw new RuleError('error.syncOperatorNotProcessor', `No processor ${recipientId}`);
    await db.settings.put({ key: SYNC_OPERATOR_KEY, value: { recipientId } });
  });
}
