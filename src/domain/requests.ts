/**
 * Requests of data subjects (Art. 15–21) with the one-month deadline of Art. 12(3), extendable by
 * two further months with a reason, and data breaches with the 72-hour clock of Art. 33.
 */
import { addMonths, breachHoursLeft, daysUntil } from './deadlines';

export const REQUEST_KINDS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = ['open', 'inProgress', 'done', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What was done for the person that a request may have asked for (requestFollowUp.ts: which fulfils which). */
export const FULFILMENT_ACTIONS = ['erased', 'restricted', 'rectified', 'accessReport', 'portabilityExport'] as const;
export type FulfilmentAction = (typeof FULFILMENT_ACTIONS)[number];

/** How a request was closed: fulfilled by an action, or refused (an erasure under a retention duty). */
export interface RequestOutcome {
  action: FulfilmentAction | 'refused';
  /** ISO timestamp of the action. */
  at: string;
}

export interface RequestDocument {
  kind: 'accessReport' | 'portabilityJson' | 'portabilityVcard' | 'portabilityCsv' | 'letter';
  issuedAt: string;
  fileName: string;
}

/**
 * Someone who asks but is not in the book (an access request answered "no data held", Art. 15(1)):
 * their name and where the answer goes. Kept with the request, sealed like it.
 */
export interface Requester {
  name: string;
  contact: string;
}

export interface DataSubjectRequest {
  id: string;
  /** The person asking; '' for a requester not in the book (then `requester`). */
  personId: string;
  requester?: Requester;
  kind: RequestKind;
  /** YYYY-MM-DD */
  receivedAt: string;
  /** YYYY-MM-DD: one month after receipt, plus the extension. */
  dueDate: string;
  extension: { months: 1 | 2; reason: string } | null;
  status: RequestStatus;
  documents: RequestDocument[];
  note: string;
  closedAt: string | null;
  /** Why the status was set; required for a refusal (Art. 12(4)). */
  statusReason?: string;
  /** What was done when it was closed by doing what was asked, or refused (requestFollowUp.ts). */
  outcome?: RequestOutcome;
  createdAt: string;
}

export function requestDueDate(receivedAt: string, extension: DataSubjectRequest['extension']): string {
  return addMonths(receivedAt, 1 + (extension?.months ?? 0));
}

export function isOpen(r: Pick<DataSubjectRequest, 'status'>): boolean {
  return r.status === 'open' || r.status === 'inProgress';
}

export interface RequestState {
  daysLeft: number;
  overdue: boolean;
}

export function requestState(r: Pick<DataSubjectRequest, 'dueDate' | 'status'>, today: string): RequestState {
  const daysLeft = daysUntil(r.dueDate, today);
  return { daysLeft, overdue: isOpen(r) && daysLeft < 0 };
}

export interface DataBreach {
  id: string;
  /** ISO timestamp: when the controller became aware (the clock starts). */
  knownAt: string;
  description: string;
  dataCategories: string;
  /**
   * How many people are affected (approximately, Art. 33(3)(a)); null: not known yet — never 0,
   * which would record "nobody affected". Older records hold 0 where the field was left empty.
   */
  affectedCount: number | null;
  measures: string;
  /** ISO timestamp of the notification to the supervisory authority, null while pending. */
  notifiedAuthorityAt: string | null;
  notifiedSubjectsAt: string | null;
  createdAt: string;
}

export interface BreachClock {
  hoursLeft: number;
  running: boolean;
  overdue: boolean;
}

export function breachClock(b: Pick<DataBreach, 'knownAt' | 'notifiedAuthorityAt'>, now: Date): BreachClock {
  const hoursLeft = breachHoursLeft(b.knownAt, now);
  const running = b.notifiedAuthorityAt === null;
  return { hoursLeft, running, overdue: running && hoursLeft < 0 };
}
