/** Logging the issue of a report or export, and filing it with the person's open request. */
import type { RequestDocument } from '../../domain/requests';
import type { ConsentbookDB } from '../db';
import type { Session } from '../core/session';
import { logEvent } from './audit';
import { addRequestDocument } from './requests';

const ACTION_OF: Record<RequestDocument['kind'], 'accessReport' | 'portabilityExport'> = {
  accessReport: 'accessReport',
  portabilityJson: 'portabilityExport',
  portabilityVcard: 'portabilityExport',
  portabilityCsv: 'portabilityExport',
  letter: 'accessReport',
};

/** Logs the issue of a report or export, and files it with the person's open request of that kind. */
export async function recordDocumentIssued(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  kind: RequestDocument['kind'],
  fileName: string,
): Promise<void> {
  // The log keeps only the kind: file names tend to carry the person's name, and the log outlives erasure.
  await logEvent(db, session, ACTION_OF[kind], personId, kind);
  const requestKind = kind === 'accessReport' ? 'access' : 'portability';
  const open = await db.requests
    .where('personId')
    .equals(personId)
    .filter((r) => r.kind === requestKind && (r.status === 'open' || r.status === 'inProgress'))
    .toArray();
  for (const r of open)
    await addRequestDocument(db, session, r.id, { kind, issuedAt: new Date().toISOString(), fileName });
}
