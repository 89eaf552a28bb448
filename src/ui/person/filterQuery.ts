/** The person list's filter as the address holds it: #/personen?art=…&status=…&zweck=… (the Übersicht links there). */
import { isKindFilter, isStatusFilter, type PersonFilter } from '../../domain/personFilter';
import { href } from '../route';

export function parseFilter(query: URLSearchParams): PersonFilter {
  const kind = query.get('art');
  const status = query.get('status');
  return {
    kind: isKindFilter(kind) ? kind : null,
    status: isStatusFilter(status) ? status : null,
    purpose: query.get('zweck') || null,
  };
}

export function personListHref(filter: Partial<PersonFilter>): string {
  const query = new URLSearchParams();
  if (filter.kind) query.set('art', filter.kind);
  if (filter.status) query.set('status', filter.status);
  if (filter.purpose) query.set('zweck', filter.purpose);
  const q = query.toString();
  return href('personen') + (q ? `?${q}` : '');
}
