/**
 * Backups: the whole database (evidence files included) as one file, compressed and encrypted
 * with AES-GCM under a key derived from a passphrase. Restoring checks the file, the passphrase,
 * the version and the structure first, then replaces every table in one transaction.
 *
 * File layout: a text line "CONSENTBOOK-BACKUP 1", a JSON header line (format version, schema
 * version, KDF salt and iterations, IV, ciphertext length, the audit checkpoint), then the
 * ciphertext. The header is authenticated as additional data, so flipping a byte anywhere fails.
 *
 * Format 2 holds the records as stored — personal data sealed (middleware/sealing.ts), with the person key
 * secrets and the users' wrapped data keys — so reading a backup needs the backup passphrase AND
 * a user's passphrase. Restoring honours every erasure this device has seen since (the
 * `erasures` tombstones survive the restore): the erased persons' key secrets and sealed records
 * are not restored, so an older backup does not bring an erased person back.
 *
 * The restore's own audit entry belongs to the restored book's chain, sealed and chained with its
 * keys (restoreBackup, restoreLog.ts): written in the restore's transaction when the keys are this
 * book's, else kept as pending in that transaction and written at the first sign-in into it.
 */
import { AUDIT_HEAD_KEY, type AuditKey, type ChainHead } from '../../domain/auditChain';
import type { Checkpoint } from '../../domain/checkpoint';
import { readAuditHead, verifyStoredLog, type StoredEntry } from '../queries/auditIntegrity';
import { rawConnection, type ConsentbookDB, type Erasure } from '../db';
import { RuleError, StorageFullError, type ErrorKey } from '../core/errors';
import type { MessageParams } from '../../i18n/messages';
import { fromBase64, PBKDF2_ITERATIONS, toBase64 } from '../core/crypto/passphrase';
import { bytesReplacer, bytesReviver } from '../core/crypto/json';
import { signOut } from '../auth';
import { appendPending, PENDING_RESTORE_LOG, pendingOf } from './restoreLog';
import { auditEntry } from '../middleware/audit';
import { isSealed, SEALED_TABLES } from '../middleware/sealing';
import { SEALED_MARK_KEY } from '../../domain/settings';
import {
  backupHeaderSchema,
  backupPayloadSchema,
  BACKUP_TABLES,
  KDF_ITERATIONS,
  type BackupPayload,
} from './backupSchema';
import { CURRENT_SCHEMA_VERSION } from '../core/schema';
import { rebuildStatuses, statusTables } from '../core/personStatus';
import { requirePermission, type Session } from '../core/session';
import { writeWith } from '../write';
import { SYNC_CONFIG_KEY, SYNC_STATE_SETTINGS } from '../middleware/outbox';
import { dropReplica, startSync, stopSync } from '../sync';
import { allEntries } from '../core/auditEntries';
import { readAllSecrets } from '../core/personSecrets';

const MAGIC = 'CONSENTBOOK-BACKUP 1\n';
export const BACKUP_FORMAT_VERSION = 2;

interface BackupHeader {
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  kdf: { name: 'PBKDF2-SHA-256'; iterations: number; salt: string };
  iv: string;
  length: number;
  /** The audit log's head at backup time: a checkpoint kept outside the device. */
  auditHead: ChainHead | null;
  /** Names the book's data key (keyring.ts): a backup of this book is checked with this device's audit key. */
  keyId?: string;
}

export class BackupError extends RuleError {}

/**
 * Unpacking is capped: real backups (mostly ciphertext) unpack to a few times their size, so a
 * file that unpacks to more than UNPACK_RATIO times its size is refused unread. The absolute cap
 * sits just under the longest string the browser can hold, which the content must become anyway.
 */
const UNPACK_RATIO = 64;
const UNPACK_MIN_BYTES = 16 * 2 ** 20;
const UNPACK_MAX_BYTES = 500 * 2 ** 20;

