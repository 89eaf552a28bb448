/**
 * The restore's own audit entry (commands/backup.ts restoreBackup) belongs to the restored book's
 * chain, sealed and chained with that book's keys. A backup of another book: its keys open only
 * with a passphrase of one of its users, so the restore keeps the entry pending (a settings record
 * written in its transaction) and the first sign-in into the restored book chains it (auth.ts).
 * Apart from backup.ts, which auth.ts must not import (it imports auth.ts, and is loaded only when
 * used).
 */
import type { AuditEntry } from '../../domain/audit';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AuditKey } from '../../domain/auditChain';
import { canonicalJson } from '../../domain/canonicalJson';
import { appendToChain } from '../core/auditAppend';
import type { Keyring } from '../core/crypto/keyring';
import { rawConnection, type ConsentbookDB } from '../db';
import type { Session } from '../core/session';
import { auditEntry } from '../middleware/audit';

/** Settings key of the entries a restore left for the restored book's keys. */
export const PENDING_RESTORE_LOG = 'pendingRestoreLog';

/** A waiting entry; one of the sealing's carries its HMAC under the audit key (`tagPending`). */
export type PendingEntry = AuditEntry & { pendingMac?: string };

/** The HMAC of a waiting entry under the audit key, over the entry as canonical JSON. */
function pendingMacOf(entry: AuditEntry, key: AuditKey): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes(`pending/${canonicalJson(entry)}`)));
}

/**
 * An entry made signed in that must wait (the sealing of records found in plain, auth.ts): tagged
 * with the audit key, so one planted where it waits — a plain record — is told apart.
 */
export function tagPending(entry: AuditEntry, key: AuditKey): PendingEntry {
  return { ...entry, pendingMac: pendingMacOf(entry, key) };
}

/**
 * What a restore (`restore:…`) or the sealing of records found in plain (`sealed:…`, auth.ts) leaves
 * pending, and the entry saying others were refused (`pendingRefused:…`, below; a restore leaves it
 * pending with its own): a settings entry about the book, naming no person, purpose or field. The
 * record is plain, so anyone with the device's files could put entries there — a consent "given"
 * by a user of their choosing, chained as genuine at the next sign-in. Only these kinds are
 * taken, and a sealing's only with its HMAC under the book's audit key (`key`; the sealing runs
 * signed in). A restore of another book cannot tag its entry — that book's keys open only with a
 * passphrase of one of its users (README: a planted `restore:` entry is chained as it is).
 */
function isPendingKind(value: unknown, key: AuditKey | undefined): value is PendingEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Partial<Record<keyof PendingEntry, unknown>>;
  const texts = [e.at, e.userId, e.userName, e.staffNumber, e.comment];
  return (
    e.action === 'settingsChanged' &&
    e.personId === '' &&
    e.purposeId === '' &&
    e.purposeName === '' &&
    Array.isArray(e.fieldKeys) &&
    e.fieldKeys.length === 0 &&
    typeof e.context === 'string' &&
    /^(restore|sealed|pendingRefused):/.test(e.context) &&
    texts.every((t) => typeof t === 'string') &&
    Object.keys(e).every((k) => PENDING_FIELDS.has(k)) &&
    (!e.context.startsWith('sealed:') || macHolds(value as PendingEntry, key))
  );
}

function macHolds({ pendingMac, ...entry }: PendingEntry, key: AuditKey | undefined): boolean {
  return !!key && typeof pendingMac === 'string' && pendingMac === pendingMacOf(entry, key);
}

const PENDING_FIELDS = new Set([
  'at',
  'userId',
  'userName',
  'staffNumber',
  'personId',
  'action',
  'purposeId',
  'purposeName',
  'comment',
  'fieldKeys',
  'context',
  'pendingMac',
]);

/**
 * The entries a restore left pending (none: []), as found (a sealing's with its HMAC, for a
 * later check). Any other found there is not chained: one entry in its place says how many were
 * refused, in the name of `session` (who found them). `key`: the book's audit key.
 */
export function pendingOf(
  record: { value: unknown } | undefined,
  session: Session,
  key: AuditKey | undefined,
): PendingEntry[] {
  const found: unknown[] = Array.isArray(record?.value) ? record.value : [];
  const taken = found.filter((e) => isPendingKind(e, key));
  const refused = found.length - taken.length;
  if (refused > 0) taken.push(auditEntry({ session }, 'settingsChanged', '', { context: `pendingRefused:${refused}` }));
  return taken;
}

/**
 * The pending entries joined to the chain, in the caller's transaction of the raw connection: a
 * waiting entry's HMAC tagged it where it waited; the chain's own keyed hash covers it now.
 */
export async function appendPending(raw: ConsentbookDB, keyring: Keyring, entries: PendingEntry[]): Promise<void> {
  await appendToChain(
    raw,
    keyring,
    entries.map(({ pendingMac: _mac, ...e }) => e),
  );
}

/**
 * At the first sign-in into a book restored from another book's backup, with the keys the sign-in
 * just opened: the pending entries join the chain and the marker goes, in one transaction — or
 * neither (the sign-in fails and the next one tries again).
 */
export async function logPendingRestore(db: ConsentbookDB, session: Session): Promise<void> {
  const raw = rawConnection(db);
  await raw.transaction('rw', [raw.settings, raw.auditLog], async () => {
    const pending = pendingOf(await raw.settings.get(PENDING_RESTORE_LOG), session, db.keyring.auditKey());
    if (pending.length === 0) return;
    await appendPending(raw, db.keyring, pending);
    await raw.settings.delete(PENDING_RESTORE_LOG);
  });
}
