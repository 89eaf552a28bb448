/**
 * Making the notice informing a person (Art. 13/14) in the browser: the letter as a PDF download,
 * or the e-mail's subject and text. Loaded with import() on first use; the PDF is made in a worker
 * (documents/offThread.ts), on the page only where none starts.
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
  const [input, { renderPdf }] = await Promise.all([noticeInput(personId, lang), import('../../documents/offThread')]);
  // In a worker, as every PDF: jsPDF and the fonts are not loaded on the page for it.
  const bytes = await renderPdf({ kind: 'informationNotice', input });
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
