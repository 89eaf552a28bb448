/**
 * Parsing an import file in a worker: 10,000 vCards take a second or more to parse, which on the
 * main thread would freeze the page. Same result and errors as parseImportFile, which runs
 * directly where there are no workers (Node: the unit tests).
 */
import { parseImportFile, type ImportOptions } from './index';
import type { ParseRequest } from './parseWorker';
import { ImportFileError, type ImportPreview } from './types';

type ParseReply = { preview: ImportPreview } | { error: Pick<ImportFileError, 'messageKey' | 'params'> };

export function parseImportFileOffThread(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => parseImportFile(fileName, bytes, options));
  const worker = new Worker(new URL('./parseWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<ImportPreview>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const reply = event.data;
      if ('preview' in reply) resolve(reply.preview);
      else reject(new ImportFileError(reply.error.messageKey, reply.error.params));
    };
    worker.onerror = (event) => {
      reject(new ImportFileError('import.error.unreadable', { detail: event.message.slice(0, 200) }));
    };
    worker.postMessage({ fileName, bytes, options } satisfies ParseRequest);
  }).finally(() => worker.terminate());
}
