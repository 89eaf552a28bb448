/** The register of data-subject requests and the breach register. */
import { closeRequest, type RequestCloseProblem } from '../../domain/requestFollowUp';
import {
  requestDueDate,
  type FulfilmentAction,
  type DataBreach,
  type DataSubjectRequest,
  type RequestDocument,
  type RequestKind,
  type RequestStatus,
  type Requester,
} from '../../domain/requests';
import type { ConsentbookDB } from '../db';
import { RuleError, type ErrorKey } from '../core/errors';
import type { Session } from '../core/session';
import { writeWith } from '../write';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface RequestInput {
  /** The person in the book; '' (or absent) for a requester who is not (then `requester`). */
  personId?: string;
  requester?: Requester;
  kind: RequestKind;
  receivedAt: string;
  note?: string;
}

export async function createRequest(
  db: ConsentbookDB,
  session: Session,
  input: RequestInput,
): Promise<DataSubjectRequest> {
  if (!ISO_DATE.test(input.receivedAt))
    throw new RuleError('error.requestDate', 'The date the request was received is required');
  const requester = input.personId
    ? undefined
    : input.requester && { name: input.requester.name.trim(), contact: input.requester.contact.trim() };
  if (!input.personId && !requester?.name)
    throw new RuleError('error.requestPerson', 'A request belongs to a person, or names who asked');
  const request: DataSubjectRequest = {
    id: crypto.randomUUID(),
    personId: input.personId ?? '',
    ...(requester ? { requester } : {}),
    kind: input.kind,
    receivedAt: input.receivedAt,
    dueDate: requestDueDate(input.receivedAt, null),
    extension: null,
    status: 'open',
    documents: [],
    note: input.note?.trim() ?? '',
    closedAt: null,
    createdAt: new Date().toISOString(),
  };
  await writeWith(db, { session }, [db.requests], () => db.requests.add(request));
  return request;
}

async function changeRequest(
  db: ConsentbookDB,
  session: Session,
  id: string,
  change: (r: DataSubjectRequest) => DataSubjectRequest,
  intent?: 'fileDocument',
): Promise<void> {
  await writeWith(db, { session, intent }, [db.requests], async () => {
    const r = await db.requests.get(id);
    if (!r) throw new RuleError('error.requestMissing', `No request ${id}`);
    await db.requests.put(change(r));
  });
}

/** Art. 12(4): a refusal states its reason, which the person must be told. */
export async function setRequestStatus(
  db: ConsentbookDB,
  session: Session,
  id: string,
  status: RequestStatus,
  reason = '',
): Promise<void> {
  if (status === 'rejected' && !reason.trim())
    throw new RuleError('error.rejectionReason', 'A refused request needs the reason the person is told (Art. 12(4))');
  return changeRequest(db, session, id, (r) => ({
    ...r,
    status,
    statusReason: reason.trim(),
    closedAt: status === 'done' || status === 'rejected' ? new Date().toISOString() : null,
    // Set by hand, the status no longer tells what was done (closeRequestsBy does).
    outcome: undefined,
  }));
}

const CLOSE_PROBLEMS: Record<RequestCloseProblem, [ErrorKey, string]> = {
  notOpen: ['error.requestClosed', 'The request is already closed'],
  notFulfilled: ['error.requestNotFulfilled', 'What was done is not what the request asked for'],
  noReason: ['error.rejectionReason', 'A refused request needs the reason the person is told (Art. 12(4))'],
};

/**
 * Closes requests because of what was done for the person (`at`: when it was done): as done by
 * `action`, or refused with the reason the person is told (Art. 12(4)). One transaction; each
 * closing is logged with the request's kind and what was done, the refusal's reason as comment.
 */
export async function closeRequestsBy(
  db: ConsentbookDB,
  session: Session,
  ids: readonly string[],
  close: { action: FulfilmentAction } | { action: 'refused'; reason: string },
  at: string,
): Promise<void> {
  await writeWith(db, { session }, [db.requests, db.auditLog], async () => {
    for (const id of ids) {
      const r = await db.requests.get(id);
      if (!r) throw new RuleError('error.requestMissing', `No request ${id}`);
      const result = closeRequest(r, close, at);
      if ('problem' in result) {
        const [key, message] = CLOSE_PROBLEMS[result.problem];
        throw new RuleError(key, `${message}: request ${id}`);
      }
      // Logged by the requests' rule as its closing (rules/records.ts), with the kind and what was done.
      await db.requests.put(result.request);
    }
  });
}

/** Art. 12(3): extendable by up to two further months, with the reason told to the person. */
export async function extendRequest(
  db: ConsentbookDB,
  session: Session,
  id: string,
  months: 1 | 2,
  reason: string,
): Promise<void> {
  if (!reason.trim()) throw new RuleError('error.extensionReason', 'An extension needs a reason');
  return changeRequest(db, session, id, (r) => {
    const extension = { months, reason: reason.trim() };
    return { ...r, extension, dueDate: requestDueDate(r.receivedAt, extension) };
  });
}

/** Filing an issued document with its request: allowed to whoever may issue reports. */
export async function addRequestDocument(
  db: ConsentbookDB,
  session: Session,
  id: string,
  doc: RequestDocument,
): Promise<void> {
  return changeRequest(db, session, id, (r) => ({ ...r, documents: [...r.documents, doc] }), 'fileDocument');
}

export interface BreachInput {
  knownAt: string;
  description: string;
  dataCategories: string;
  /** null: not known yet. */
  affectedCount: number | null;
  measures: string;
}

export async function recordBreach(db: ConsentbookDB, session: Session, input: BreachInput): Promise<DataBreach> {
  if (Number.isNaN(Date.parse(input.knownAt)))
    throw new RuleError('error.breachKnownAt', 'When the breach became known is required');
  if (!input.description.trim()) throw new RuleError('error.breachDescription', 'Describe the breach');
  if (input.affectedCount !== null && (!Number.isInteger(input.affectedCount) || input.affectedCount < 0))
    throw new RuleError('error.breachCount', 'The number of people affected must be a whole number, 0 or more');
  const breach: DataBreach = {
    ...input,
    id: crypto.randomUUID(),
    description: input.description.trim(),
    notifiedAuthorityAt: null,
    notifiedSubjectsAt: null,
    createdAt: new Date().toISOString(),
  };
  await writeWith(db, { session }, [db.breaches], () => db.breaches.add(breach));
  return breach;
}

export async function updateBreach(db: ConsentbookDB, session: Session, breach: DataBreach): Promise<void> {
  await writeWith(db, { session }, [db.breaches], () => db.breaches.put(breach));
}
