/** Reading the audit log (Protokoll). */
import type { AuditAction, AuditEntry } from '../../domain/audit';
import type { ConsentbookDB } from '../db';

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
  return collection
    .filter(
      (e) =>
        (!filter.action || e.action === filter.action) &&
        (!filter.from || e.at >= filter.from) &&
        (!filter.to || e.at <= filter.to),
    )
    .limit(limit)
    .toArray();
}

/** The entry with this sequence number (the place "Protokoll prüfen" names). */
export async function auditEntryAt(db: ConsentbookDB, seq: number): Promise<AuditEntry | undefined> {
  return db.auditLog.where('seq').equals(seq).first();
}
