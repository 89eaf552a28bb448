/**
 * Sealing persons before their transaction (see presealed.ts): new persons by the open pool's
 * synchronous cipher (bulk/openRows.ts presealRows).
 */
import type { AuditEntry } from '../../domain/audit';
import type { ConsentbookDB } from '../db';
import { auditTextOf } from '../core/crypto/auditText';
import { presealRows, type PresealedRow, type PresealJob } from '../bulk/openRows';
import { sealedFrom, type Presealed } from './presealed';
import { SEALED_TABLES, TableCodec } from './sealing';

export interface PresealedPersons {
  persons: Map<string, Presealed>;
  /** Each person's audit entry's text, by person id (offered as AUDIT_TEXTS). */
  auditTexts: Map<string, Presealed>;
}

/** Seals new persons: the open pool's workers (bulk/openPool.ts), or this thread. */
export type Sealer = (job: PresealJob) => Promise<PresealedRow[]>;

/**
 * New persons sealed as the middleware would store them (`records`: as the rules will complete
 * them), each under a new key secret of their own, and — when `auditText` is given — the text of
 * the audit entry each will get, under the same key. The per-person work (the split into plain
 * fields and sealed JSON, the additional data, the secret, the cipher) is the sealer's: the pool's
 * workers, side by side. This thread keeps a copy of what was sealed, for the middleware to compare.
 */
export async function presealNewPersons(
  db: ConsentbookDB,
  records: readonly object[],
  auditText?: Pick<AuditEntry, 'comment' | 'context'>,
  sealer?: Sealer,
): Promise<PresealedPersons> {
  const codec = new TableCodec('persons', SEALED_TABLES.persons, db.core.table('persons'), db.keyring);
  const content = auditText && auditTextOf(auditText);
  const persons = records as readonly Record<string, unknown>[];
  // Copied as they are sent: what the middleware compares with is what was sealed.
  const sources = persons.map(sealedFrom);
  const job = { plain: [...codec.plain], persons, ...(content === undefined ? {} : { text: content }) };
  const sealed = await (sealer ?? ((j) => Promise.resolve(presealRows(db.keyring.requireDataKey(), j))))(job);
  const presealed = new Map<string, Presealed>();
  const auditTexts = new Map<string, Presealed>();
  for (const [i, { secret, sealed: bytes, sealedText }] of sealed.entries()) {
    presealed.set(secret.personId, { record: sources[i], sealed: bytes, secret });
    if (content !== undefined && sealedText) auditTexts.set(secret.personId, { content, sealed: sealedText, secret });
  }
  return { persons: presealed, auditTexts };
}
