/**
 * The person list's filter, as the reference product's list filter: by Art (a kind, or every
 * natural person), by status (locked, on the Prüfliste, consent missing or withdrawn, valid
 * consent) and by purpose (one, any, none). Filters combine with each other and with search.
 */
import { PERSON_KINDS } from './person';

export const KIND_FILTERS = ['natural', ...PERSON_KINDS] as const;
export type KindFilter = (typeof KIND_FILTERS)[number];

export const STATUS_FILTERS = ['locked', 'noReason', 'consentMissing', 'consentWithdrawn', 'consentValid'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Purpose filter values besides a purpose's id. */
export const ANY_PURPOSE = '*';
export const NO_PURPOSE = '-';

export interface PersonFilter {
  kind: KindFilter | null;
  status: StatusFilter | null;
  /** A purpose id, ANY_PURPOSE or NO_PURPOSE; null: any or none. */
  purpose: string | null;
}

export const NO_FILTER: PersonFilter = { kind: null, status: null, purpose: null };

export function isFiltering(f: PersonFilter): boolean {
  return f.kind !== null || f.status !== null || f.purpose !== null;
}

export function isKindFilter(value: string | null): value is KindFilter {
  return (KIND_FILTERS as readonly string[]).includes(value ?? '');
}

export function isStatusFilter(value: string | null): value is StatusFilter {
  return (STATUS_FILTERS as readonly string[]).includes(value ?? '');
}
