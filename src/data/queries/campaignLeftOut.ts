/**
 * Who of a campaign's persons is not to be asked, and why (domain/campaign.ts, campaignLeftOutReason):
 * locked, objected (an objection in the Anfragen register) or withdrew the consent to a purpose
 * asked for. Read from indexes and the few records that matter: the withdrawn consents, the
 * consents of those who withdrew one, and the requests (a handful a month). The command making a
 * campaign, the letters and CSV and the screens all ask this one function.
 */
import Dexie from 'dexie';
import { campaignLeftOutReason, withdrawnPurposeIds, type CampaignLeftOutReason } from '../../domain/campaign';
import type { Consent } from '../../domain/consent';
import { displayName } from '../../domain/person';
import type { ConsentbookDB } from '../db';
import { lockedPersonIds } from './persons';

/**
 * The persons among `personIds` left out of a campaign asking for `purposeIds`, with the reason,
 * in the order given. `locked` adds persons known locked from their records (the index aside).
 */
export async function campaignLeftOut(
  db: ConsentbookDB,
  personIds: readonly string[],
  purposeIds: readonly string[],
  locked: ReadonlySet<string> = new Set(),
): Promise<Map<string, CampaignLeftOutReason>> {
  const wanted = new Set(personIds);
  const [lockedIndex, withdrawn, requests] = await Promise.all([
    lockedPersonIds(db),
    db.consents.where('[status+personId]').between(['withdrawn', Dexie.minKey], ['withdrawn', Dexie.maxKey]).toArray(),
    db.requests.toArray(),
  ]);
  const objected = new Set(requests.filter((r) => r.kind === 'objection').map((r) => r.personId));
  const byPerson = new Map<string, Consent[]>();
  for (const c of withdrawn)
    if (wanted.has(c.personId)) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
  const withdrew = [...byPerson.keys()];
  // A consent given again after the withdrawal lifts it: read the given ones of these few persons.
  const given = await Promise.all(
    withdrew.map((id) => db.consents.where('[status+personId]').equals(['given', id]).toArray()),
  );
  const withdrawnOf = new Map(
    withdrew.map((id, i) => [id, withdrawnPurposeIds([...(byPerson.get(id) ?? []), ...given[i]])]),
  );
  const none: ReadonlySet<string> = new Set();
  const leftOut = new Map<string, CampaignLeftOutReason>();
  for (const id of personIds) {
    const reason = campaignLeftOutReason(
      {
        locked: locked.has(id) || lockedIndex.has(id),
        objected: objected.has(id),
        withdrawn: withdrawnOf.get(id) ?? none,
      },
      purposeIds,
    );
    if (reason) leftOut.set(id, reason);
  }
  return leftOut;
}

/** A person left out, by their list name (displayName) and why: what the screens show on request. */
export interface NamedLeftOut {
  personId: string;
  name: string;
  reason: CampaignLeftOutReason;
}

/** The left-out persons (campaignLeftOut's result) by name, in its order; one erased meanwhile is not named. */
export async function nameLeftOut(
  db: ConsentbookDB,
  leftOut: ReadonlyMap<string, CampaignLeftOutReason>,
): Promise<NamedLeftOut[]> {
  const entries = [...leftOut];
  const persons = await db.persons.bulkGet(entries.map(([id]) => id));
  return entries.flatMap(([personId, reason], i) => {
    const p = persons[i];
    return p ? [{ personId, name: displayName(p), reason }] : [];
  });
}
