/** Builds the directory's search index off the main thread (searchIndex.ts); one job, then it ends. */
import { buildSearchIndex } from './searchIndex';

self.onmessage = (event: MessageEvent<{ texts: string[] }>) => {
  try {
    const index = buildSearchIndex(event.data.texts);
    self.postMessage({ index }, { transfer: [index.wordAt.buffer, index.postingAt.buffer, index.postings.buffer] });
  } catch (e) {
    self.postMessage({ error: String(e instanceof Error ? e.message : e) });
  }
};
