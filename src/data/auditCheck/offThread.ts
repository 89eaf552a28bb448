/**
 * A check of the audit log in a worker of its own (auditWorker.ts), one per check, ended with it.
 * The worker gets the audit key for the check's lifetime, as the open pool's workers get the data
 * key: it lives in this page only, as the key does. Stopping the check ends the worker; what it
 * reported verified stays verified.
 */
import type { AuditKey, ChainHead, ChainVerdict, OtherChain } from '../../domain/auditChain';
import type { AuditCheckProgress, VerifiedRun } from './logCheck';

export type CheckJob =
  | { kind: 'since'; start: ChainHead; run: number; others: OtherChain[]; through: number }
  | { kind: 'whole'; checkpoint: ChainHead | undefined; run: number };

export type CheckRequest = CheckJob & { name: string; key: AuditKey };

export type CheckReply =
  | { type: 'run'; verified: VerifiedRun }
  | { type: 'progress'; progress: AuditCheckProgress }
  | { type: 'done'; verdict: ChainVerdict }
  | { type: 'error'; name: string; message: string };

/** Whether this page can check in a worker (not in Node, where the tests run the same check on the thread). */
export const canCheckOffThread = (): boolean => typeof Worker !== 'undefined';

/** Thrown when the worker's script could not start: the caller checks on the thread instead. */
export class CheckWorkerFailedError extends Error {
  constructor(reason: string) {
    super(`The audit check's worker did not start: ${reason}`);
    this.name = 'CheckWorkerFailedError';
  }
}

export function checkOffThread(
  name: string,
  key: AuditKey,
  job: CheckJob,
  {
    onRun,
    onProgress,
    signal,
  }: { onRun?: (verified: VerifiedRun) => void; onProgress?: (p: AuditCheckProgress) => void; signal?: AbortSignal },
): Promise<ChainVerdict> {
  signal?.throwIfAborted();
  const worker = new Worker(new URL('./auditWorker.ts', import.meta.url), { type: 'module' });
  let stop: () => void = () => undefined;
  return new Promise<ChainVerdict>((resolve, reject) => {
    stop = () => reject(stopReason(signal));
    signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = ({ data }: MessageEvent<CheckReply>) => {
      if (signal?.aborted) return;
      if (data.type === 'run') onRun?.(data.verified);
      else if (data.type === 'progress') onProgress?.(data.progress);
      else if (data.type === 'done') resolve(data.verdict);
      else reject(workerError(data.name, data.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new CheckWorkerFailedError(e.message || 'script error'));
    };
    worker.postMessage({ ...job, name, key } satisfies CheckRequest);
  }).finally(() => {
    worker.terminate();
    signal?.removeEventListener('abort', stop);
  });
}

/** Why the check stopped, as the check on the thread rejects (signal.throwIfAborted). */
function stopReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The audit check was stopped', 'AbortError');
}

/** The worker's error by its name and message (a read that failed, the book closed meanwhile). */
function workerError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}
