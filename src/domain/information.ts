/**
 * Informing the person (Art. 13/14 GDPR): whoever collects data about a person tells them the
 * purposes, the legal basis, how long it is kept and their rights — at collection when the data
 * comes from the person (Art. 13), else within one month of obtaining it at the latest
 * (Art. 14(3)(a)): an import, a business card, a colleague. The month ends on the same day of
 * the next month, or on its last day when it has no such day (31 January → 28/29 February).
 */
import { localDayOf } from './calendar';
import { addMonths, daysUntil } from './deadlines';

/** How the data was obtained: from the person (Art. 13) or from elsewhere (Art. 14). */
export const COLLECTION_SOURCES = ['direct', 'elsewhere'] as const;
export type CollectionSource = (typeof COLLECTION_SOURCES)[number];

export const INFORMATION_CHANNELS = ['letter', 'email', 'inPerson', 'other'] as const;
export type InformationChannel = (typeof INFORMATION_CHANNELS)[number];

export interface PersonInformation {
  /** YYYY-MM-DD: when the data was obtained; the clock starts here. */
  collectedAt: string;
  source: CollectionSource;
  /** YYYY-MM-DD when the person was informed; null while not. */
  informedAt: string | null;
  channel: InformationChannel | null;
}

/** Days before the deadline from which a person not yet informed is listed. */
export const INFORMATION_WARNING_DAYS = 7;

/** The last day the person must be informed on: the collection day (Art. 13), or one month later (Art. 14(3)(a)). */
export function informationDue(info: Pick<PersonInformation, 'collectedAt' | 'source'>): string {
  const collected = localDayOf(info.collectedAt);
  return info.source === 'direct' ? collected : addMonths(collected, 1);
}

export type InformationState =
  | { state: 'informed'; informedAt: string }
  | { state: 'running' | 'dueSoon' | 'overdue'; due: string; daysLeft: number };

/** Where the duty stands on `today` (YYYY-MM-DD): informed, running, due within the warning days, or over. */
export function informationState(info: PersonInformation, today: string): InformationState {
  if (info.informedAt) return { state: 'informed', informedAt: info.informedAt };
  const due = informationDue(info);
  const daysLeft = daysUntil(due, today);
  const state = daysLeft < 0 ? 'overdue' : daysLeft <= INFORMATION_WARNING_DAYS ? 'dueSoon' : 'running';
  return { state, due, daysLeft };
}

/** The last due date the Prüfliste lists on `today`: everything due within the warning days, or over. */
export function informationListUntil(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + INFORMATION_WARNING_DAYS)).toISOString().slice(0, 10);
}

/**
 * The clock of a person obtained on `collectedAt` — a day (YYYY-MM-DD), or a moment (ISO timestamp)
 * taken as the user's local day, not the UTC one: not informed yet.
 */
export function newInformation(collectedAt: string, source: CollectionSource): PersonInformation {
  return { collectedAt: localDayOf(collectedAt), source, informedAt: null, channel: null };
}

/** A person's clock; for one stored before it was kept: from their creation, by their recorded source. */
export function informationOf(p: {
  information?: PersonInformation;
  createdAt: string;
  source: string;
}): PersonInformation {
  return p.information ?? newInformation(p.createdAt, p.source.startsWith('import:') ? 'elsewhere' : 'direct');
}

/**
 * The clock after more data about the person was obtained from elsewhere on `at` (an import
 * merged into them): a person already informed must be told again within a month (Art. 14(3));
 * one not yet informed keeps the clock that runs, which ends no later.
 */
export function informationAfterDataFromElsewhere(info: PersonInformation, at: string): PersonInformation {
  return info.informedAt ? newInformation(at, 'elsewhere') : info;
}
