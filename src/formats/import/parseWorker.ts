/** Parses one import file off the main thread (offThread.ts): a file in, its preview or its error out. */
import { parseImportFile, type ImportOptions } from './index';
import { ImportFileError } from './types';
import { previewInParts } from './parseParts';

export interface ParseRequest {
  fileName: string;
  bytes: Uint8Array;
  options: ImportOptions;
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { fileName, bytes, options } = event.data;
  try {
    for (const part of previewInParts(parseImportFile(fileName, bytes, options))) self.postMessage(part);
  } catch (e) {
    // parseImportFile throws only ImportFileError.
    const error = e as ImportFileError;
    self.postMessage({ error: { messageKey: error.messageKey, params: error.params } });
  }
};
