/**
 * Consent campaigns ("Aktion erstellen" on the worklist): create one for a set of natural persons
 * and record the replies — a consent through `recordConsent` (with the campaign's id and
 * purposes), or a refusal. Locked persons (Art. 18), persons who objected (Art. 21) and those who
 * withdrew the consent to a purpose asked for are never put in a campaign (queries/campaignLeftOut.ts).
 */
import type { Campaign, CampaignLeftOutReason, CampaignMember } from '../../domain/campaign';
import { isNaturalPerson } from '../../domain/person';
import { logEvent } from './audit';
import { recordConsent, type ConsentInput } from './consents';
import type { ConsentbookDB } from '../db';
import { PersonLockedError, RuleError } from '../core/errors';
import { requirePermission, type Session } from '../core/session';
import { readCampaign } from '../queries/campaigns';
import { campaignLeftOut } from '../queries/campaignLeftOut';
import { writeWith } from '../write';

export interface CampaignInput {
  name: string;
  /** The purposes the persons are asked to consent to. */
  purposeIds: string[];
  personIds: string[];
}

export interface CreatedCampaign {
  campaign: Campaign;
  /** Locked persons left out of the campaign. */
  skippedLockedIds: string[];
  /** Every person left out (locked ones too), with the reason, in the order given. */
  leftOut: { personId: string; reason: CampaignLeftOutReason }[];
}

/** A reply holding a consent is recorded like any consent (same checks), for the campaign's purposes. */
export type CampaignReply =
  | ({ type: 'consent' } & Omit<ConsentInput, 'personId' | 'purposeIds' | 'campaignId' | 'confirmedByUser'> & {
        confirmedByUser: true;
        /** The purposes the person ticked on the reply form: some or all of the campaign's. */
        purposeIds: string[];
      })
  | { type: 'refusal'; answeredAt: string };

const MAX_NAME = 120;

/**
 * Creates a campaign. Every person must exist and be a natural person; locked persons are skipped
 * and their ids returned. The purposes must exist and be active. Needs 'editPersons'.
 */
export async function createCampaign(
  db: ConsentbookDB,
  session: Session,
  input: CampaignInput,
): Promise<CreatedCampaign> {
  requirePermission(session, 'editPersons');
  const name = input.name.trim();
  if (!name) throw new RuleError('error.campaignName', 'A campaign needs a name');
  if (name.length > MAX_NAME)
    throw new RuleError('error.campaignNameTooLong', `The campaign name is too long (at most ${MAX_NAME} characters)`, {
      max: MAX_NAME,
    });
  const purposeIds = [...new Set(input.purposeIds)];
  if (purposeIds.length === 0)
    throw new RuleError('error.campaignNoPurpose', 'A campaign asks for consent to at least one purpose');
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) throw new RuleError('error.campaignNoPersons', 'A campaign needs at least one person');

  return writeWith(db, { session }, [db.campaigns, db.persons, db.purposes, db.consents, db.requests], async () => {
    const purposes = await db.purposes.bulkGet(purposeIds);
    purposes.forEach((p, i) => {
      if (!p || !p.active)
        throw new RuleError('error.campaignPurpose', `Purpose ${purposeIds[i]} does not exist or is inactive`, {
          purposeId: purposeIds[i],
        });
    });
    const persons = await db.persons.bulkGet(personIds);
    const lockedRecords = new Set<string>();
    persons.forEach((p, i) => {
      if (!p) throw new RuleError('error.personMissing', `No person ${personIds[i]}`);
      if (!isNaturalPerson(p))
        throw new RuleError('error.campaignNotNatural', `Person ${p.id} is not a natural person`, { personId: p.id });
      if (p.lock || p.locked === 1) lockedRecords.add(p.id);
    });
    const excluded = await campaignLeftOut(db, personIds, purposeIds, lockedRecords);
    const leftOut = [...excluded].map(([personId, reason]) => ({ personId, reason }));
    const skippedLockedIds = leftOut.filter((l) => l.reason === 'locked').map((l) => l.personId);
    const members: CampaignMember[] = personIds
      .filter((id) => !excluded.has(id))
      .map((personId) => ({ personId, status: 'pending', answeredAt: null, consentId: '' }));
    if (members.length === 0) {
      if (skippedLockedIds.length === personIds.length)
        throw new RuleError('error.campaignOnlyLocked', 'Every person chosen is locked; the campaign would be empty');
      throw new RuleError(
        'error.campaignAllLeftOut',
        'Every person chosen is locked, objected or withdrew the consent asked for; the campaign would be empty',
      );
    }
    const campaign: Campaign = {
      id: crypto.randomUUID(),
      name,
      createdAt: new Date().toISOString(),
      purposeIds,
      members,
    };
    await db.campaigns.add(campaign);
    return { campaign, skippedLockedIds, leftOut };
  });
}

