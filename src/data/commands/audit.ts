/** Logging events that are not writes of personal data (reports, exports, campaign replies). */
import type { AuditAction } from '../../domain/audit';
import type { ConsentbookDB } from '../db';
import type { Session } from '../core/session';
import { writeWith } from '../write';
import { auditEntry } from '../middleware/audit';

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
    await db.auditLog.add(auditEntry({ session }, action, personId, { context, comment }));
  });
}