async function backupKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function gzip(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Blob([data]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Gunzips, stopping with `backup.tooLarge` as soon as the output passes `limit` bytes. */
async function gunzipCapped(data: Uint8Array<ArrayBuffer>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = new Blob([data]).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    total += r.value.length;
    if (total > limit) {
      await reader.cancel();
      fail('backup.tooLarge', `The backup content unpacks to more than ${limit} bytes; it is not opened`, {
        limit: Math.round(limit / 2 ** 20),
      });
    }
    chunks.push(r.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Named by the device's local time: the time the user sees on the clock, not UTC. */
export function backupFileName(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()]
    .map(pad)
    .join('-');
  return `consentbook-sicherung-${stamp}.cbbackup`;
}

export async function createBackup(db: ConsentbookDB, session: Session, passphrase: string): Promise<Uint8Array> {
  requirePermission(session, 'issueReports');
  if (passphrase.length < 8)
    throw new BackupError('error.backupPassphrase', 'The backup passphrase needs at least 8 characters');
  // As stored: sealed records stay sealed (see the file comment).
  const raw = rawConnection(db);
  // The tables and the chain's head the header names, read together: a head read later could be
  // ahead of the log the file holds (a save meanwhile), and the restore would refuse the file.
  const { tables, auditHead } = await raw.transaction(
    'r',
    [...BACKUP_TABLES.map((t) => raw.table(t)), raw.auditSegments, raw.personKeyGroups],
    async () => {
      // The log expanded, an entry a record, as before segments, and the key secrets a record
      // each, as before groups (core/personSecrets.ts): the backup's format stays.
      const read = (t: (typeof BACKUP_TABLES)[number]): Promise<unknown[]> =>
        t === 'auditLog' ? allEntries(raw) : t === 'personKeys' ? readAllSecrets(raw) : raw.table(t).toArray();
      const entries = await Promise.all(BACKUP_TABLES.map(async (t) => [t, await read(t)] as const));
      return { tables: Object.fromEntries(entries), auditHead: (await readAuditHead(raw)) ?? null };
    },
  );
  const createdAt = new Date().toISOString();
  const payload = {
    format: 'consentbook-backup',
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt,
    createdBy: session.userName,
    tables,
  };
  const plain = await gzip(new TextEncoder().encode(JSON.stringify(payload, bytesReplacer)));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const header: BackupHeader = {
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt,
    kdf: { name: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, salt: toBase64(salt) },
    iv: toBase64(iv),
    length: plain.length + 16,
    auditHead,
    keyId: db.keyring.keyId(),
  };
  const headerLine = new TextEncoder().encode(MAGIC + JSON.stringify(header) + '\n');
  const key = await backupKey(passphrase, salt, PBKDF2_ITERATIONS);
  const cipher = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerLine }, key, plain),
  );
  const file = new Uint8Array(headerLine.length + cipher.length);
  file.set(headerLine);
  file.set(cipher, headerLine.length);
  // When it was made, for the Übersicht. A full disk must not cost the user the backup — the one
  // thing to have then: the file is handed over, only the date stays the one before.
  await writeWith(db, { session }, [db.settings], () =>
    db.settings.put({ key: 'lastBackup', value: { at: createdAt, by: session.userName, auditHead: header.auditHead } }),
  ).catch((e: unknown) => {
    if (!(e instanceof StorageFullError)) throw e;
  });
  return file;
}

function fail(key: ErrorKey, message: string, params: MessageParams = {}): never {
  throw new BackupError(key, message, params);
}

/** The header line, checked field by field before any of it is used. */
function readHeader(file: Uint8Array): { header: BackupHeader; headerEnd: number } {
  const magic = new TextEncoder().encode(MAGIC);
  if (file.length < magic.length || !magic.every((b, i) => file[i] === b))
    fail('backup.notBackup', 'This is not a Consentbook backup file');
  const headerEnd = file.indexOf(0x0a, magic.length);
  if (headerEnd < 0) fail('backup.damaged', 'The backup file is damaged (no header)');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(file.subarray(magic.length, headerEnd)));
  } catch {
    fail('backup.damaged', 'The backup file is damaged (header unreadable)');
  }
  // A newer version may change the header itself: say so before judging its fields.
  const version = (json ?? {}) as { formatVersion?: unknown; schemaVersion?: unknown };
  if (
    (typeof version.formatVersion === 'number' && version.formatVersion > BACKUP_FORMAT_VERSION) ||
    (typeof version.schemaVersion === 'number' && version.schemaVersion > CURRENT_SCHEMA_VERSION)
  ) {
    fail('backup.newerVersion', 'The backup was made by a newer version of Consentbook; update the app first', {
      version: String(version.schemaVersion ?? version.formatVersion),
    });
  }
  const parsed = backupHeaderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'header';
    fail('backup.badHeader', `The backup file's header is invalid at ${field}: ${issue.message}`, { field });
  }
  const { iterations } = parsed.data.kdf;
  if (iterations < KDF_ITERATIONS.min || iterations > KDF_ITERATIONS.max)
    fail(
      'backup.iterations',
      `The backup asks for ${iterations} key derivation iterations; only ${KDF_ITERATIONS.min}–${KDF_ITERATIONS.max} are accepted`,
      { iterations, min: KDF_ITERATIONS.min, max: KDF_ITERATIONS.max },
    );
  return { header: parsed.data as BackupHeader, headerEnd };
}

