/**
 * Records sealed before their transaction opens, for bulk writes (the import) and a save's update
 * (savePerson). Inside a
 * transaction the sealing middleware must use the synchronous cipher (an IndexedDB transaction
 * commits on its own while a WebCrypto promise is pending), which costs about as much as the write
 * itself; before it, WebCrypto seals natively and in parallel.
 *
 * The middleware still decides: it takes a presealed value only when the record the rules hand
 * down has exactly the plain fields and content it was sealed from, and — for a person — when the
 * person is new, so the key it was sealed under becomes theirs, or (an update, `existing`) when it
 * was sealed under the secret that is theirs now. Anything else is sealed anew. A wrong guess of
 * what the rules will store costs time, never a rule or a key.
 */
import type { DBCoreTransaction } from 'dexie';
import type { AuditEntry } from '../../domain/audit';
import { auditTextOf, personTextAad, withPersonText } from '../core/crypto/auditText';
import type { Keyring, PersonKeyRecord } from '../core/crypto/keyring';

export interface Presealed {
  /** The sealed JSON (TableCodec.split) and the additional data it was sealed with. */
  content: string;
  aad: Uint8Array;
  sealed: Uint8Array;
  /** A new person's key secret, sealed under the key derived from it (for an audit text: the secret it was sealed under). */
  secret?: PersonKeyRecord;
  /**
   * Sealed under a stored person's current key (an update), not a new one: `secret` is then only
   * compared with theirs, never adopted — an erased person's old secret must not come back.
   */
  existing?: boolean;
}

const offers = new WeakMap<object, Map<string, Presealed>>();
const slot = (table: string, key: unknown) => `${table}/${String(key)}`;

/** Offers values to the transaction's sealing (inside it, before the write). */
export function offerPresealed(idbTransaction: object, table: string, values: ReadonlyMap<string, Presealed>): void {
  let offered = offers.get(idbTransaction);
  if (!offered) offers.set(idbTransaction, (offered = new Map<string, Presealed>()));
  for (const [key, value] of values) offered.set(slot(table, key), value);
}

/** Taken once: a value is never used for a second write. */
export function takePresealed(trans: DBCoreTransaction, table: string, key: unknown): Presealed | undefined {
  const offered = offers.get(trans);
  if (!offered) return undefined;
  const value = offered.get(slot(table, key));
  offered.delete(slot(table, key));
  return value;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Where presealed audit texts are offered: by person id (one entry per person, the import's). */
export const AUDIT_TEXTS = 'auditText';

/**
 * An audit entry with the text sealed before the transaction (presealPersons.ts), when that was
 * exactly this entry's text, under the key of the person's secret as it is now; else undefined.
 */
export function takePresealedText(trans: DBCoreTransaction, keyring: Keyring, e: AuditEntry): AuditEntry | undefined {
  if (!e.personId || (!e.comment && !e.context)) return undefined;
  const offered = takePresealed(trans, AUDIT_TEXTS, e.personId);
  const secret = offered?.secret && keyring.personSecret(e.personId);
  if (!offered?.secret || !secret || !sameBytes(secret, offered.secret.secret)) return undefined;
  if (offered.content !== auditTextOf(e) || !sameBytes(offered.aad, personTextAad(e.personId))) return undefined;
  return withPersonText(e, offered.sealed);
}
