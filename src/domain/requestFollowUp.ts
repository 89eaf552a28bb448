/**
 * Requests follow what was done: which action on a person fulfils which kind of request
 * (Art. 15–21), and what a request looks like once closed by that action or refused (Art. 12(4)).
 */
import { isOpen, type DataSubjectRequest, type FulfilmentAction, type RequestKind } from './requests';

/**
 * The request kinds an action fulfils. An erasure also ends every processing the person objected
 * to (Art. 21); a lock only restricts (Art. 18) and settles no objection, which needs a decision.
 */
const FULFILS: Record<FulfilmentAction, readonly RequestKind[]> = {
  erased: ['erasure', 'objection'],
  restricted: ['restriction'],
  rectified: ['rectification'],
  accessReport: ['access'],
  portabilityExport: ['portability'],
};

/** The open requests of `personId` that `action` fulfils. */
export function requestsFulfilledBy<R extends Pick<DataSubjectRequest, 'personId' | 'kind' | 'status'>>(
  action: FulfilmentAction,
  personId: string,
  requests: readonly R[],
): R[] {
  const kinds = FULFILS[action];
  return requests.filter((r) => r.personId === personId && isOpen(r) && kinds.includes(r.kind));
}

/** The open erasure requests of `personId`: a retention duty makes the controller refuse them (Art. 17(3)(b)). */
export function erasureRequestsOf<R extends Pick<DataSubjectRequest, 'personId' | 'kind' | 'status'>>(
  personId: string,
  requests: readonly R[],
): R[] {
  return requests.filter((r) => r.personId === personId && isOpen(r) && r.kind === 'erasure');
}

/** Why a request cannot be closed so: already closed, not what was asked, or a refusal without reason. */
export type RequestCloseProblem = 'notOpen' | 'notFulfilled' | 'noReason';

/**
 * Closing `r` by `action` at `at` (ISO), or refusing it with `reason` (told to the person,
 * Art. 12(4)): the closed request, or the problem that forbids it.
 */
export function closeRequest(
  r: DataSubjectRequest,
  close: { action: FulfilmentAction } | { action: 'refused'; reason: string },
  at: string,
): { request: DataSubjectRequest } | { problem: RequestCloseProblem } {
  if (!isOpen(r)) return { problem: 'notOpen' };
  if (close.action === 'refused') {
    const reason = close.reason.trim();
    if (!reason) return { problem: 'noReason' };
    return {
      request: { ...r, status: 'rejected', closedAt: at, statusReason: reason, outcome: { action: 'refused', at } },
    };
  }
  if (!FULFILS[close.action].includes(r.kind)) return { problem: 'notFulfilled' };
  return { request: { ...r, status: 'done', closedAt: at, statusReason: '', outcome: { action: close.action, at } } };
}
