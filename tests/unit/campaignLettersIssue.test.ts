/**
 * Making a campaign's letters from the screen (src/ui/campaigns/documents.ts): progress is reported
 * letter batch by letter batch; a cancelled issue downloads nothing and logs nothing, and one made
 * to the end is downloaded and logged; members without a postal address get no letter and are
 * named in the message. The app's database, the fonts' fetch and the browser
 * download are replaced (vi.mock), so this file loads its modules afresh (vitest.config.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCampaign, createRequest, savePerson, withdrawConsent, type ConsentbookDB } from '../../src/data';
import type { Session } from '../../src/data/core/session';
import type { Person } from '../../src/domain/person';
import type { LettersProgress } from '../../src/documents/consentLetters';
import { issueCampaignLetters, lettersIssuedMessage } from '../../src/ui/campaigns/documents';
import { extractText } from 'unpdf';
import { loadLanguage } from '../../src/i18n/messages';
import { anna, consentToAdvertising, CONTRACT, enterController, freshDb } from './helpers';
import { nodePdfFonts } from './sample-data';

const app = vi.hoisted(() => ({
  db: null as ConsentbookDB | null,
  downloads: [] as { name: string; blob: Blob }[],
}));
vi.mock('../../src/ui/db', () => ({
  get db() {
    return app.db;
  },
}));
vi.mock('../../src/documents/fonts', () => ({ loadPdfFonts: () => Promise.resolve(nodePdfFonts()) }));
vi.mock('../../src/ui/download', () => ({
  downloadBlob: (blob: Blob, name: string) => app.downloads.push({ name, blob }),
}));

/** Reached by phone only: no postal address, no e-mail. */
const PHONE_ONLY: Partial<Person> = { street: '', postalCode: '', city: '', email: '' };

/** A campaign of eight persons, none answered yet; `changes` by the person's number. */
async function campaignOfEight(
  changes: Partial<Record<number, Partial<Person>>> = {},
): Promise<{ db: ConsentbookDB; admin: Session; campaignId: string }> {
  const { db, admin } = await freshDb();
  await enterController(db, admin);
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const person = await savePerson(
      db,
      admin,
      anna({
        id: crypto.randomUUID(),
        lastName: `Berg${String(i)}`,
        email: `p${String(i)}@example.org`,
        ...changes[i],
      }),
      CONTRACT,
    );
    ids.push(person.id);
  }
  const { campaign } = await createCampaign(db, admin, {
    name: 'Newsletter',
    purposeIds: ['purpose-advertising'],
    personIds: ids,
  });
  app.db = db;
  return { db, admin, campaignId: campaign.id };
}

beforeEach(() => {
  app.downloads = [];
});

