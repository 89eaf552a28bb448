/**
 * Audit entries hold field keys, ids and purposes in plain (the log must be searchable and
 * verifiable), but comment and context are free text — a reason can name a person — so they are
 * stored sealed under the record key. The hash chain covers the sealed bytes (auditChain.ts).
 */
import type { AuditEntry } from '../../../domain/audit';
import { fromJsonBytes, toJsonBytes } from './json';
import type { Keyring } from './keyring';
import { aadOf, open, seal } from './seal';

const AUDIT_TEXT_AAD = aadOf('auditLog', 'text');

export function sealAuditText(keyring: Keyring, e: AuditEntry): AuditEntry {
  if (!e.comment && !e.context) return e;
  const { comment, context, ...rest } = e;
  return {
    ...rest,
    sealedText: seal(keyring.recordKey(), toJsonBytes({ comment, context }), AUDIT_TEXT_AAD),
  } as AuditEntry;
}

/** The stored entry with comment and context opened; the sealed bytes stay (the chain hashes them). */
export function openAuditText<T>(keyring: Keyring, e: T): T {
  const entry = e as AuditEntry | undefined;
  if (!entry || !(entry.sealedText instanceof Uint8Array)) return e;
  return {
    ...entry,
    ...fromJsonBytes<{ comment: string; context: string }>(open(keyring.recordKey(), entry.sealedText, AUDIT_TEXT_AAD)),
  } as T;
}
