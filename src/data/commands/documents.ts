/** Logging the issue of a report or export, and filing it with the person's open request. */
import type { RequestDocument } from '../../domain/requests';
import type { ConsentbookDB } from '../db';
import { requirePermission, type Session } from '../core/session';
import { writeWith } from '../write';
import { auditEntry } from '../middleware/audit';

const ACTION_OF: Record<RequestDocument['kind'], 'accessReport' | 'portabilityExport'> = {
  accessReport: 'accessReport',
  portabilityJson: 'portabilityExport',
  portabilityVcard: 'portabilityExport',
  portabilityCsv: 'portabilityExport',
  letter: 'accessReport',
};

/**
 * Logs the issue of a report or export, and files it with the person's open requests of that kind:
 * one transaction, the entry and the filing or neither. Only for those who may issue reports,
 * checked before anything is stored — an entry needs no rule of its own, so the check is here (the
 * filing's rule, intent `fileDocument`, asks the same permission: middleware/rules/rule.ts).
 */
export async function recordDocumentIssued(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  kind: RequestDocument['kind'],
  fileName: string,
): Promise<void> {
  requirePermission(session, 'issueReports');
  const requestKind = kind === 'accessReport' ? 'access' : 'portability';
  await writeWith(db, { session, intent: 'fileDocument' }, [db.auditLog, db.requests], async () => {
    const issuedAt = new Date().toISOString();
    // The log keeps only the kind: file names tend to carry the person's name, and the log outlives erasure.
    await db.auditLog.add(auditEntry({ session }, ACTION_OF[kind], personId, { context: kind }));
    const open = await db.requests
      .where('personId')
      .equals(personId)
      .filter((r) => r.kind === requestKind && (r.status === 'open' || r.status === 'inProgress'))
      .toArray();
    for (const r of open) await db.requests.put({ ...r, documents: [...r.documents, { kind, issuedAt, fileName }] });
  });
}