/**
 * Restoring replaces every user, so a backup no administrator could sign into would lock
 * everyone out: an active administrator with a verifier (checked by the schema) and — once the
 * data is encrypted — a wrapped data key must be there.
 */
function assertSignInPossible(tables: BackupPayload['tables']): void {
  const encrypted =
    tables.users.some((u) => u.dataKey) ||
    (tables.personKeys ?? []).length > 0 ||
    tables.persons.some((p) => 'sealed' in p);
  if (!tables.users.some((u) => u.isAdmin && u.active && (!encrypted || u.dataKey)))
    fail(
      'backup.noSignIn',
      'No one could sign in after restoring this backup: it holds no active administrator with a passphrase and a wrapped data key',
    );
}

/**
 * A backup of a book whose records are all sealed (its settings carry the mark) holds none in plain:
 * one would have been put into the file by hand — its content opens with the backup passphrase —
 * and is refused as the device refuses it (core/errors.ts plainRecordError). A backup of a book
 * from before encryption holds them in plain; the first sign-in after its restore seals and logs
 * them (auth.ts sealLegacyRecords).
 */
function assertNothingInPlain(tables: BackupPayload['tables']): void {
  if (!tables.settings.some((s) => s.key === SEALED_MARK_KEY)) return;
  for (const table of Object.keys(SEALED_TABLES)) {
    const rows = (tables as Record<string, readonly Record<string, unknown>[] | undefined>)[table] ?? [];
    const plain = rows.find((r) => !isSealed(r));
    if (plain)
      fail(
        'backup.plainRecord',
        `The backup holds the record ${table}/${String(plain.id)} in plain, though its book seals every record: the file was changed`,
        { table, key: String(plain.id) },
      );
  }
}

/**
 * The audit checkpoint a backup file carries, read from its header without the passphrase (the
 * header is plain; the passphrase authenticates it). For "Protokoll gegen Nachweis prüfen".
 */
export function readBackupCheckpoint(file: Uint8Array): Checkpoint {
  const head = readHeader(file).header.auditHead;
  if (!head || !(head.lastSeq >= 1)) fail('backup.noCheckpoint', 'This backup holds no audit checkpoint (empty log)');
  return { seq: head.lastSeq, hash: head.hash };
}

/**
 * Reads and checks a backup file without writing anything. The audit chain is checked link by
 * link; its keyed hashes need the book's audit key (`auditKey`, see restoreBackup).
 */
export async function openBackup(file: Uint8Array, passphrase: string, auditKey?: AuditKey): Promise<BackupPayload> {
  const { header, headerEnd } = readHeader(file);
  const cipher = file.slice(headerEnd + 1);
  if (cipher.length < header.length) fail('backup.truncated', 'The backup file is incomplete (truncated)');
  if (cipher.length > header.length) fail('backup.damaged', 'The backup file is damaged (unexpected data at the end)');
  // Asked for, not judged wrong: an empty one was reported as "Falsche Passphrase".
  if (!passphrase) fail('backup.passphraseMissing', 'Enter the passphrase of the backup');
  const key = await backupKey(passphrase, fromBase64(header.kdf.salt), header.kdf.iterations);
  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(header.iv), additionalData: file.slice(0, headerEnd + 1) },
        key,
        cipher,
      ),
    );
  } catch {
    fail('backup.wrongPassphrase', 'Wrong passphrase, or the backup file was changed');
  }
  let unpacked: Uint8Array<ArrayBuffer>;
  try {
    const limit = Math.min(UNPACK_MAX_BYTES, Math.max(UNPACK_MIN_BYTES, file.length * UNPACK_RATIO));
    unpacked = await gunzipCapped(plain, limit);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    fail('backup.damaged', 'The backup file is damaged (content not unpackable)');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(unpacked), bytesReviver);
  } catch {
    fail('backup.damaged', 'The backup file is damaged (content unreadable)');
  }
  const parsed = backupPayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail('backup.invalid', `The backup content is invalid at ${issue.path.join('.')}: ${issue.message}`, {
      path: issue.path.join('.'),
    });
  }
  assertSignInPossible(parsed.data.tables);
  assertNothingInPlain(parsed.data.tables);
  const verdict = verifyStoredLog(
    parsed.data.tables.auditLog as unknown as StoredEntry[],
    header.auditHead ?? undefined,
    auditKey,
  );
  if (!verdict.ok)
    fail(
      'backup.auditBroken',
      `The audit log in the backup does not verify (${verdict.problem} at entry ${verdict.seq})`,
      { seq: verdict.seq },
    );
  return parsed.data;
}

