// Consent campaigns never ask again who withdrew a consent to a purpose asked for, nor anyone who
// objected (Art. 21(2),(3) DSGVO; in Germany a consent request is advertising itself, § 7 UWG):
// left out when the campaign is made, and dropped from letters and CSV made after they withdrew.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  collectCampaignLetters,
  createCampaign,
  createRequest,
  savePerson,
  withdrawConsent,
  type ConsentbookDB,
} from '../../src/data';
import type { Session } from '../../src/data/core/session';
import { campaignCsv } from '../../src/formats/csv/campaign';
import { withdrawnPurposeIds } from '../../src/domain/campaign';
import { loadLanguage } from '../../src/i18n/messages';
import { anna, consentToAdvertising, CONTRACT, enterController, freshDb } from './helpers';

const ADVERTISING = 'purpose-advertising';
const ADDRESS_TRADE = 'purpose-address-trade';

async function book() {
  const { db, admin } = await freshDb();
  await enterController(db, admin);
  const a = await savePerson(db, admin, anna(), CONTRACT);
  const b = await savePerson(
    db,
    admin,
    anna({ id: crypto.randomUUID(), firstName: 'Bernd', lastName: 'Berg', salutation: 'Herr' }),
    CONTRACT,
  );
  const c = await savePerson(
    db,
    admin,
    anna({ id: crypto.randomUUID(), firstName: 'Cem', lastName: 'Çelik', salutation: '' }),
    CONTRACT,
  );
  return { db, admin, a, b, c };
}

/** Anna gave her consent to advertising and withdrew it. */
async function withdrawAdvertising(db: ConsentbookDB, admin: Session, personId: string, on = '2026-02-01') {
  const consent = await consentToAdvertising(db, admin, personId, new TextEncoder().encode('%PDF-1.4 a'));
  await withdrawConsent(db, admin, consent.id, { withdrawnAt: on, note: 'per E-Mail widerrufen' });
}

describe('who withdrew or objected is not asked (again)', () => {
  it('leaves out a person who withdrew the consent to a purpose the campaign asks for, and says why', async () => {
    const { db, admin, a, b, c } = await book();
    await withdrawAdvertising(db, admin, a.id);
    const { campaign, leftOut } = await createCampaign(db, admin, {
      name: 'Newsletter 2026',
      purposeIds: [ADVERTISING],
      personIds: [a.id, b.id, c.id],
    });
    expect(campaign.members.map((m) => m.personId)).toEqual([b.id, c.id]);
    expect(leftOut).toEqual([{ personId: a.id, reason: 'withdrawn' }]);

    const letters = await collectCampaignLetters(db, admin, campaign.id);
    expect(letters.persons.map((p) => p.id).sort()).toEqual([b.id, c.id].sort());
    await loadLanguage('de');
    const rows = Papa.parse<string[]>(campaignCsv(campaign.id, letters.persons, letters.purposes, 'de').trim()).data;
    expect(rows.flat().join(' ')).not.toContain('Anna');
  });

  it('still asks her for another purpose than the one she withdrew', async () => {
    const { db, admin, a, b } = await book();
    await withdrawAdvertising(db, admin, a.id);
    const { campaign, leftOut } = await createCampaign(db, admin, {
      name: 'Adresshandel',
      purposeIds: [ADDRESS_TRADE],
      personIds: [a.id, b.id],
    });
    expect(campaign.members.map((m) => m.personId)).toEqual([a.id, b.id]);
    expect(leftOut).toEqual([]);
  });

  it('leaves out whoever objected (Art. 21), whatever the campaign asks for, and the locked as before', async () => {
    const { db, admin, a, b, c } = await book();
    await createRequest(db, admin, { personId: b.id, kind: 'objection', receivedAt: '2026-03-01' });
    // An access request is no objection.
    await createRequest(db, admin, { personId: c.id, kind: 'access', receivedAt: '2026-03-01' });
    const { campaign, leftOut, skippedLockedIds } = await createCampaign(db, admin, {
      name: 'Adresshandel',
      purposeIds: [ADDRESS_TRADE],
      personIds: [a.id, b.id, c.id],
    });
    expect(campaign.members.map((m) => m.personId)).toEqual([a.id, c.id]);
    expect(leftOut).toEqual([{ personId: b.id, reason: 'objected' }]);
    expect(skippedLockedIds).toEqual([]);
  });

  it('makes no campaign of people who are all left out', async () => {
    const { db, admin, a, b } = await book();
    await withdrawAdvertising(db, admin, a.id);
    await createRequest(db, admin, { personId: b.id, kind: 'objection', receivedAt: '2026-03-01' });
    await expect(
      createCampaign(db, admin, { name: 'X', purposeIds: [ADVERTISING], personIds: [a.id, b.id] }),
    ).rejects.toMatchObject({ messageKey: 'error.campaignAllLeftOut' });
    expect(await db.campaigns.count()).toBe(0);
  });

  it('drops a member who withdraws or objects after the campaign was made from letters and CSV made later', async () => {
    const { db, admin, a, b, c } = await book();
    const consent = await consentToAdvertising(db, admin, a.id, new TextEncoder().encode('%PDF-1.4 a'));
    const { campaign } = await createCampaign(db, admin, {
      name: 'Newsletter 2026',
      purposeIds: [ADVERTISING, ADDRESS_TRADE],
      personIds: [a.id, b.id, c.id],
    });
    expect(campaign.members).toHaveLength(3);
    await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-04-01', note: 'Anruf' });
    await createRequest(db, admin, { personId: c.id, kind: 'objection', receivedAt: '2026-04-02' });

    const letters = await collectCampaignLetters(db, admin, campaign.id);
    expect(letters.persons.map((p) => p.id)).toEqual([b.id]);
    expect(letters.leftOut).toEqual([
      { personId: a.id, name: 'Zimmermann, Anna', reason: 'withdrawn' },
      { personId: c.id, name: 'Çelik, Cem', reason: 'objected' },
    ]);
  });
});

describe('withdrawnPurposeIds', () => {
  const consent = (
    status: 'given' | 'withdrawn',
    purposeIds: string[],
    givenAt: string,
    withdrawnAt: string | null,
  ) => ({
    status,
    purposeIds,
    givenAt,
    withdrawnAt,
  });

  it('names the purposes of withdrawn consents, unless consent to one was given again afterwards', () => {
    expect(
      [
        ...withdrawnPurposeIds([
          consent('withdrawn', ['news', 'events'], '2025-01-01', '2025-06-01'),
          consent('given', ['events'], '2025-09-01', null),
          // An older consent still in force does not undo the later withdrawal.
          consent('given', ['news'], '2024-01-01', null),
        ]),
      ].sort(),
    ).toEqual(['news']);
    expect(withdrawnPurposeIds([consent('given', ['news'], '2025-01-01', null)]).size).toBe(0);
  });
});
