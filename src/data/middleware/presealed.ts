/**
 * Records sealed before the middleware sees them, for bulk writes (the import's new persons,
 * presealPersons.ts): each chunk is sealed in the task that writes it, so the middleware only picks
 * the plain fields — and the bench's fill seals its batches before their transactions.
 *
 * The middleware still decides: it takes a presealed value only when the record the rules hand
 * down is exactly the one it was sealed from (sameRecord), and only for a new person, so the key
 * it was sealed under becomes theirs. Anything else is sealed anew. A wrong guess of what the
 * rules will store costs time, never a rule or a key.
 */
import type { DBCoreTransaction } from 'dexie';
import type { AuditEntry } from '../../domain/audit';
import { auditTextOf, withPersonText } from '../core/crypto/auditText';
import type { Keyring, PersonKeyRecord } from '../core/crypto/keyring';

export interface Presealed {
  /**
   * A record's: the record as it was sealed — a private copy (`sealedFrom`), which nothing can
   * change after — taken only for a record equal to it (sameRecord), which splits into the same
   * plain fields (the additional data) and the same sealed JSON.
   */
  record?: Readonly<Record<string, unknown>>;
  /** An audit entry's text: the text as it was sealed (auditTextOf), under personTextAad of the secret's person. */
  content?: string;
  sealed: Uint8Array;
  /** A new person's key secret, sealed under the key derived from it (for an audit text: the secret it was sealed under). */
  secret?: PersonKeyRecord;
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

/**
 * A copy of plain data (objects, arrays, bytes, primitives) that nothing else holds: what a record
 * was sealed from stays what it was, whatever later happens to the objects it shared.
 */
export function sealedFrom<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return value.slice() as T;
  if (Array.isArray(value)) return value.map(sealedFrom) as T;
  // A spread keeps the record's shape (fields set one by one made a slower object); nested values copied after.
  const copy = { ...value } as Record<string, unknown>;
  for (const k in copy) if (typeof copy[k] === 'object' && copy[k] !== null) copy[k] = sealedFrom(copy[k]);
  return copy as T;
}

/**
 * Whether `record` is exactly what `sealed` was sealed from: the same fields with the same values —
 * nested objects with their keys in the same order, arrays alike, bytes equal — so both split
 * into the same plain fields and the same sealed JSON (TableCodec.split sorts only the top level).
 * Anything else (a date, a class instance) never counts as the same: that record is sealed anew.
 */
export function sameRecord(
  record: Readonly<Record<string, unknown>>,
  sealed: Readonly<Record<string, unknown>>,
): boolean {
  const keys = Object.keys(record);
  if (keys.length !== Object.keys(sealed).length) return false;
  for (const k of keys) if (!Object.hasOwn(sealed, k) || !sameValue(record[k], sealed[k])) return false;
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Uint8Array) return b instanceof Uint8Array && sameBytes(a, b);
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++)
    if (ka[i] !== kb[i] || !sameValue((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]]))
      return false;
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
  // Sealed under personTextAad(secret's person): the entry's own, when that is the entry's person.
  if (offered.secret.personId !== e.personId || offered.content !== auditTextOf(e)) return undefined;
  return withPersonText(e, offered.sealed);
}
