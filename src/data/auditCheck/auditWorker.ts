/**
 * The audit log's check off the page's thread (offThread.ts): the worker opens the book as stored
 * and reads and verifies the log itself, so a million entries cost the page nothing but the
 * progress it shows — and the reading (IndexedDB's threads) overlaps the hashing (this one).
 */
import { ConsentbookDB } from '../db';
import { checkSince, checkWholeLog } from './logCheck';
import type { CheckReply, CheckRequest } from './offThread';

const reply = (message: CheckReply) => self.postMessage(message);

self.onmessage = async ({ data: job }: MessageEvent<CheckRequest>) => {
  const raw = new ConsentbookDB(job.name, { raw: true });
  try {
    const verdict =
      job.kind === 'since'
        ? await checkSince(raw, job.start, job.key, {
            run: job.run,
            others: job.others,
            through: job.through,
            onRun: (verified) => reply({ type: 'run', verified }),
          })
        : await checkWholeLog(raw, job.key, job.checkpoint, {
            run: job.run,
            onProgress: (progress) => reply({ type: 'progress', progress }),
          });
    reply({ type: 'done', verdict });
  } catch (e) {
    reply({
      type: 'error',
      name: e instanceof Error ? e.name : 'Error',
      message: e instanceof Error ? e.message : String(e),
    });
  } finally {
    raw.close();
  }
};
