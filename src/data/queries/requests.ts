/** Reading the register of data-subject requests and the breach register. */
import { displayName } from '../../domain/person';
import { erasureRequestsOf, requestsFulfilledBy } from '../../domain/requestFollowUp';
import type { DataBreach, DataSubjectRequest, FulfilmentAction } from '../../domain/requests';
import type { ConsentbookDB } from '../db';

/** Every request, with the names of the persons still present (an erased person has none). */
export async function requestRegister(
  db: ConsentbookDB,
): Promise<{ requests: DataSubjectRequest[]; names: Map<string, string> }> {
  const requests = await db.requests.toArray();
  const ids = [...new Set(requests.map((r) => r.personId))];
  const persons = await db.persons.bulkGet(ids);
  const names = new Map(persons.filter((p) => p !== undefined).map((p) => [p.id, displayName(p)]));
  return { requests, names };
}

/**
 * The open requests of the persons (one, or all a bulk erasure deleted) that what was done
 * settles: those `action` fulfils, or (`refused`: an erasure a retention duty blocks) the erasure
 * requests to refuse. Requests outlive the person.
 */
export async function requestsToFollowUp(
  db: ConsentbookDB,
  personIds: string | readonly string[],
  action: FulfilmentAction | 'refused',
): Promise<DataSubjectRequest[]> {
  const ids = typeof personIds === 'string' ? [personIds] : personIds;
  // eslint-disable-next-line no-restricted-syntax -- requests are few (a handful a month), a step each
  const requests = await db.requests.where('personId').anyOf(ids).toArray();
  return ids.flatMap((id) =>
    action === 'refused' ? erasureRequestsOf(id, requests) : requestsFulfilledBy(action, id, requests),
  );
}

export function listBreaches(db: ConsentbookDB): Promise<DataBreach[]> {
  return db.breaches.toArray();
}
