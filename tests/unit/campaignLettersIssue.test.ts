/**
 * Making a campaign's letters from the screen (src/ui/campaigns/documents.ts): progress is reported
 * letter batch by letter batch; a cancelled issue downloads nothing and logs nothing, and one made
 * to the end is downloaded and logged. The app's database, the fonts' fetch and the browser
 * download are replaced (vi.mock), so this file loads its modules afresh (vitest.config.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCampaign, savePerson, type ConsentbookDB } from '../../src/data';
import type { Session } from '../../src/data/core/session';
import type { LettersProgress } from '../../src/documents/consentLetters';
import { issueCampaignLetters } from '../../src/ui/campaigns/documents';
import { anna, CONTRACT, enterController, freshDb } from './helpers';
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

/** A campaign of eight persons, none answered yet. */
async function campaignOfEight(): Promise<{ db: ConsentbookDB; admin: Session; campaignId: string }> {
  const { db, admin } = await freshDb();
  await enterController(db, admin);
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const person = await savePerson(
      db,
      admin,
      anna({ id: crypto.randomUUID(), lastName: `Berg${String(i)}`, email: `p${String(i)}@example.org` }),
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
});
