// Consent campaigns ("Aktion erstellen"): who is put in, and how replies are recorded.
import { describe, expect, it } from 'vitest';
import {
  collectCampaignLetters,
  createCampaign,
  createUser,
  lockPerson,
  noReasonPersonIds,
  PermissionDeniedError,
  recordCampaignReply,
  refusedPersonIds,
  savePerson,
  signIn,
  pendingPersonIds,
  readCampaign,
} from '../../src/data';
import { campaignCounts } from '../../src/domain/campaign';
import { newPerson } from '../../src/domain/person';
import { anna, CONTRACT, enterController, freshDb, SIGNED_FORM } from './helpers';

const ASKED = ['purpose-advertising', 'purpose-address-trade'];
const PDF = new TextEncoder().encode('%PDF-1.4 signed reply form');

async function threePeople() {
  const { db, admin } = await freshDb();
  const a = await savePerson(db, admin, anna(), CONTRACT);
  const b = await savePerson(
    db,
    admin,
    anna({
      id: crypto.randomUUID(),
      firstName: 'Bernd',
      lastName: 'Berg',
      salutation: 'Herr',
      email: 'bernd@example.org',
    }),
    CONTRACT,
  );
  const c = await savePerson(
    db,
    admin,
    anna({ id: crypto.randomUUID(), firstName: 'Cem', lastName: 'Çelik', salutation: '', email: 'cem@example.org' }),
    CONTRACT,
  );
  return { db, admin, a, b, c };
}

