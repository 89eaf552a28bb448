/**
 * The documents name the legitimate interest of a purpose on Art. 6(1)(f): the notice (Art.
 * 13(1)(d), 14(2)(b)), the Verzeichnis (Art. 30, PDF and JSON) and the Auskunft's purpose table
 * (Art. 15), in German and English. A purpose stored before the field existed is marked there as
 * not yet stated, never silently left out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  collectAccessReport,
  collectProcessingRegister,
  savePerson,
  type ConsentbookDB,
  type Session,
} from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { collectInformationNotice } from '../../src/data/queries/information';
import { accessReportInput, renderAccessReport } from '../../src/documents/accessReport';
import {
  informationNoticeInput,
  informationNoticeSections,
  renderInformationLetter,
} from '../../src/documents/informationNotice';
import type { PdfFonts } from '../../src/documents/letter';
import { processingRegisterJson, renderProcessingRegisterPdf } from '../../src/documents/processingRegister';
import { loadLanguage, t, type Language } from '../../src/i18n/messages';
import { anna, enterController, freshDb } from './helpers';
import { legacyPurpose } from '../legacyPurpose';
import { nodePdfFonts, pdfText, squash } from './sample-data';

let fonts: PdfFonts;
beforeAll(async () => {
  fonts = nodePdfFonts();
  await loadLanguage('en');
});

const ISSUED = '2026-12-01T10:00:00.000Z';
const LANGS: Language[] = ['de', 'en'];

/** Where the rendered PDFs go to be looked at (pdftoppm), when asked for. */
function keep(name: string, pdf: Uint8Array): void {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), pdf);
}

/** A book with a person held for the seeded purpose on f (its interest stated) and one for a purpose from before. */
async function book(): Promise<{ db: ConsentbookDB; admin: Session; seeded: string; old: string }> {
  const { db, admin } = await freshDb();
  await enterController(db, admin);
  await rawConnection(db).purposes.put(legacyPurpose());
  const seeded = await savePerson(db, admin, anna(), { purposeId: 'purpose-public', comment: 'Impressum' });
  const old = await savePerson(db, admin, anna({ firstName: 'Berta', email: 'berta@example.org' }), {
    purposeId: 'p-legacy',
    comment: 'Messe',
  });
  return { db, admin, seeded: seeded.id, old: old.id };
}

async function noticeText(db: ConsentbookDB, personId: string, lang: Language) {
  const input = informationNoticeInput(await collectInformationNotice(db, personId), lang, ISSUED);
  const purpose = informationNoticeSections(input).find((s) => s.heading === t(lang, 'info.section.purpose'));
  const pdf = await renderInformationLetter(input, fonts);
  return { paragraphs: purpose?.paragraphs ?? [], pdf };
}

describe('the information notice (Art. 13/14)', () => {
  it('names the legitimate interest of a purpose on f after its basis, or says it is not yet stated', async () => {
    const { db, seeded, old } = await book();
    for (const lang of LANGS) {
      // The book's own text, in the language it was set up in: the documents quote it as stored.
      const interest = t('de', 'purpose.seed.publicInterest');
      const stated = await noticeText(db, seeded, lang);
      expect(stated.paragraphs).toEqual(
        expect.arrayContaining([
          t(lang, 'letter.basis.f'),
          t(lang, 'info.interest', { interest: interest.replace(/\.$/, '') }),
        ]),
      );
      expect(stated.paragraphs.indexOf(t(lang, 'letter.basis.f')) + 1).toBe(
        stated.paragraphs.findIndex((p) => p.includes(interest.replace(/\.$/, ''))),
      );
      expect(await pdfText(stated.pdf)).toContain(squash(interest));
      keep(`notice-interest-${lang}.pdf`, stated.pdf);

      const missing = await noticeText(db, old, lang);
      expect(missing.paragraphs).toContain(t(lang, 'info.interestMissing'));
      expect(await pdfText(missing.pdf)).toContain(squash(t(lang, 'info.interestMissing')));
    }
    expect(t('de', 'info.interestMissing')).toContain('noch nicht angegeben');
  });
});

describe('the Verzeichnis (Art. 30)', () => {
  it('has a row of the legitimate interest for each activity on f, in the PDF and the JSON', async () => {
    const { db, admin } = await book();
    const register = await collectProcessingRegister(db, admin, new Date(ISSUED));
    for (const lang of LANGS) {
      const pdf = await renderProcessingRegisterPdf(register, lang, fonts);
      keep(`register-interest-${lang}.pdf`, pdf);
      const text = await pdfText(pdf);
      expect(text).toContain(
        squash(`${t(lang, 'register.activity.interest')}${t('de', 'purpose.seed.publicInterest')}`.replace(/\.$/, '')),
      );
      expect(text).toContain(
        squash(`${t(lang, 'register.activity.interest')}${t(lang, 'register.activity.interestMissing')}`),
      );
    }
    const json = JSON.parse(processingRegisterJson(register)) as {
      version: number;
      activities: { purposeId: string; legitimateInterest: string }[];
    };
    expect(json.version).toBe(4);
    const of = (id: string) => json.activities.find((a) => a.purposeId === id)?.legitimateInterest;
    expect(of('purpose-public')).toBe(t('de', 'purpose.seed.publicInterest'));
    expect(of('p-legacy')).toBe('');
  });
});

describe('the Auskunft (Art. 15)', () => {
  it('states the legitimate interest with the basis in the purpose table, or that it is not yet stated', async () => {
    const { db, admin, seeded, old } = await book();
    for (const lang of LANGS) {
      const pdf = await renderAccessReport(
        accessReportInput(await collectAccessReport(db, admin, seeded), lang, ISSUED),
        fonts,
      );
      keep(`access-interest-${lang}.pdf`, pdf);
      const interest = t('de', 'purpose.seed.publicInterest').replace(/\.$/, '');
      expect(await pdfText(pdf)).toContain(
        squash(`${t(lang, 'basis.f')}${t(lang, 'report.purpose.interest', { interest })}`),
      );
      const missing = await pdfText(
        await renderAccessReport(accessReportInput(await collectAccessReport(db, admin, old), lang, ISSUED), fonts),
      );
      expect(missing).toContain(squash(`${t(lang, 'basis.f')}${t(lang, 'report.purpose.interestMissing')}`));
    }
  });
});
