/** Reading consent campaigns, and what their letters and the mail-merge CSV need. */
import type { BookRecipients } from '../../domain/recipients';
import { readBookRecipients } from './recipients';
import type { Campaign, CampaignLeftOutReason } from '../../domain/campaign';
import { displayName, type Person } from '../../domain/person';
import type { Purpose } from '../../domain/purpose';
import type { Controller } from '../../domain/settings';
import type { ConsentbookDB, StoredPerson } from '../db';
import { RuleError } from '../core/errors';
import { requirePermission, type Session } from '../core/session';
import { readControllerForDocument } from './settings';
import { campaignLeftOut } from './campaignLeftOut';

function toCampaign(raw: Campaign | undefined, id: string): Campaign {
  if (!raw) throw new RuleError('error.campaignMissing', `No campaign ${id}`);
  return raw;
}

/** The campaign, or null when there is none (a wrong link). */
export async function findCampaign(db: ConsentbookDB, campaignId: string): Promise<Campaign | null> {
  return (await db.campaigns.get(campaignId)) ?? null;
}

export async function readCampaign(db: ConsentbookDB, campaignId: string): Promise<Campaign> {
  return toCampaign(await db.campaigns.get(campaignId), campaignId);
}

/** All campaigns, newest first. */
export async function listCampaigns(db: ConsentbookDB): Promise<Campaign[]> {
  return db.campaigns.orderBy('createdAt').reverse().toArray();
}

/** Persons who refused in the campaign (they are not asked again). */
export async function refusedPersonIds(db: ConsentbookDB, campaignId: string): Promise<string[]> {
  const campaign = await readCampaign(db, campaignId);
  return campaign.members.filter((m) => m.status === 'refused').map((m) => m.personId);
}

/** Persons who have not answered yet. */
export async function pendingPersonIds(db: ConsentbookDB, campaignId: string): Promise<string[]> {
  const campaign = await readCampaign(db, campaignId);
  return campaign.members.filter((m) => m.status === 'pending').map((m) => m.personId);
}

/** What the consent-request letters and the mail-merge CSV need (src/documents/consentLetters.ts, src/formats/csv/campaign.ts). */
export interface CampaignLetterData {
  campaign: Campaign;
  controller: Controller;
  /** The purposes asked for, in the campaign's order. */
  purposes: Purpose[];
  /**
   * The members still to be asked: pending, still present, and neither locked, objected nor
   * withdrawn a consent asked for meanwhile (campaignLeftOut).
   */
  persons: Person[];
  /** Members left out meanwhile, by their list name and why: the screen says so. */
  leftOut: { personId: string; name: string; reason: CampaignLeftOutReason }[];
  /** Who receives the book's data: each purpose's letter row names those receiving its data. */
  book: BookRecipients;
}

/** Gathers the letters' data for the pending members (or all members). Needs 'issueReports'. */
export async function collectCampaignLetters(
  db: ConsentbookDB,
  session: Session,
  campaignId: string,
  options: { onlyPending?: boolean } = {},
): Promise<CampaignLetterData> {
  requirePermission(session, 'issueReports');
  const onlyPending = options.onlyPending ?? true;
  const campaign = await readCampaign(db, campaignId);
  const ids = campaign.members.filter((m) => !onlyPending || m.status === 'pending').map((m) => m.personId);
  const [controller, purposes, stored, book, excluded] = await Promise.all([
    readControllerForDocument(db),
    db.purposes.bulkGet(campaign.purposeIds),
    db.persons.bulkGet(ids),
    readBookRecipients(db),
    campaignLeftOut(db, ids, campaign.purposeIds),
  ]);
  const present = stored.filter((p): p is StoredPerson => !!p);
  const reasonOf = (p: StoredPerson) => (p.lock ? 'locked' : excluded.get(p.id));
  return {
    campaign,
    controller,
    book,
    purposes: purposes.filter((p): p is Purpose => !!p),
    persons: present.filter((p) => !reasonOf(p)),
    leftOut: present.flatMap((p) => {
      const reason = reasonOf(p);
      return reason ? [{ personId: p.id, name: displayName(p), reason }] : [];
    }),
  };
}
