/** Reading the audit log (Protokoll). */
import type { AuditAction, AuditEntry } from '../../domain/audit';
import { openAuditText } from '../core/crypto/auditText';
import { loadPersonSecrets } from '../directory';
import { entryAt, newestEntries } from '../core/auditEntries';
import { heldBackMark, isPersonChange } from '../../domain/heldBack';
import type { ConsentbookDB } from '../db';
import { readDeviceId, readHeldBackChanges } from './heldBack';

export interface AuditFilter {
  personId?: string;
  action?: AuditAction;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * Newest first. Uses the person or time index (and the segments naming the person or reaching into
 * the time), never a scan of the whole log for a person.
 */
export async function queryAudit(db: ConsentbookDB, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const entries = await newestEntries(db, {
    personId: filter.personId,
    from: filter.from,
    to: filter.to,
    filter: filter.action ? (e) => e.action === filter.action : undefined,
    limit: filter.limit ?? 500,
  });
  return entriesAsRead(db, entries);
}

/** Entries as the Protokoll, the Verlauf and the Auskunft show them: texts opened, held-back changes marked. */
export async function entriesAsRead(db: ConsentbookDB, entries: AuditEntry[]): Promise<AuditEntry[]> {
  return withHeldBack(db, await withPersonTexts(db, entries));
}

/**
 * Other devices' entries of a change this book holds back (its record refused by the checks and
 * quarantined, or dropped since) marked so, as read — the entries stay as chained (domain/heldBack.ts).
 */
async function withHeldBack(db: ConsentbookDB, entries: AuditEntry[]): Promise<AuditEntry[]> {
  if (!entries.length) return entries;
  const changes = await readHeldBackChanges(db);
  if (!changes.length) return entries;
  // This device's own entries are marked only when written over elsewhere (its own change, reverted).
  const own = changes.some((c) => isPersonChange(c) && c.writtenOver) ? await readDeviceId(db) : undefined;
  return entries.map((e) => {
    const mark = heldBackMark(e, changes, own);
    return mark ? { ...e, heldBack: mark } : e;
  });
}

/**
 * Entries read before their person's secret was in memory (a person another tab wrote since
 * sign-in) are opened once it is; those whose person was erased stay `textErased`.
 */
export async function withPersonTexts(db: ConsentbookDB, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const waiting = entries.filter((e) => e.textErased);
  if (waiting.length === 0) return entries;
  await loadPersonSecrets(
    db,
    waiting.map((e) => e.personId),
  );
  return entries.map((e) => (e.textErased ? openAuditText(db.keyring, e) : e));
}

/** The entry with this sequence number (the place "Protokoll prüfen" names). */
export async function auditEntryAt(db: ConsentbookDB, seq: number): Promise<AuditEntry | undefined> {
  const entry = await entryAt(db, seq);
  return entry && (await entriesAsRead(db, [entry]))[0];
}
