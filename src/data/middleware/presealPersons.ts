/**
 * Sealing new persons just before their write (see presealed.ts), by the synchronous cipher
 * (bulk/openRows.ts presealRows): the import seals each chunk in the task that writes it, inside
 * the transaction, while IndexedDB still writes the chunks before — sealing in workers before the
 * transaction had the import wait for both one after the other (README, "Import").
 */
import type { AuditEntry } from '../../domain/audit';
import type { ConsentbookDB } from '../db';
import { auditTextOf } from '../core/crypto/auditText';
import { presealRows } from '../bulk/openRows';
import { sealedFrom, type Presealed } from './presealed';
import { SEALED_TABLES, TableCodec } from './sealing';

export interface PresealedPersons {
  persons: Map<string, Presealed>;
  /** Each person's audit entry's text, by person id (offered as AUDIT_TEXTS). */
  auditTexts: Map<string, Presealed>;
}

/**
 * New persons sealed as the middleware would store them (`records`: as the rules will complete
 * them), each under a new key secret of their own, and — when `auditText` is given — the text of
 * the audit entry each will get, under the same key. Synchronous: a transaction may not wait for
 * another task. A copy of what was sealed is kept for the middleware to compare.
 */
export function presealNewPersons(
  db: ConsentbookDB,
  records: readonly object[],
  auditText?: Pick<AuditEntry, 'comment' | 'context'>,
): PresealedPersons {
  const codec = new TableCodec('persons', SEALED_TABLES.persons, db.core.table('persons'), db.keyring);
  const content = auditText && auditTextOf(auditText);
  const persons = records as readonly Record<string, unknown>[];
  // Copied as they are sealed: what the middleware compares with is what was sealed.
  const sources = persons.map(sealedFrom);
  const job = { plain: [...codec.plain], persons, ...(content === undefined ? {} : { text: content }) };
  const presealed = new Map<string, Presealed>();
  const auditTexts = new Map<string, Presealed>();
  for (const [i, { secret, sealed, sealedText }] of presealRows(db.keyring.requireDataKey(), job).entries()) {
    presealed.set(secret.personId, { record: sources[i], sealed, secret });
    if (content !== undefined && sealedText) auditTexts.set(secret.personId, { content, sealed: sealedText, secret });
  }
  return { persons: presealed, auditTexts };
}
