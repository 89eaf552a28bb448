// Art. 12(3): a request's deadline extended by up to two months, with the reasons told to the
// person. The Auskunft lists the person's requests: an extended one says that it was extended and
// why, not only a due date three months after receipt.
import { beforeAll, describe, expect, it } from 'vitest';
import { collectAccessReport, createRequest, extendRequest, savePerson } from '../../src/data';
import { accessReportInput, renderAccessReport } from '../../src/documents/accessReport';
import type { PdfFonts } from '../../src/documents/letter';
import { loadLanguage, t } from '../../src/i18n/messages';
import { formatDate } from '../../src/i18n/locale';
import { anna, CONTRACT, enterController, freshDb } from './helpers';
import { nodePdfFonts, pdfText, squash } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

describe('an extended request in the Auskunft', () => {
  it('names the extension, its months and its reason beside the new due date', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const request = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-10-01' });
    await extendRequest(db, admin, request.id, 2, 'Unterlagen aus dem Archiv werden zusammengestellt');
    const data = await collectAccessReport(db, admin, p.id);
    for (const lang of ['de', 'en'] as const) {
      const text = await pdfText(
        await renderAccessReport(accessReportInput(data, lang, '2026-11-20T10:00:00.000Z'), fonts),
      );
      expect(text).toContain(squash('Unterlagen aus dem Archiv werden zusammengestellt'));
      expect(text).toContain(
        squash(t(lang, 'report.request.extended.2', { reason: 'Unterlagen aus dem Archiv werden zusammengestellt' })),
      );
      expect(text).toContain(lang === 'de' ? '01.01.2027' : '01/01/2027');
    }
  });
});

describe('an open request past its deadline in the Auskunft', () => {
  it('says the deadline has passed on the day of issue; one still running is not marked', async () => {
    const { db, admin } = await freshDb();
    await enterController(db, admin);
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await createRequest(db, admin, { personId: p.id, kind: 'erasure', receivedAt: '2026-10-01' });
    await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-20' });
    const data = await collectAccessReport(db, admin, p.id);
    for (const lang of ['de', 'en'] as const) {
      const text = await pdfText(
        await renderAccessReport(accessReportInput(data, lang, '2026-12-08T10:00:00.000Z'), fonts),
      );
      const status = t(lang, 'ui.requests.status.open');
      const date = (iso: string) => formatDate(lang, iso);
      expect(text).toContain(squash(t(lang, 'report.request.overdue', { status, date: date('2026-11-01') })));
      expect(text).toContain(squash(t(lang, 'report.request.due', { status, date: date('2026-12-20') })));
      expect(text).not.toContain(squash(t(lang, 'report.request.overdue', { status, date: date('2026-12-20') })));
    }
  });
});
