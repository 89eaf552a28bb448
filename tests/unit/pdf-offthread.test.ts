/**
 * renderPdf (documents/offThread.ts) with a scripted worker, since Node has none: a worker's
 * progress and bytes are passed on; where no worker is made or its script does not start, the
 * document is made on this thread instead; a stop ends the worker; a failure after the start is
 * the caller's error (its class kept across, pdfFailure.ts), not a second render.
 */
import { describe, expect, it } from 'vitest';
import { ControllerMissingError } from '../../src/domain/settings';
import {
  ASSEMBLY_MEASURE,
  renderPdf,
  type PdfJob,
  type PdfReply,
  type PdfRequest,
  type PdfRunners,
  type PdfWorkerLike,
  type RenderPdfOptions,
} from '../../src/documents/offThread';
import { pdfFailureOf } from '../../src/documents/pdfFailure';
import { FontLoadError } from '../../src/documents/fontLoadError';
import { isChunkLoadError } from '../../src/ui/chunkLoad';
import { errorText, type Translate } from '../../src/ui/i18n';
import { loadLanguage, t, type MessageKey, type MessageParams } from '../../src/i18n/messages';
import { CONTROLLER } from './sample-data';

const JOB: PdfJob = {
  kind: 'consentLetters',
  input: { lang: 'de', issuedAt: '2026-03-01', controller: CONTROLLER, campaignId: 'c1', purposes: [], persons: [] },
};
const FROM_WORKER = new Uint8Array([1, 2, 3]);
const FROM_HERE = new Uint8Array([9]);

