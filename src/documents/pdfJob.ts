/**
 * The PDFs as plain data: what the page hands a worker (offThread.ts) — so a long one does not
 * freeze the page and jsPDF never loads there — or renders itself where no worker starts. Each
 * renderer loads with import() when its job comes.
 */
import type { AccessReportInput } from './accessReport';
import type { InformationNoticeInput } from './informationNotice';
import type { ConsentLettersInput, LettersProgress, RenderLettersOptions } from './consentLetters';
import type { IssuedRegister } from './processingRegister';
import type { Language } from '../i18n/messages';
import type { Controller } from '../domain/settings';
import type { PdfFonts } from './theme';

export type PdfJob =
  | { kind: 'consentLetters'; input: ConsentLettersInput }
  | { kind: 'accessReport'; input: AccessReportInput }
  | { kind: 'informationNotice'; input: InformationNoticeInput }
  | { kind: 'processingRegister'; register: IssuedRegister; lang: Language; timeZone?: string };

export type { LettersProgress };

export const jobLanguage = (job: PdfJob): Language => (job.kind === 'processingRegister' ? job.lang : job.input.lang);

export const jobController = (job: PdfJob): Controller =>
  job.kind === 'processingRegister' ? job.register.controller : job.input.controller;

/** Renders the job; only the letters report progress and stop between batches (options). */
export async function renderPdfJob(
  job: PdfJob,
  fonts: PdfFonts,
  options: RenderLettersOptions = {},
): Promise<Uint8Array> {
  switch (job.kind) {
    case 'consentLetters':
      return (await import('./consentLetters')).renderConsentLetters(job.input, fonts, options);
    case 'accessReport':
      return (await import('./accessReport')).renderAccessReport(job.input, fonts);
    case 'informationNotice':
      return (await import('./informationNotice')).renderInformationLetter(job.input, fonts);
    case 'processingRegister':
      return (await import('./processingRegister')).renderProcessingRegisterPdf(
        job.register,
        job.lang,
        fonts,
        job.timeZone,
      );
  }
}