describe('issueCampaignLetters', () => {
  it('cancelled while the letters are made: nothing downloaded, nothing logged, null', async () => {
    const { db, admin, campaignId } = await campaignOfEight();
    const entries = await db.auditLog.count();
    const controller = new AbortController();
    const seen: LettersProgress[] = [];
    const made = await issueCampaignLetters(
      admin,
      campaignId,
      'de',
      (p) => {
        seen.push(p);
        if (p.done > 0) controller.abort();
      },
      controller.signal,
    );
    expect(made).toBeNull();
    expect(seen).toEqual([
      { done: 0, total: 8 },
      { done: 5, total: 8 },
    ]);
    expect(app.downloads).toEqual([]);
    expect(await db.auditLog.count()).toBe(entries);
  });

  it('made to the end: one PDF downloaded and the issue logged with the count', async () => {
    const { db, admin, campaignId } = await campaignOfEight();
    const entries = await db.auditLog.count();
    const seen: number[] = [];
    const made = await issueCampaignLetters(
      admin,
      campaignId,
      'de',
      (p) => seen.push(p.done),
      new AbortController().signal,
    );
    expect(made?.count).toBe(8);
    expect(seen).toEqual([0, 5, 8]);
    expect(app.downloads.map((d) => d.name)).toEqual([made?.fileName]);
    expect(app.downloads[0].blob.type).toBe('application/pdf');
    expect(new TextDecoder().decode(await app.downloads[0].blob.slice(0, 5).arrayBuffer())).toBe('%PDF-');
    expect(await db.auditLog.count()).toBe(entries + 1);
  });

  it('leaves out members without a postal address and names them; the log counts the letters made', async () => {
    // Phone only, and a city without a street: neither letter could arrive.
    const { db, admin, campaignId } = await campaignOfEight({ 2: PHONE_ONLY, 5: PHONE_ONLY, 6: { street: '' } });
    const entries = await db.auditLog.count();
    const made = await issueCampaignLetters(admin, campaignId, 'de', () => undefined, new AbortController().signal);
    expect(made?.count).toBe(5);
    expect(made?.withoutAddress).toEqual(['Berg2, Anna', 'Berg5, Anna', 'Berg6, Anna']);
    const { text } = await extractText(new Uint8Array(await app.downloads[0].blob.arrayBuffer()), { mergePages: true });
    for (const i of [0, 1, 3, 4, 7]) expect(text).toContain(`Frau Berg${String(i)},`);
    for (const i of [2, 5, 6]) expect(text).not.toContain(`Berg${String(i)}`);
    expect(await db.auditLog.count()).toBe(entries + 1);
    expect(lettersIssuedMessage('de', made!)).toBe(
      `Briefe erstellt (5) und heruntergeladen: ${made!.fileName} Ohne Postanschrift (Straße und Ort) und deshalb ohne Brief: 3 – Berg2, Anna; Berg5, Anna; Berg6, Anna. Bitte die Anschrift ergänzen oder anders anfragen.`,
    );
    await loadLanguage('en');
    expect(lettersIssuedMessage('en', made!)).toContain(
      'Without a postal address (street and city), so without a letter: 3 – Berg2, Anna; Berg5, Anna; Berg6, Anna.',
    );
  });

  it('with no member to write to: no file, nothing logged, and who was left out', async () => {
    const { db, admin, campaignId } = await campaignOfEight(
      Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i, PHONE_ONLY])),
    );
    const entries = await db.auditLog.count();
    const made = await issueCampaignLetters(admin, campaignId, 'de', () => undefined, new AbortController().signal);
    expect(made).toEqual({ fileName: '', count: 0, withoutAddress: expect.any(Array) as string[], leftOut: [] });
    expect(made?.withoutAddress).toHaveLength(8);
    expect(app.downloads).toEqual([]);
    expect(await db.auditLog.count()).toBe(entries);
    const message = lettersIssuedMessage('de', made!);
    expect(message).toMatch(/^Keine Briefe erstellt\. Ohne Postanschrift .*: 8 – Berg0, Anna; .*; Berg7, Anna\./);
    // Ten names at most, then how many more.
    const many = { ...made!, withoutAddress: Array.from({ length: 25 }, (_, i) => `Name${String(i)}`) };
    expect(lettersIssuedMessage('de', many)).toContain('Name9 und 15 weitere.');
    expect(lettersIssuedMessage('de', many)).not.toContain('Name10');
  });

  it('a member who withdrew the consent asked for, or objected, since the campaign was made gets no letter and is named', async () => {
    const { db, admin, campaignId } = await campaignOfEight();
    const members = (await db.campaigns.get(campaignId))!.members.map((m) => m.personId);
    const consent = await consentToAdvertising(db, admin, members[3], new TextEncoder().encode('%PDF-1.4 a'));
    await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-04-01', note: 'Anruf' });
    await createRequest(db, admin, { personId: members[6], kind: 'objection', receivedAt: '2026-04-02' });
    const made = await issueCampaignLetters(admin, campaignId, 'de', () => undefined, new AbortController().signal);
    expect(made?.count).toBe(6);
    const { text } = await extractText(new Uint8Array(await app.downloads[0].blob.arrayBuffer()), { mergePages: true });
    for (const i of [0, 1, 2, 4, 5, 7]) expect(text).toContain(`Frau Berg${String(i)},`);
    for (const i of [3, 6]) expect(text).not.toContain(`Berg${String(i)}`);
    expect(lettersIssuedMessage('de', made!)).toBe(
      `Briefe erstellt (6) und heruntergeladen: ${made!.fileName} Nicht angeschrieben: 2 – Berg3, Anna – Einwilligung widerrufen; Berg6, Anna – Widerspruch (Art. 21 DSGVO).`,
    );
  });
});