/** The backup's records minus everything of persons erased (here or in the backup's own past). */
function withoutErased(tables: BackupPayload['tables'], deviceErasures: readonly Erasure[]) {
  const erasures = new Map<string, Erasure>();
  for (const e of [...(tables.erasures ?? []), ...deviceErasures]) {
    const known = erasures.get(e.personId);
    if (!known || e.at < known.at) erasures.set(e.personId, e);
  }
  const gone = (id: unknown) => typeof id === 'string' && erasures.has(id);
  const erasedAgain = tables.persons.filter((p) => gone(p.id)).length;
  return {
    erasedAgain,
    tables: {
      ...tables,
      persons: tables.persons.filter((p) => !gone(p.id)),
      consents: tables.consents.filter((c) => !gone(c.personId)),
      files: tables.files.filter((f) => !gone(f.personId)),
      // Business records stay; their link to an erased person goes (as at the erasure itself).
      transactions: tables.transactions.map((t) =>
        t.personIds.some(gone) ? { ...t, personIds: t.personIds.filter((id) => !gone(id)) } : t,
      ),
      personKeys: (tables.personKeys ?? []).filter((k) => !gone(k.personId)),
      erasures: [...erasures.values()],
    },
  };
}

/**
 * What a chosen file says of itself before its passphrase opens it: when it was made, and whether it
 * is a backup of this book (the same data key) — a new device restoring the old one's is not. Its
 * header is not authenticated yet: a file claiming this book is checked in full with this book's
 * audit key by the restore, and refused if it is not. Throws what the restore would for a file that
 * is no backup (BackupError).
 */
export function describeBackup(db: ConsentbookDB, file: Uint8Array): { createdAt: string; sameBook: boolean } {
  const { header } = readHeader(file);
  return { createdAt: header.createdAt, sameBook: header.keyId === db.keyring.keyId() };
}

/**
 * Replaces the whole database with the backup, all-or-nothing. Administrators only. The restored
 * database has the backup's users and data key: the keys leave memory, everyone signs in again.
 *
 * A restore disconnects the device from its sync server (`disconnected`: it was connected). The
 * restored book is an older state: pushing it would overwrite the team's later changes with older
 * ones, and this device's audit entries made after the backup are on the server under ids the
 * restored log would use again for other entries. Re-pulling over it would undo the restore. So the
 * replication stops first (nothing is applied over the restore), and the restore drops, with the
 * data, the connection, the outbox, the revisions, conflict flags, quarantine and chain checkpoints,
 * the checkpoint and the device id — and any the backup itself carried. The server keeps everything; this device
 * joins again (README, "Restore and sync").
 *
 * The restore's own entry (`settingsChanged`, context `restore:<backup's date>`, the restoring
 * administrator as actor) is the first one after the backup's log, sealed and chained with the
 * restored book's keys — the replaced book's would break its chain ("changed") and leave the entry
 * unreadable. A backup of this book: the keys in memory are the restored book's, and the entry is
 * chained in the restore's transaction (restored and logged, or neither). A backup of another book
 * (a new device): its keys open only with a passphrase of one of its users, not the backup's, so the
 * entry is stored as pending in the restore's transaction and chained at the first sign-in into the
 * restored book (restoreLog.ts, called by signIn), before anything else is logged there.
 */
