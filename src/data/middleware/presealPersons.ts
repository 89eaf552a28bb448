/**
 * Sealing persons before their transaction (see presealed.ts): new persons by the open pool's
 * synchronous cipher (bulk/openRows.ts sealJobs), an update with WebCrypto.
 */
import type { AuditEntry } from '../../domain/audit';
import type { Person } from '../../domain/person';
import type { ConsentbookDB } from '../db';
import { auditTextOf, personTextAad } from '../core/crypto/auditText';
import { newPersonSecret } from '../core/crypto/keyring';
import { RECORD_SEAL_VERSION, recordAad, SEAL_VERSION, sealAsync } from '../core/crypto/seal';
import { sealJobs, type SealJob } from '../bulk/openRows';
import type { Presealed } from './presealed';
import { SEALED_TABLES, TableCodec } from './sealing';

export interface PresealedPersons {
  persons: Map<string, Presealed>;
  /** Each person's audit entry's text, by person id (offered as AUDIT_TEXTS). */
  auditTexts: Map<string, Presealed>;
}

/** Seals the texts of new persons: the open pool's workers (bulk/openPool.ts), or this thread. */
export type Sealer = (jobs: readonly SealJob[]) => Promise<Uint8Array[][]>;

/**
 * New persons sealed as the middleware would store them (`records`: as the rules will complete
 * them), each under a new key secret of their own, and — when `auditText` is given — the text of
 * the audit entry each will get, under the same key. Here each record is split into its plain
 * fields and sealed JSON; the cipher's work is the sealer's (the pool's workers, side by side).
 */
export async function presealNewPersons(
  db: ConsentbookDB,
  records: readonly object[],
  auditText?: Pick<AuditEntry, 'comment' | 'context'>,
  sealer?: Sealer,
): Promise<PresealedPersons> {
  const codec = new TableCodec('persons', SEALED_TABLES.persons, db.core.table('persons'), db.keyring);
  const text = auditText && auditTextOf(auditText);
  const made = (records as readonly Record<string, unknown>[]).map((record) => {
    const id = String(record.id);
    const { plain, content } = codec.split(record);
    return { id, secret: newPersonSecret(id), content, aad: recordAad('persons', id, plain)(RECORD_SEAL_VERSION) };
  });
  const jobs: SealJob[] = made.map(({ id, secret, content, aad }) => ({
    secret: secret.secret,
    parts: [
      { content, aad, version: RECORD_SEAL_VERSION },
      ...(text ? [{ content: text, aad: personTextAad(id), version: SEAL_VERSION }] : []),
    ],
  }));
  const sealed = await (sealer ?? ((j) => sealJobs(db.keyring.requireDataKey(), j)))(jobs);
  const persons = new Map<string, Presealed>();
  const auditTexts = new Map<string, Presealed>();
  for (const [i, { id, secret, content, aad }] of made.entries()) {
    persons.set(id, { content, aad, sealed: sealed[i][0], secret });
    if (text) auditTexts.set(id, { content: text, aad: personTextAad(id), sealed: sealed[i][1], secret });
  }
  return { persons, auditTexts };
}

/**
 * A stored person's update sealed as the middleware would store it (`record`: as the rules will
 * complete it), under their key as it is now, and the text of its audit entry beside it. Nothing
 * when their secret is not in memory (reading it would cost the round trip this saves) or the
 * database stores nothing sealed.
 */
export async function presealUpdate(
  db: ConsentbookDB,
  record: Person,
  auditText?: Pick<AuditEntry, 'comment' | 'context'>,
): Promise<PresealedPersons> {
  const persons = new Map<string, Presealed>();
  const auditTexts = new Map<string, Presealed>();
  const secret = db.sealing ? db.keyring.personSecret(record.id) : undefined;
  const raw = secret && db.keyring.personKey(record.id);
  if (!secret || !raw) return { persons, auditTexts };
  const key = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt']);
  const codec = new TableCodec('persons', SEALED_TABLES.persons, db.core.table('persons'), db.keyring);
  const encoder = new TextEncoder();
  const { plain, content } = codec.split({ ...record });
  const aad = recordAad('persons', record.id, plain)(RECORD_SEAL_VERSION);
  const text = auditText && (auditText.comment || auditText.context) ? auditTextOf(auditText) : undefined;
  const [sealed, sealedText] = await Promise.all([
    sealAsync(key, encoder.encode(content), aad, RECORD_SEAL_VERSION),
    text && sealAsync(key, encoder.encode(text), personTextAad(record.id)),
  ]);
  const under = { personId: record.id, secret: secret.slice() };
  persons.set(record.id, { content, aad, sealed, secret: under, existing: true });
  if (text && sealedText)
    auditTexts.set(record.id, {
      content: text,
      aad: personTextAad(record.id),
      sealed: sealedText,
      secret: under,
      existing: true,
    });
  return { persons, auditTexts };
}
