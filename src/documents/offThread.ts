/**
 * The long PDFs in a worker of their own (pdfWorker.ts), one per document, ended with it: jsPDF
 * puts a file together in one step (~2 s for 1,000 letters), which on the page's thread would
 * freeze it. The worker gets the plain input (gathered and opened here: no keys, no database),
 * reports the letters' progress and hands the bytes over. Stopping (signal) ends the worker and
 * rejects with the signal's reason. Where no worker can be made or its script does not start (no
 * module workers, Node's tests), the same render runs here, with turns between letter batches.
 */
import { requireController } from '../domain/settings';
import { loadLanguage, loadLaterMessages } from '../i18n/messages';
import { jobController, jobLanguage, renderPdfJob, type LettersProgress, type PdfJob } from './pdfJob';
import { pdfErrorOf, type PdfFailure } from './pdfFailure';

export type { PdfJob, LettersProgress } from './pdfJob';

export interface PdfRequest {
  job: PdfJob;
}

export type PdfReply =
  | { type: 'started' }
  | { type: 'progress'; progress: LettersProgress }
  /** assembly: when the worker put the file together, in epoch milliseconds. */
  | { type: 'done'; bytes: Uint8Array; assembly: { start: number; end: number } }
  /** The render's error, its class kept where the page knows it (pdfFailure.ts). */
  | { type: 'error'; failure: PdfFailure };

/** What this module needs of a Worker: injectable, since Node (the unit tests) has none. */
export interface PdfWorkerLike {
  onmessage: ((event: MessageEvent<PdfReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: PdfRequest): void;
  terminate(): void;
}

export interface RenderPdfOptions {
  /** The letters' progress ({done, total}); the other documents report none. */
  onProgress?: (progress: LettersProgress) => void;
  /** Stops the render: the worker is ended, the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** On this thread only: gives the page a turn between letter batches. */
  nextTurn?: () => Promise<void>;
}

export interface PdfRunners {
  /** A started worker, or null where none can be made; may throw as `new Worker` does. */
  startWorker: () => PdfWorkerLike | null;
  /** The same render on this thread. */
  renderHere: (job: PdfJob, options: RenderPdfOptions) => Promise<Uint8Array>;
}

/** The page's measure of a worker's assembly: shows the worker was used, and when (tests, profiles). */
export const ASSEMBLY_MEASURE = 'consentbook:pdf-assembly';

const startModuleWorker = (): PdfWorkerLike | null =>
  typeof Worker === 'undefined' ? null : new Worker(new URL('./pdfWorker.ts', import.meta.url), { type: 'module' });

async function renderOnThisThread(
  job: PdfJob,
  { onProgress, signal, nextTurn }: RenderPdfOptions,
): Promise<Uint8Array> {
  const [fonts] = await Promise.all([
    import('./fonts').then((m) => m.loadPdfFonts()),
    loadLaterMessages(),
    loadLanguage(jobLanguage(job)),
  ]);
  signal?.throwIfAborted();
  const bytes = await renderPdfJob(job, fonts, { onProgress, signal, nextTurn });
  signal?.throwIfAborted();
  return bytes;
}

const DEFAULT_RUNNERS: PdfRunners = { startWorker: startModuleWorker, renderHere: renderOnThisThread };

/** Did not start: the caller renders on its own thread. */
const NOT_STARTED = Symbol('not started');

/** The document's bytes, made in a worker where one starts, else on this thread. */
export async function renderPdf(
  job: PdfJob,
  options: RenderPdfOptions = {},
  runners: PdfRunners = DEFAULT_RUNNERS,
): Promise<Uint8Array> {
  options.signal?.throwIfAborted();
  // Refused here, before a worker (and jsPDF, the fonts) is started for nothing.
  requireController(jobController(job));
  let worker: PdfWorkerLike | null = null;
  try {
    worker = runners.startWorker();
  } catch {
    // An engine that cannot make this worker: as if there were none.
  }
  const made = worker ? await inWorker(worker, job, options) : NOT_STARTED;
  return made === NOT_STARTED ? runners.renderHere(job, options) : made;
}

function inWorker(
  worker: PdfWorkerLike,
  job: PdfJob,
  { onProgress, signal }: RenderPdfOptions,
): Promise<Uint8Array | typeof NOT_STARTED> {
  let started = false;
  let stop: () => void = () => undefined;
  return new Promise<Uint8Array | typeof NOT_STARTED>((resolve, reject) => {
    stop = () => reject(stopReason(signal));
    signal?.addEventListener('abort', stop, { once: true });
    // Before its first word the script did not run (no module workers, a file gone): render here.
    const failed = (reason: string) =>
      started ? reject(new Error(`The PDF worker failed: ${reason}`)) : resolve(NOT_STARTED);
    worker.onmessage = ({ data }) => {
      if (signal?.aborted) return;
      if (data.type === 'started') started = true;
      else if (data.type === 'progress') onProgress?.(data.progress);
      else if (data.type === 'done') {
        resolve(data.bytes);
        measureAssembly(job, data.assembly);
      } else reject(pdfErrorOf(data.failure));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      failed(event.message || 'script error');
    };
    worker.onmessageerror = () => failed('a message could not be read');
    try {
      worker.postMessage({ job });
    } catch {
      // Input that cannot be cloned (DataCloneError) still makes its document, here.
      resolve(NOT_STARTED);
    }
  }).finally(() => {
    worker.terminate();
    signal?.removeEventListener('abort', stop);
  });
}

function measureAssembly(job: PdfJob, { start, end }: { start: number; end: number }): void {
  // Clamped: the two clocks may disagree by a rounding, and a negative time throws.
  const from = Math.max(0, start - performance.timeOrigin);
  const to = Math.max(from, end - performance.timeOrigin);
  performance.measure(ASSEMBLY_MEASURE, { start: from, end: to, detail: { kind: job.kind } });
}

/** Why the render stopped, as the render on this thread rejects (signal.throwIfAborted). */
function stopReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The PDF was stopped', 'AbortError');
}