export async function restoreBackup(
  db: ConsentbookDB,
  session: Session,
  file: Uint8Array,
  passphrase: string,
  /** Why the book is restored (optional: the restore is logged either way), kept with its entry. */
  comment = '',
): Promise<{ persons: number; erasedAgain: number; disconnected: boolean }> {
  if (!session.isAdmin) fail('error.restoreAdminOnly', 'Only an administrator can restore a backup');
  // A backup of this book (the same data key) is checked in full, keyed hashes included, before
  // anything is replaced. A backup of another book cannot be: its data key opens only with a
  // passphrase of one of its users. Its links are checked now, its keyed hashes by "Protokoll
  // prüfen" after the first sign-in (README, threat model).
  const sameBook = readHeader(file).header.keyId === db.keyring.keyId();
  const payload = await openBackup(file, passphrase, sameBook ? db.keyring.auditKey() : undefined);
  const raw = rawConnection(db);
  const names = BACKUP_TABLES;
  let erasedAgain = 0;
  const connected = !!(await raw.settings.get(SYNC_CONFIG_KEY));
  if (connected) await stopSync(db);
  // The chain checkpoints too: signed heads of the replaced book's chains, which the restored log
  // does not reach — "Protokoll prüfen" would call it truncated for good (they are append-only).
  const syncTables = [raw.outbox, raw.syncRevs, raw.conflicts, raw.quarantine, raw.chainCheckpoints];
  const replaced = raw.transaction(
    'rw',
    [
      ...names.map((t) => raw.table(t)),
      raw.auditSegments,
      raw.personKeyGroups,
      raw.personStatus,
      raw.directory,
      raw.directoryKeys,
      raw.drafts,
      ...syncTables,
    ],
    async (tx) => {
      // When the last backup was made is a fact about this device, not about the backup's content;
      // so are the erasures made here.
      const [lastBackup, deviceErasures] = await Promise.all([raw.settings.get('lastBackup'), raw.erasures.toArray()]);
      const restored = withoutErased(payload.tables, deviceErasures);
      erasedAgain = restored.erasedAgain;
      for (const name of names) {
        await raw.table(name).clear();
        await raw.table(name).bulkAdd(restored.tables[name] as unknown[]);
      }
      // The backup's log is restored an entry a record: no segment of the book before stays; nor
      // a key group (the backup's secrets are records of their own).
      await raw.auditSegments.clear();
      await raw.personKeyGroups.clear();
      // …but its checkpoint must be one the restored log reaches: the restored head.
      const restoredHead = payload.tables.settings.find((r) => r.key === AUDIT_HEAD_KEY) as
        { value?: ChainHead } | undefined;
      if (lastBackup)
        await raw.settings.put({
          key: 'lastBackup',
          value: { ...(lastBackup.value as object), auditHead: restoredHead?.value ?? null },
        });
      // The restore's own entry, in the restored book's chain (see the function comment).
      const context = `restore:${payload.createdAt}${erasedAgain ? `; erased again: ${erasedAgain}` : ''}${connected ? '; sync disconnected' : ''}`;
      const entry = auditEntry({ session }, 'settingsChanged', '', { context, comment: comment.trim() });
      // Found with this book's keys (a sealing's entries are checked with them): after a restore of
      // another book they would no longer verify there, and are refused at its first sign-in.
      const pending = [
        ...pendingOf(await raw.settings.get(PENDING_RESTORE_LOG), session, db.keyring.auditKey()),
        entry,
      ];
      if (sameBook) {
        await appendPending(raw, db.keyring, pending);
        await raw.settings.delete(PENDING_RESTORE_LOG);
      } else {
        await raw.settings.put({ key: PENDING_RESTORE_LOG, value: pending });
      }
      // The worklist flags need only plain fields (ids, flags, statuses); the directory is rebuilt
      // at the next sign-in (it is derived, and not in backups).
      await rebuildStatuses(statusTables(tx));
      await raw.directory.clear();
      await raw.directoryKeys.clear();
      // Kept drafts were sealed under this book's key and concern its records: none survive a restore.
      await raw.drafts.clear();
      // No sync state survives either (see above).
      await raw.settings.bulkDelete([...SYNC_STATE_SETTINGS]);
      await Promise.all(syncTables.map((t) => t.clear()));
    },
  );
  await replaced.catch(async (error: unknown) => {
    // Nothing was replaced: the device syncs on as before.
    if (connected) await startSync(db, session);
    throw error;
  });
  db.outboxSwitch.on = false;
  if (connected) await dropReplica(db);
  signOut(db);
  return { persons: payload.tables.persons.length - erasedAgain, erasedAgain, disconnected: connected };
}
