// Art. 15(1)(c) asks for the recipients to whom the data "have been or will be disclosed", and
// Art. 15(2) for the safeguards of a transfer to a third country: a purpose the person's data is no
// longer processed for — a consent withdrawn, an own purpose changed — still had its recipients.
import { beforeAll, describe, expect, it } from 'vitest';
import { addPurpose, collectAccessReport, recordConsent, savePerson, withdrawConsent } from '../../src/data';
import { saveRecipient } from '../../src/data/commands/recipients';
import { accessReportInput, renderAccessReport } from '../../src/documents/accessReport';
import type { PdfFonts } from '../../src/documents/letter';
import { formerPurposesOf } from '../../src/documents/formerPurposes';
import type { AuditEntry } from '../../src/domain/audit';
import { DEFAULT_PURPOSES, type Purpose } from '../../src/domain/purpose';
import { loadLanguage, t } from '../../src/i18n/messages';
import { formatDate } from '../../src/i18n/locale';
import { anna, enterController, freshDb, hostingProcessor, purposeSeed, SIGNED_FORM } from './helpers';
import { nodePdfFonts, pdfText, squash } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const ISSUED = '2026-12-01T10:00:00.000Z';

async function bookWithNewsletter() {
  const { db, admin } = await freshDb();
  await enterController(db, admin);
  const newsletter = await addPurpose(
    db,
    admin,
    purposeSeed('Newsletter', { lawfulBasis: 'a', requiresConsent: true, recipients: 'Versanddienstleister' }),
  );
  const payroll = await addPurpose(
    db,
    admin,
    purposeSeed('Lohnbuchhaltung', { lawfulBasis: 'c', recipients: 'Finanzamt' }),
  );
  await saveRecipient(
    db,
    admin,
    hostingProcessor({
      name: 'Mailversand Inc.',
      country: 'USA',
      transferBasis: 'sccs',
      safeguardsNote: 'Modul 2',
      purposeIds: [newsletter.id],
    }),
  );
  return { db, admin, newsletter, payroll };
}

describe('the Auskunft names the recipients of purposes the data was processed for before', () => {
  it('a withdrawn consent: its purpose, its recipients and the third-country transfer with its basis', async () => {
    const { db, admin, newsletter } = await bookWithNewsletter();
    const p = await savePerson(db, admin, anna(), { purposeId: 'purpose-contract', comment: 'Kundin' });
    const consent = await recordConsent(db, admin, {
      personId: p.id,
      purposeIds: [newsletter.id],
      givenAt: '2025-03-01',
      channel: 'written',
      text: 'Newsletter v2',
      ...SIGNED_FORM,
      confirmedByUser: true,
    });
    await withdrawConsent(db, admin, consent.id, { withdrawnAt: '2026-02-10', note: 'per E-Mail' });

    const data = await collectAccessReport(db, admin, p.id);
    for (const lang of ['de', 'en'] as const) {
      const text = await pdfText(await renderAccessReport(accessReportInput(data, lang, ISSUED), fonts));
      expect(text).toContain(squash('Mailversand Inc.'));
      expect(text).toContain(squash('Versanddienstleister'));
      expect(text).toContain(squash(t(lang, 'report.purpose.former')));
      expect(text).toContain(
        squash(t(lang, 'report.purpose.formerWithdrawn', { date: lang === 'de' ? '10.02.2026' : '10/02/2026' })),
      );
      expect(text).toContain(squash(t(lang, 'report.purpose.transferCopy')));
    }
  });

  it('an own purpose changed: the former one and its recipients, until the change', async () => {
    const { db, admin, payroll } = await bookWithNewsletter();
    const p = await savePerson(db, admin, anna(), { purposeId: payroll.id, comment: 'Mitarbeiterin' });
    const moved = await savePerson(
      db,
      admin,
      { ...p, purposeId: 'purpose-contract' },
      { purposeId: 'purpose-contract', comment: 'ausgeschieden, jetzt Kundin' },
    );
    const data = await collectAccessReport(db, admin, p.id);
    const changedAt = data.auditEntries.find((e) => e.action === 'update')!.at;
    const text = await pdfText(await renderAccessReport(accessReportInput(data, 'de', ISSUED), fonts));
    expect(moved.purposeId).toBe('purpose-contract');
    expect(text).toContain(squash('Finanzamt'));
    expect(text).toContain(squash('Lohnbuchhaltung'));
    expect(text).toContain(squash(t('de', 'report.purpose.former')));
    expect(text).toContain(squash(t('de', 'report.purpose.formerChanged', { date: formatDate('de', changedAt) })));
  });

  it('nothing former: no such part', async () => {
    const { db, admin } = await bookWithNewsletter();
    const p = await savePerson(db, admin, anna(), { purposeId: 'purpose-contract', comment: 'Kundin' });
    const data = await collectAccessReport(db, admin, p.id);
    const text = await pdfText(await renderAccessReport(accessReportInput(data, 'de', ISSUED), fonts));
    expect(text).not.toContain(squash(t('de', 'report.purpose.former')));
    expect(text).not.toContain(squash('Mailversand'));
  });
});

describe('formerPurposesOf', () => {
  const purpose = (id: string): Purpose => ({
    ...DEFAULT_PURPOSES[0],
    id,
    name: id,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const entry = (seq: number, action: AuditEntry['action'], purposeId: string, fieldKeys: string[] = []) =>
    ({ seq, at: `2026-0${seq}-01T10:00:00.000Z`, action, purposeId, fieldKeys }) as AuditEntry;
  const purposes = ['a', 'b', 'c'].map(purpose);

  it('an own purpose changed ends at the change; one only named for a change ends at its last naming', () => {
    const entries = [
      entry(1, 'create', 'a'),
      entry(2, 'update', 'c', ['phone']),
      entry(3, 'update', 'b', ['purposeId']),
      entry(4, 'update', 'b', ['phone']),
    ];
    expect(formerPurposesOf({ purposeId: 'b' }, [], entries, purposes)).toEqual([
      { purpose: purposes[0], ended: 'changed', at: entries[2].at },
      { purpose: purposes[2], ended: 'changed', at: entries[2].at },
    ]);
    expect(formerPurposesOf({ purposeId: 'b' }, [], entries.slice(0, 2), purposes)).toEqual([
      { purpose: purposes[0], ended: 'lastNamed', at: entries[0].at },
      { purpose: purposes[2], ended: 'lastNamed', at: entries[1].at },
    ]);
  });

  it('leaves out what is processed for now, held-back entries and purposes no longer known', () => {
    const entries = [
      entry(1, 'create', 'a'),
      { ...entry(2, 'update', 'c', ['purposeId']), heldBack: 'held' as const },
      entry(3, 'update', 'gone', ['purposeId']),
      entry(4, 'update', 'a', ['purposeId']),
    ];
    expect(formerPurposesOf({ purposeId: 'a' }, [], entries, purposes)).toEqual([]);
  });
});
