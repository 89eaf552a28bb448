/**
 * Renders one PDF off the page's thread (offThread.ts): the plain input in, progress and the bytes
 * out (transferred). It loads the fonts and the documents' messages itself — a worker shares no
 * module state with the page, and `t()` throws for a key whose area is not loaded.
 */
import { loadPdfFonts } from './fonts';
import { jobLanguage, renderPdfJob } from './pdfJob';
import type { PdfReply, PdfRequest } from './offThread';
import { pdfFailureOf } from './pdfFailure';
import { loadLanguage, loadLaterMessages } from '../i18n/messages';

const reply = (message: PdfReply, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

/** Epoch milliseconds, comparable with the page's clock (its timeOrigin differs from ours). */
const now = () => performance.timeOrigin + performance.now();

self.onmessage = async ({ data: { job } }: MessageEvent<PdfRequest>) => {
  // The script ran: from here on a failure is the render's, not the worker's start.
  reply({ type: 'started' });
  try {
    const [fonts] = await Promise.all([loadPdfFonts(), loadLaterMessages(), loadLanguage(jobLanguage(job))]);
    // Letters: the file is put together once every letter is written (the long, single step).
    let assembly = now();
    const bytes = await renderPdfJob(job, fonts, {
      onProgress: (progress) => {
        if (progress.done === progress.total) assembly = now();
        reply({ type: 'progress', progress });
      },
      // Nothing to give a turn to here; a timer would add 4 ms per batch (nested timeouts).
      nextTurn: () => Promise.resolve(),
    });
    reply({ type: 'done', bytes, assembly: { start: assembly, end: now() } }, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    // Its class is lost between threads: sent as its kind, made again on the page (offThread.ts).
    reply({ type: 'error', failure: pdfFailureOf(e) });
  }
};
