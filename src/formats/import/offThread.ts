/**
 * Parsing an import file in a worker: 10,000 vCards take a second or more to parse, which on the
 * main thread would freeze the page. Same result and errors as parseImportFile, which runs
 * directly where there are no workers (Node: the unit tests).
 */
import { parseImportFile, type ImportOptions } from './index';
import type { ParseRequest } from './parseWorker';
import { ImportFileError, type ImportPreview } from './types';
import { previewJoiner, type PreviewPart } from './parseParts';

type ParseReply = PreviewPart | { error: Pick<ImportFileError, 'messageKey' | 'params'> };

export function parseImportFileOffThread(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportPreview> {
  if (typeof Worker === 'undefined') return Promise.resolve().then(() => parseImportFile(fileName, bytes, options));
  const worker = new Worker(new URL('./parseWorker.ts', import.meta.url), { type: 'module' });
  const join = previewJoiner();
  return new Promise<ImportPreview>((resolve, reject) => {
    // The preview comes in parts, each unpacked in a task of its own (parseParts.ts).
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const reply = event.data;
      if ('error' in reply) {
        reject(new ImportFileError(reply.error.messageKey, reply.error.params));
        return;
      }
      const preview = join(reply);
      if (preview) resolve(preview);
    };
    worker.onerror = (event) => {
      reject(new ImportFileError('import.error.unreadable', { detail: event.message.slice(0, 200) }));
    };
    worker.postMessage({ fileName, bytes, options } satisfies ParseRequest);
  }).finally(() => worker.terminate());
}
