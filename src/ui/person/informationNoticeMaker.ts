/**
 * Making the notice informing a person (Art. 13/14) in the browser: the letter as a PDF download,
 * or the e-mail's subject and text. Loaded with import() on first use (jsPDF and the fonts with it).
 */
import { collectInformationNotice } from '../../data/queries/information';
import type { InformationNoticeInput } from '../../documents/informationNotice';
import { t, type Language } from '../../i18n/messages';
import { db } from '../db';
import { downloadBlob, neutralRef } from '../rights/files';
import { localDate } from '../../domain/calendar';

async function noticeInput(personId: string, lang: Language): Promise<InformationNoticeInput> {
  const [data, { informationNoticeInput }] = await Promise.all([
    collectInformationNotice(db, personId),
    import('../../documents/informationNotice'),
  ]);
  return informationNoticeInput(data, lang, new Date().toISOString());
}

/** Makes the letter and starts its download; returns the file name. */
export async function downloadInformationLetter(personId: string, lang: Language): Promise<string> {
  const [input, { renderInformationLetter }, fonts] = await Promise.all([
    noticeInput(personId, lang),
    import('../../documents/informationNotice'),
    import('../../documents/fonts').then((m) => m.loadPdfFonts()),
  ]);
  const bytes = await renderInformationLetter(input, fonts);
  // Kind, date and a neutral reference: a download's name stays in the browser's history.
  const fileName = `${t(lang, 'ui.information.file')}-${localDate()}-${neutralRef(personId)}.pdf`;
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), fileName);
  return fileName;
}

export async function informationEmailText(
  personId: string,
  lang: Language,
): Promise<{ subject: string; body: string }> {
  const [input, { informationEmail }] = await Promise.all([
    noticeInput(personId, lang),
    import('../../documents/informationNotice'),
  ]);
  return informationEmail(input);
}
