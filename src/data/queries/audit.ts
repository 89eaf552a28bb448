/** Reading the audit log (Protokoll). */
import type { AuditAction, AuditEntry } from '../../domain/audit';
import type { ConsentbookDB } from '../db';
import { openAuditText } from '../core/crypto/auditText';
import { loadPersonSecrets } from '../directory';

export interface AuditFilter {
  personId?: string;
  action?: AuditAction;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

/** Newest first. Uses the person or time index, never a scan of the whole log for a person. */
export async function queryAudit(db: ConsentbookDB, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const limit = filter.limit ?? 500;
  const collection = filter.personId
    ? db.auditLog.where('[personId+seq]').between([filter.personId, 0], [filter.personId, Infinity]).reverse()
    : filter.from || filter.to
      ? db.auditLog
          .where('at')
          .between(filter.from ?? '', filter.to ?? '\uffff', true, true)
          .reverse()
      : db.auditLog.orderBy('seq').reverse();
  const entries = await collection
    .filter(
      (e) =>
        (!filter.action || e.action === filter.action) &&
        (!filter.from || e.at >= filter.from) &&
        (!filter.to || e.at <= filter.to),
    )
    .limit(limit)
    .toArray();
  return withPersonTexts(db, entries);
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
  const entry = await db.auditLog.where('seq').equals(seq).first();
  return entry && (await withPersonTexts(db, [entry]))[0];
}
