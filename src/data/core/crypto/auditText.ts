/**
 * Audit entries hold field keys, ids and purposes in plain (the log must be searchable and
 * verifiable), but comment and context are free text — a reason can name a person — so they are
 * stored sealed. An entry about a person is sealed under that person's key (`textKey: 'person'`):
 * erasure deletes the key, and the text becomes unreadable wherever a copy of the entry remains,
 * while the entry itself (who, when, which fields, which purpose) stays and verifies — the hash
 * chain covers the sealed bytes (auditChain.ts). Other entries, and entries written before this
 * form, are sealed under the record key.
 *
 * The erasure's own entry is written after the person's key is gone, so its reason stays readable:
 * the proof of why the person was erased.
 */
import type { AuditEntry } from '../../../domain/audit';
import { fromJsonBytes } from './json';
import type { Keyring } from './keyring';
import { aadOf, open, seal } from './seal';

const encoder = new TextEncoder();
const AUDIT_TEXT_AAD = aadOf('auditLog', 'text');
export const personTextAad = (personId: string) => aadOf('auditLog', `text/${personId}`);

/** The text that is sealed: comment and context, as JSON. */
export const auditTextOf = ({ comment, context }: Pick<AuditEntry, 'comment' | 'context'>) =>
  JSON.stringify({ comment, context });

/** An entry as stored with its text sealed under its person's key (`sealed`). */
export function withPersonText(e: AuditEntry, sealed: Uint8Array): AuditEntry {
  const { comment: _c, context: _x, ...rest } = e;
  return { ...rest, textKey: 'person', sealedText: sealed } as AuditEntry;
}

export function sealAuditText(keyring: Keyring, e: AuditEntry): AuditEntry {
  if (!e.comment && !e.context) return e;
  const { comment, context, ...rest } = e;
  const text = encoder.encode(auditTextOf({ comment, context }));
  const personKey = e.personId ? keyring.personKey(e.personId) : undefined;
  // As stored: without comment and context (the type's fields are filled again when read).
  if (personKey) return withPersonText(e, seal(personKey, text, personTextAad(e.personId)));
  return { ...rest, sealedText: seal(keyring.recordKey(), text, AUDIT_TEXT_AAD) } as AuditEntry;
}

/**
 * The stored entry with comment and context opened; the sealed bytes stay (the chain hashes them).
 * When the person's key is not at hand — the person was erased, or their secret is not loaded yet
 * (see withPersonTexts) — comment and context are empty and `textErased` says so.
 */
export function openAuditText<T>(keyring: Keyring, e: T): T {
  const entry = e as AuditEntry | undefined;
  if (!entry || !(entry.sealedText instanceof Uint8Array)) return e;
  const { textErased: _was, ...stored } = entry;
  let text: Uint8Array;
  if (entry.textKey === 'person') {
    const key = keyring.personKey(entry.personId);
    if (!key) return { ...stored, comment: '', context: '', textErased: true } as T;
    text = open(key, entry.sealedText, personTextAad(entry.personId));
  } else {
    text = open(keyring.recordKey(), entry.sealedText, AUDIT_TEXT_AAD);
  }
  return { ...stored, ...(fromJsonBytes(text) as { comment: string; context: string }) } as T;
}