class ScriptedWorker implements PdfWorkerLike {
  onmessage: ((event: MessageEvent<PdfReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  posted: PdfRequest[] = [];
  terminated = false;
  errorHandled = false;

  constructor(private readonly refusePost = false) {}

  postMessage(message: PdfRequest): void {
    if (this.refusePost) throw new DOMException('could not be cloned', 'DataCloneError');
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: PdfReply): void {
    this.onmessage?.({ data } as MessageEvent<PdfReply>);
  }
  fail(message: string): void {
    const preventDefault = () => void (this.errorHandled = true);
    this.onerror?.({ message, preventDefault } as unknown as ErrorEvent);
  }
}

/** Runners with the given worker (or none) and a render here that records its calls. */
function runners(worker: PdfWorkerLike | null | (() => never)) {
  const here: RenderPdfOptions[] = [];
  const run: PdfRunners = {
    startWorker: typeof worker === 'function' ? worker : () => worker,
    renderHere: (_job, options) => {
      here.push(options);
      return Promise.resolve(FROM_HERE);
    },
  };
  return { run, here };
}

const done = (): PdfReply => {
  const at = performance.timeOrigin + performance.now();
  return { type: 'done', bytes: FROM_WORKER, assembly: { start: at - 5, end: at } };
};

describe('renderPdf in a worker', () => {
  it('passes the progress on and resolves with the bytes; the worker is ended and the assembly measured', async () => {
    const worker = new ScriptedWorker();
    const { run, here } = runners(worker);
    const seen: number[] = [];
    const made = renderPdf(JOB, { onProgress: (p) => seen.push(p.done) }, run);
    expect(worker.posted).toEqual([{ job: JOB }]);
    worker.reply({ type: 'started' });
    worker.reply({ type: 'progress', progress: { done: 0, total: 10 } });
    worker.reply({ type: 'progress', progress: { done: 5, total: 10 } });
    worker.reply(done());
    expect(await made).toBe(FROM_WORKER);
    expect(seen).toEqual([0, 5]);
    expect(here).toEqual([]);
    expect(worker.terminated).toBe(true);
    const measures = performance.getEntriesByName(ASSEMBLY_MEASURE) as PerformanceMeasure[];
    expect(measures.at(-1)?.detail).toEqual({ kind: 'consentLetters' });
  });

  it('a stop ends the worker and rejects with the reason; nothing it says afterwards counts', async () => {
    const worker = new ScriptedWorker();
    const { run, here } = runners(worker);
    const stop = new AbortController();
    const seen: number[] = [];
    const made = renderPdf(JOB, { onProgress: (p) => seen.push(p.done), signal: stop.signal }, run);
    worker.reply({ type: 'started' });
    worker.reply({ type: 'progress', progress: { done: 5, total: 10 } });
    stop.abort(new Error('cancelled'));
    worker.reply({ type: 'progress', progress: { done: 10, total: 10 } });
    await expect(made).rejects.toThrow('cancelled');
    expect(worker.terminated).toBe(true);
    expect(seen).toEqual([5]);
    expect(here).toEqual([]);
  });

  it('stopped before it began: no worker is made', async () => {
    let made = 0;
    const stop = new AbortController();
    stop.abort(new Error('cancelled'));
    const { run } = runners(() => {
      made++;
      throw new Error('not to be called');
    });
    await expect(renderPdf(JOB, { signal: stop.signal }, run)).rejects.toThrow('cancelled');
    expect(made).toBe(0);
  });

  /** The worker's side of a render that threw `e`: what pdfWorker.ts posts, cloned as postMessage clones it. */
  const threw = (worker: ScriptedWorker, e: unknown) =>
    worker.reply(structuredClone({ type: 'error', failure: pdfFailureOf(e) } satisfies PdfReply));

  it("the render's error, after the start, is the caller's: as its class, not rendered again", async () => {
    const worker = new ScriptedWorker();
    const { run, here } = runners(worker);
    const made = renderPdf(JOB, {}, run);
    worker.reply({ type: 'started' });
    threw(worker, new RangeError('too big'));
    const error = (await made.catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RangeError);
    expect([error.name, error.message]).toEqual(['RangeError', 'too big']);
    expect(here).toEqual([]);
    expect(worker.terminated).toBe(true);
  });

  it('a known error thrown in the worker arrives as its class, with what it carries (the UI words it so)', async () => {
    const worker = new ScriptedWorker();
    const made = renderPdf(JOB, {}, runners(worker).run);
    worker.reply({ type: 'started' });
    threw(worker, new ControllerMissingError(['address', 'contact']));
    const error = await made.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ControllerMissingError);
    expect(error).toMatchObject({ name: 'ControllerMissingError', missing: ['address', 'contact'] });
  });

  it('a font the worker could not load arrives as FontLoadError, worded by the UI as such, not as unexpected', async () => {
    await loadLanguage('en');
    const worker = new ScriptedWorker();
    const made = renderPdf(JOB, {}, runners(worker).run);
    worker.reply({ type: 'started' });
    threw(worker, new FontLoadError('/assets/DejaVuSans-1.ttf', 'Failed to fetch'));
    const error = await made.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FontLoadError);
    expect(error).toMatchObject({ name: 'FontLoadError', url: '/assets/DejaVuSans-1.ttf', reason: 'Failed to fetch' });
    for (const lang of ['de', 'en'] as const) {
      const tr: Translate = Object.assign((key: MessageKey, params?: MessageParams) => t(lang, key, params), { lang });
      expect(errorText(tr, error)).toBe(t(lang, 'error.pdfFontMissing'));
    }
    expect(t('de', 'error.pdfFontMissing')).toMatch(/^Das PDF konnte nicht erstellt werden, weil seine Schrift/);
  });

  it('a chunk the worker could not load keeps its words (chunkLoad.ts), any other error its name', async () => {
    const chunk = new TypeError(
      'Failed to fetch dynamically imported module: https://x.example/assets/accessReport-1.js',
    );
    for (const [thrown, name] of [
      [chunk, 'TypeError'],
      [Object.assign(new Error('no fonts'), { name: 'FontError' }), 'FontError'],
      ['a string', 'Error'],
    ] as const) {
      const worker = new ScriptedWorker();
      const made = renderPdf(JOB, {}, runners(worker).run);
      worker.reply({ type: 'started' });
      threw(worker, thrown);
      const error = (await made.catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(isChunkLoadError(error)).toBe(thrown === chunk);
    }
  });

  it('a worker that dies after the start rejects; no second render', async () => {
    const worker = new ScriptedWorker();
    const { run, here } = runners(worker);
    const made = renderPdf(JOB, {}, run);
    worker.reply({ type: 'started' });
    worker.fail('out of memory');
    await expect(made).rejects.toThrow('out of memory');
    expect(here).toEqual([]);
  });

  it('refuses a document without its controller before any worker, with its own class', async () => {
    const { run, here } = runners(new ScriptedWorker());
    const job: PdfJob = { ...JOB, input: { ...JOB.input, controller: { ...CONTROLLER, name: '' } } };
    await expect(renderPdf(job, {}, run)).rejects.toBeInstanceOf(ControllerMissingError);
    expect(here).toEqual([]);
  });
});

describe('renderPdf where no worker runs: on this thread', () => {
  const options: RenderPdfOptions = { onProgress: () => undefined, nextTurn: () => Promise.resolve() };

  it('without Worker (Node)', async () => {
    const { run, here } = runners(null);
    expect(await renderPdf(JOB, options, run)).toBe(FROM_HERE);
    expect(here).toEqual([options]);
  });

  it('when making the worker throws (an engine without module workers)', async () => {
    const { run, here } = runners(() => {
      throw new TypeError('Module scripts are not supported');
    });
    expect(await renderPdf(JOB, options, run)).toBe(FROM_HERE);
    expect(here).toEqual([options]);
  });

  it("when the worker's script fails before it starts: the error is handled, the worker ended", async () => {
    const worker = new ScriptedWorker();
    const { run, here } = runners(worker);
    const made = renderPdf(JOB, options, run);
    worker.fail('SyntaxError: Cannot use import statement outside a module');
    expect(await made).toBe(FROM_HERE);
    expect(here).toEqual([options]);
    expect(worker.errorHandled).toBe(true);
    expect(worker.terminated).toBe(true);
  });

  it('when the input cannot be sent to the worker', async () => {
    const worker = new ScriptedWorker(true);
    const { run, here } = runners(worker);
    expect(await renderPdf(JOB, options, run)).toBe(FROM_HERE);
    expect(here).toEqual([options]);
    expect(worker.terminated).toBe(true);
  });
});