/**
 * Records a person's reply. A consent is recorded with `recordConsent` (the campaign's purposes and
 * id, the user's active confirmation) and the member marked consented, in one transaction; a
 * refusal marks the member refused and is logged. A member answers once.
 */
export async function recordCampaignReply(
  db: ConsentbookDB,
  session: Session,
  campaignId: string,
  personId: string,
  reply: CampaignReply,
): Promise<Campaign> {
  requirePermission(session, 'editPersons');
  const answeredAt = reply.type === 'consent' ? reply.givenAt : reply.answeredAt;
  if (!answeredAt || Number.isNaN(Date.parse(answeredAt)))
    throw new RuleError('error.campaignReplyDate', 'The date of the reply is required');
  return writeWith(
    db,
    { session },
    [db.campaigns, db.consents, db.files, db.transactions, db.persons, db.purposes, db.auditLog],
    async () => {
      const campaign = await readCampaign(db, campaignId);
      const index = campaign.members.findIndex((m) => m.personId === personId);
      if (index < 0)
        throw new RuleError('error.campaignNotMember', `Person ${personId} is not in campaign ${campaignId}`);
      const member = campaign.members[index];
      if (member.status !== 'pending')
        throw new RuleError('error.campaignAnswered', 'This person has answered already', { status: member.status });
      const person = await db.persons.get(personId);
      if (!person) throw new RuleError('error.personMissing', `No person ${personId}`);
      if (person.lock) throw new PersonLockedError(personId);

      let next: CampaignMember;
      if (reply.type === 'consent') {
        const ticked = [...new Set(reply.purposeIds)];
        if (ticked.length === 0 || ticked.some((id) => !campaign.purposeIds.includes(id))) {
          throw new RuleError(
            'error.campaignReplyPurposes',
            'A consent reply names the purposes ticked, all of them asked for by the campaign',
          );
        }
        // Joins this transaction: the consent and the member's new status are stored together or not at all.
        const consent = await recordConsent(db, session, {
          personId,
          purposeIds: ticked,
          givenAt: reply.givenAt,
          channel: reply.channel,
          text: reply.text,
          channelNote: reply.channelNote,
          evidenceFile: reply.evidenceFile,
          evidenceTransactionId: reply.evidenceTransactionId,
          campaignId,
          confirmedByUser: reply.confirmedByUser,
        });
        next = { personId, status: 'consented', answeredAt: reply.givenAt, consentId: consent.id };
      } else {
        next = { personId, status: 'refused', answeredAt: reply.answeredAt, consentId: '' };
        await logEvent(db, session, 'other', personId, `campaign:${campaignId}:refused`);
      }
      const members = campaign.members.map((m, i) => (i === index ? next : m));
      const updated: Campaign = { ...campaign, members };
      await db.campaigns.put(updated);
      return updated;
    },
  );
}

/** Logs that letters or the CSV of a campaign were issued (no person named: the campaign id only). */
export async function recordCampaignLettersIssued(
  db: ConsentbookDB,
  session: Session,
  campaignId: string,
  format: 'pdf' | 'csv',
  count: number,
): Promise<void> {
  requirePermission(session, 'issueReports');
  await logEvent(db, session, 'other', '', `campaign:${campaignId}:letters:${format}:${count}`);
}
