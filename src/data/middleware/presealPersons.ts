/** Sealing new persons before their transaction (see presealed.ts), with WebCrypto. */
import type { AuditEntry } from '../../domain/audit';
import type { ConsentbookDB } from '../db';
import { auditTextOf, personTextAad } from '../core/crypto/auditText';
import { newPersonSecret } from '../core/crypto/keyring';
import { RECORD_SEAL_VERSION, recordAad, sealAsync } from '../core/crypto/seal';
import type { Presealed } from './presealed';
import { SEALED_TABLES, TableCodec } from './sealing';

export interface PresealedPersons {
  persons: Map<string, Presealed>;
  /** Each person's audit entry's text, by person id (offered as AUDIT_TEXTS). */
  auditTexts: Map<string, Presealed>;
}

/**
 * New persons sealed as the middleware would store them (`records`: as the rules will complete
 * them), each under a new key secret of their own, and — when `auditText` is given — the text of
 * the audit entry each will get, under the same key. WebCrypto: every record is sealed in parallel.
 */
export async function presealNewPersons(
  db: ConsentbookDB,
  records: readonly object[],
  auditText?: Pick<AuditEntry, 'comment' | 'context'>,
): Promise<PresealedPersons> {
  const codec = new TableCodec('persons', SEALED_TABLES.persons, db.core.table('persons'), db.keyring);
  const hmacKey = await crypto.subtle.importKey(
    'raw',
    db.keyring.requireDataKey() as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const encoder = new TextEncoder();
  const text = auditText && auditTextOf(auditText);
  const persons = new Map<string, Presealed>();
  const auditTexts = new Map<string, Presealed>();
  await Promise.all(
    (records as readonly Record<string, unknown>[]).map(async (record) => {
      const id = String(record.id);
      const secret = newPersonSecret(id);
      // The person key as keyring.ts derives it: HMAC-SHA-256 of the data key over the secret.
      const raw = await crypto.subtle.sign('HMAC', hmacKey, secret.secret as Uint8Array<ArrayBuffer>);
      const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
      const { plain, content } = codec.split(record);
      const aad = recordAad('persons', id, plain)(RECORD_SEAL_VERSION);
      const [sealed, sealedText] = await Promise.all([
        sealAsync(key, encoder.encode(content), aad, RECORD_SEAL_VERSION),
        text && sealAsync(key, encoder.encode(text), personTextAad(id)),
      ]);
      persons.set(id, { content, aad, sealed, secret });
      if (text && sealedText) auditTexts.set(id, { content: text, aad: personTextAad(id), sealed: sealedText, secret });
    }),
  );
  return { persons, auditTexts };
}
