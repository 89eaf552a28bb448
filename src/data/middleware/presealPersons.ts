/** Sealing new persons before their transaction (see presealed.ts), with WebCrypto. */
import type { ConsentbookDB } from '../db';
import { newPersonSecret } from '../core/crypto/keyring';
import { RECORD_SEAL_VERSION, recordAad, sealAsync } from '../core/crypto/seal';
import type { Presealed } from './presealed';
import { SEALED_TABLES, TableCodec } from './sealing';

/**
 * New persons sealed as the middleware would store them (`records`: as the rules will complete
 * them), each under a new key secret of their own. WebCrypto: every record is sealed in parallel.
 */
export async function presealNewPersons(
  db: ConsentbookDB,
  records: readonly object[],
): Promise<Map<string, Presealed>> {
  const codec = new TableCodec('persons', SEALED_TABLES.persons, db.core.table('persons'), db.keyring);
  const hmacKey = await crypto.subtle.importKey(
    'raw',
    db.keyring.requireDataKey() as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const encoder = new TextEncoder();
  const sealed = await Promise.all(
    (records as readonly Record<string, unknown>[]).map(async (record): Promise<[string, Presealed]> => {
      const id = String(record.id);
      const secret = newPersonSecret(id);
      // The person key as keyring.ts derives it: HMAC-SHA-256 of the data key over the secret.
      const raw = await crypto.subtle.sign('HMAC', hmacKey, secret.secret as Uint8Array<ArrayBuffer>);
      const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
      const { plain, content } = codec.split(record);
      const aad = recordAad('persons', id, plain)(RECORD_SEAL_VERSION);
      const bytes = await sealAsync(key, encoder.encode(content), aad, RECORD_SEAL_VERSION);
      return [id, { content, aad, sealed: bytes, secret }];
    }),
  );
  return new Map(sealed);
}
