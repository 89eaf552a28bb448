/** Reading the audit log, and logging events that are not writes (reports, exports). */
import type { AuditAction, AuditEntry } from '../domain/audit';
import type { ConsentbookDB } from './db';
import type { Session } from './core/session';
import { writeWith } from './write';

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

/** An event that is not a write of personal data: Auskunft issued, export issued. */
export async function logEvent(
  db: ConsentbookDB,
  session: Session,
  action: AuditAction,
  personId: string,
  context: string,
  comment = '',
): Promise<void> {
  await writeWith(db, { session }, [db.auditLog], async () => {
    await db.auditLog.add({
      at: new Date().toISOString(),
      userId: session.userId,
      userName: session.userName,
      staffNumber: session.staffNumber,
      personId,
      action,
      purposeId: '',
      purposeName: '',
      comment,
      fieldKeys: [],
      context,
    });
  });
}