describe('createCampaign', () => {
  it('never puts a locked person in a campaign, and says whom it skipped', async () => {
    const { db, admin, a, b, c } = await threePeople();
    await lockPerson(db, admin, b.id, 'Widerspruch, Art. 18');
    const { campaign, skippedLockedIds } = await createCampaign(db, admin, {
      name: 'Frühjahr 2026',
      purposeIds: ASKED,
      personIds: [a.id, b.id, c.id, a.id],
    });
    expect(skippedLockedIds).toEqual([b.id]);
    expect(campaign.members.map((m) => m.personId)).toEqual([a.id, c.id]);
    expect(campaign.members.every((m) => m.status === 'pending' && m.answeredAt === null && m.consentId === '')).toBe(
      true,
    );
    expect(campaign.purposeIds).toEqual(ASKED);
    expect(await readCampaign(db, campaign.id)).toEqual(campaign);
  });

  it('refuses unknown persons, legal persons, unknown purposes, and campaigns of locked persons only', async () => {
    const { db, admin, a, b } = await threePeople();
    const company = await savePerson(db, admin, newPerson('customer', { organisation: 'Muster AG' }));
    await expect(
      createCampaign(db, admin, { name: 'X', purposeIds: ASKED, personIds: [a.id, 'nobody'] }),
    ).rejects.toMatchObject({ messageKey: 'error.personMissing' });
    await expect(
      createCampaign(db, admin, { name: 'X', purposeIds: ASKED, personIds: [a.id, company.id] }),
    ).rejects.toMatchObject({ messageKey: 'error.campaignNotNatural' });
    await expect(
      createCampaign(db, admin, { name: 'X', purposeIds: ['purpose-none'], personIds: [a.id] }),
    ).rejects.toMatchObject({ messageKey: 'error.campaignPurpose' });
    await expect(createCampaign(db, admin, { name: ' ', purposeIds: ASKED, personIds: [a.id] })).rejects.toMatchObject({
      messageKey: 'error.campaignName',
    });
    await lockPerson(db, admin, b.id, 'Art. 18');
    await expect(createCampaign(db, admin, { name: 'X', purposeIds: ASKED, personIds: [b.id] })).rejects.toMatchObject({
      messageKey: 'error.campaignOnlyLocked',
    });
    expect(await db.campaigns.count()).toBe(0);
  });

  it('needs the permission to edit persons', async () => {
    const { db, admin, a } = await threePeople();
    await createUser(db, admin, {
      name: 'lea',
      staffNumber: '7',
      passphrase: 'lea passphrase',
      permissions: ['issueReports'],
    });
    const lea = await signIn(db, 'lea', 'lea passphrase');
    await expect(createCampaign(db, lea, { name: 'X', purposeIds: ASKED, personIds: [a.id] })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});

describe('recordCampaignReply', () => {
  it('records a consent with the campaign id and purposes, and marks the member consented', async () => {
    const { db, admin, a, c } = await threePeople();
    const { campaign } = await createCampaign(db, admin, {
      name: 'Frühjahr 2026',
      purposeIds: ASKED,
      personIds: [a.id, c.id],
    });
    const updated = await recordCampaignReply(db, admin, campaign.id, a.id, {
      type: 'consent',
      givenAt: '2026-05-12',
      channel: 'written',
      text: 'Antwortformular Frühjahr 2026, v1',
      evidenceFile: { name: 'antwort.pdf', mimeType: 'application/pdf', data: PDF },
      confirmedByUser: true,
      purposeIds: ASKED,
    });
    const consents = await db.consents.where('campaignId').equals(campaign.id).toArray();
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      personId: a.id,
      purposeIds: ASKED,
      status: 'given',
      givenAt: '2026-05-12',
      campaignId: campaign.id,
    });
    expect(consents[0].evidence.type).toBe('file');
    expect(updated.members.find((m) => m.personId === a.id)).toEqual({
      personId: a.id,
      status: 'consented',
      answeredAt: '2026-05-12',
      consentId: consents[0].id,
    });
    expect(await pendingPersonIds(db, campaign.id)).toEqual([c.id]);
    // The consent is logged like any other.
    expect(await db.auditLog.filter((e) => e.action === 'consentGiven').count()).toBe(1);
    // A member answers once.
    await expect(
      recordCampaignReply(db, admin, campaign.id, a.id, { type: 'refusal', answeredAt: '2026-05-13' }),
    ).rejects.toMatchObject({ messageKey: 'error.campaignAnswered' });
  });

  it('records consent only for the purposes the person ticked, all of them asked for', async () => {
    const { db, admin, a, c } = await threePeople();
    const { campaign } = await createCampaign(db, admin, {
      name: 'Frühjahr 2026',
      purposeIds: ASKED,
      personIds: [a.id, c.id],
    });
    const reply = {
      type: 'consent' as const,
      givenAt: '2026-05-12',
      channel: 'written' as const,
      text: 'v1',
      ...SIGNED_FORM,
      confirmedByUser: true as const,
    };
    await expect(recordCampaignReply(db, admin, campaign.id, a.id, { ...reply, purposeIds: [] })).rejects.toMatchObject(
      { messageKey: 'error.campaignReplyPurposes' },
    );
    await expect(
      recordCampaignReply(db, admin, campaign.id, a.id, { ...reply, purposeIds: ['purpose-contract'] }),
    ).rejects.toMatchObject({ messageKey: 'error.campaignReplyPurposes' });
    await recordCampaignReply(db, admin, campaign.id, a.id, { ...reply, purposeIds: [ASKED[0]] });
    expect((await db.consents.where('personId').equals(a.id).first())!.purposeIds).toEqual([ASKED[0]]);
  });

  it('lists refusals in refusedPersonIds', async () => {
    const { db, admin, a, b, c } = await threePeople();
    const { campaign } = await createCampaign(db, admin, {
      name: 'Frühjahr 2026',
      purposeIds: ASKED,
      personIds: [a.id, b.id, c.id],
    });
    await recordCampaignReply(db, admin, campaign.id, b.id, { type: 'refusal', answeredAt: '2026-05-10' });
    await recordCampaignReply(db, admin, campaign.id, c.id, { type: 'refusal', answeredAt: '2026-05-11' });
    expect(await refusedPersonIds(db, campaign.id)).toEqual([b.id, c.id]);
    expect(await db.consents.count()).toBe(0);
    const stored = await readCampaign(db, campaign.id);
    expect(campaignCounts(stored)).toEqual({ total: 3, pending: 1, consented: 0, refused: 2 });
    expect(stored.members[1]).toEqual({ personId: b.id, status: 'refused', answeredAt: '2026-05-10', consentId: '' });
  });

  it('stores nothing when the consent is refused by the rules (locked meanwhile), and rejects non-members', async () => {
    const { db, admin, a, b } = await threePeople();
    const { campaign } = await createCampaign(db, admin, {
      name: 'Frühjahr 2026',
      purposeIds: ASKED,
      personIds: [a.id],
    });
    await expect(
      recordCampaignReply(db, admin, campaign.id, b.id, { type: 'refusal', answeredAt: '2026-05-10' }),
    ).rejects.toMatchObject({ messageKey: 'error.campaignNotMember' });
    await lockPerson(db, admin, a.id, 'Art. 18');
    await expect(
      recordCampaignReply(db, admin, campaign.id, a.id, {
        type: 'consent',
        givenAt: '2026-05-12',
        channel: 'email',
        text: 'v1',
        ...SIGNED_FORM,
        confirmedByUser: true,
        purposeIds: ASKED,
      }),
    ).rejects.toMatchObject({ messageKey: 'error.personLocked' });
    expect(await db.consents.count()).toBe(0);
    expect((await readCampaign(db, campaign.id)).members[0].status).toBe('pending');
  });

  it('keeps consent and member status together: a refused evidence file leaves both unchanged', async () => {
    const { db, admin, a } = await threePeople();
    const { campaign } = await createCampaign(db, admin, {
      name: 'Frühjahr 2026',
      purposeIds: ASKED,
      personIds: [a.id],
    });
    await expect(
      recordCampaignReply(db, admin, campaign.id, a.id, {
        type: 'consent',
        givenAt: '2026-05-12',
        channel: 'written',
        text: 'v1',
        evidenceFile: { name: 'virus.exe', mimeType: 'application/pdf', data: new Uint8Array([0x4d, 0x5a, 0, 0]) },
        confirmedByUser: true,
        purposeIds: ASKED,
      }),
    ).rejects.toMatchObject({ messageKey: 'evidence.type' });
    expect(await db.consents.count()).toBe(0);
    expect((await readCampaign(db, campaign.id)).members[0].status).toBe('pending');
  });
});

describe('campaign from the worklist, and its letters', () => {
  it('takes the worklist persons and gathers the letters for those still pending', async () => {
    const { db, admin, a } = await threePeople();
    // Persons held without any reason: only watched-field-free records can be stored so while GDPR support is on.
    const x = await savePerson(db, admin, newPerson('contact', { organisation: 'Ohne Zweck GmbH' }));
    const y = await savePerson(db, admin, newPerson('contact', { organisation: 'Ohne Zweck KG' }));
    const worklist = await noReasonPersonIds(db);
    expect(worklist.sort()).toEqual([x.id, y.id].sort());
    const { campaign } = await createCampaign(db, admin, {
      name: 'Prüfliste',
      purposeIds: ASKED,
      personIds: [...worklist, a.id],
    });
    await recordCampaignReply(db, admin, campaign.id, x.id, { type: 'refusal', answeredAt: '2026-05-10' });
    await enterController(db, admin);
    const data = await collectCampaignLetters(db, admin, campaign.id);
    expect(data.persons.map((p) => p.id).sort()).toEqual([y.id, a.id].sort());
    expect(data.purposes.map((p) => p.id)).toEqual(ASKED);
    expect(data.persons.every((p) => !('searchTerms' in p))).toBe(true);
  });
});
