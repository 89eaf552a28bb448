// A purpose's retention is one rule (10 years from the end of the year of the last change of the
// person's data, domain/retention.ts): every document says it so — the Auskunft, the notice
// (Art. 13/14), the consent letter and the Verzeichnis —, a rule without a basis without "()", and
// the notice states the storage period of every purpose it names (Art. 13(2)(a), 14(2)(a)).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addPurpose,
  collectAccessReport,
  collectCampaignLetters,
  collectProcessingRegister,
  createCampaign,
  recordConsent,
  savePerson,
} from '../../src/data';
import { collectInformationNotice } from '../../src/data/queries/information';
import { accessReportInput, renderAccessReport } from '../../src/documents/accessReport';
import { renderConsentLetters } from '../../src/documents/consentLetters';
import { informationNoticeInput, renderInformationLetter } from '../../src/documents/informationNotice';
import type { PdfFonts } from '../../src/documents/letter';
import { renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { loadLanguage, t, type Language } from '../../src/i18n/messages';
import { anna, enterController, freshDb, purposeSeed } from './helpers';
import { nodePdfFonts, pdfText, squash } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const ISSUED = '2026-12-01T10:00:00.000Z';

async function documents(lang: Language) {
  const { db, admin } = await freshDb();
  await enterController(db, admin);
  const payroll = await addPurpose(
    db,
    admin,
    purposeSeed('Lohnbuchhaltung', { lawfulBasis: 'c', retention: { years: 10, basis: '§ 147 AO' } }),
  );
  const catalogue = await addPurpose(
    db,
    admin,
    purposeSeed('Katalogversand', { lawfulBasis: 'a', requiresConsent: true, retention: { years: 3, basis: '' } }),
  );
  const p = await savePerson(db, admin, anna(), { purposeId: payroll.id, comment: 'Mitarbeiterin' });
  await recordConsent(db, admin, {
    personId: p.id,
    purposeIds: ['purpose-advertising'],
    givenAt: '2026-01-01',
    channel: 'verbal',
    channelNote: 'am Telefon',
    text: 'Werbung per Post',
    confirmedByUser: true,
  });
  const { campaign } = await createCampaign(db, admin, {
    name: 'Katalog 2027',
    purposeIds: [catalogue.id],
    personIds: [p.id],
  });
  const letters = await collectCampaignLetters(db, admin, campaign.id);
  const register = await collectProcessingRegister(db, admin, new Date(ISSUED), { storagePersisted: true });
  return {
    auskunft: await pdfText(
      await renderAccessReport(accessReportInput(await collectAccessReport(db, admin, p.id), lang, ISSUED), fonts),
    ),
    notice: await pdfText(
      await renderInformationLetter(
        informationNoticeInput(await collectInformationNotice(db, p.id), lang, ISSUED),
        fonts,
      ),
    ),
    letter: await pdfText(
      await renderConsentLetters(
        {
          lang,
          issuedAt: ISSUED,
          controller: letters.controller,
          campaignId: campaign.id,
          purposes: letters.purposes,
          persons: letters.persons,
        },
        fonts,
      ),
    ),
    register: await pdfText(await renderProcessingRegisterPdf(register, lang, fonts)),
  };
}

describe('a purpose retention is said the same in every document', () => {
  for (const lang of ['de', 'en'] as const) {
    it(`${lang}: from the end of the year of the last change, in the Auskunft, the notice, the letter and the Verzeichnis`, async () => {
      const docs = await documents(lang);
      const payroll = squash(t(lang, 'register.retention.years', { years: 10, basis: '§ 147 AO' }));
      const catalogue = squash(t(lang, 'register.retention.yearsNoBasis', { years: 3 }));
      expect(docs.register).toContain(payroll);
      expect(docs.register).toContain(catalogue);
      expect(docs.auskunft).toContain(payroll);
      expect(docs.notice).toContain(payroll);
      expect(docs.letter).toContain(catalogue);
      for (const text of Object.values(docs)) expect(text).not.toContain('()');
      // The notice names the advertising purpose's storage too, not only the one with a period.
      expect(docs.notice).toContain(squash(t(lang, 'info.retentionPurposeNamedNone', { purpose: 'Werbung' })));
      // The Auskunft's table says it for the advertising purpose as well, not "—".
      expect(docs.auskunft).toContain(squash(`Werbung${t(lang, `basis.a`)}`));
      expect(docs.auskunft).toContain(squash(t(lang, 'report.purpose.retentionNone')));
    });
  }
});
