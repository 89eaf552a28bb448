/**
 * The directory's row worker (src/data/directory/rowWorker.ts), run in this thread: what it read
 * and was given comes back in name order as (job, place) pairs naming the very entries the main
 * thread holds, without the persons read again, and its search index is of that order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, entryOf, type DirectoryEntry } from '../../src/data/core/derived';
import { byName, headerOf, packSecrets } from '../../src/data/directory/bucketRows';
import { encodeBucket } from '../../src/data/directory/buckets';
import { buildSearchIndex, type PackedIndex } from '../../src/data/directory/searchIndex';
import type { RowWorkerMessage } from '../../src/data/directory/rowWorker';
import { loadCipher } from '../../src/data/core/crypto/seal';
import { personOf, traitsOf } from '../../src/bench/generate';

type Reply = { job: number; entries?: DirectoryEntry[]; order?: Int32Array; index?: PackedIndex; error?: string };
const replies: Reply[] = [];
let handle: (msg: RowWorkerMessage) => Promise<void>;

beforeAll(async () => {
  await loadCipher();
  const scope = globalThis as unknown as { self: { postMessage: (r: Reply) => void; onmessage?: unknown } };
  scope.self = { postMessage: (r) => replies.push(r) };
  await import('../../src/data/directory/rowWorker');
  const onmessage = scope.self.onmessage as (e: { data: RowWorkerMessage }) => Promise<void>;
  handle = (data) => onmessage({ data });
});

async function ask(msg: RowWorkerMessage): Promise<Reply> {
  await handle(msg);
  const reply = replies.pop();
  if (!reply || reply.job !== msg.job) throw new Error('no reply');
  if (reply.error) throw new Error(reply.error);
  return reply;
}

describe('the row worker', () => {
  it('gives the name order of what it read and was given as places in its replies, then the index of that order', async () => {
    const persons = Array.from({ length: 400 }, (_, i) => entryOf(personOf(i, traitsOf(i))));
    const secrets = new Map(persons.map((e) => [e.id, crypto.getRandomValues(new Uint8Array(32))]));
    const buckets = new Map<number, DirectoryEntry[]>();
    for (const e of persons.slice(0, 300)) buckets.set(bucketOf(e.id), [...(buckets.get(bucketOf(e.id)) ?? []), e]);
    const jobs = [...buckets.values()].map((entries) => {
      const content = encodeBucket(entries, (id) => secrets.get(id), 'now');
      return { content, ...packSecrets(headerOf(content)?.ids ?? [], (id) => secrets.get(id)) };
    });
    // Two reads and the entries read elsewhere (the first screen's).
    const half = Math.floor(jobs.length / 2);
    const first = await ask({ type: 'read', job: 1, jobs: jobs.slice(0, half) });
    const second = await ask({ type: 'read', job: 2, jobs: jobs.slice(half) });
    const elsewhere = persons.slice(300);
    await ask({ type: 'add', job: 3, entries: elsewhere });
    const given = new Map<number, readonly DirectoryEntry[]>([
      [1, first.entries ?? []],
      [2, second.entries ?? []],
      [3, elsewhere],
    ]);
    expect((first.entries ?? []).length + (second.entries ?? []).length).toBe(300);

    // Read again since the snapshot: left out (the directory holds their current entries).
    const dropped = [persons[5].id, persons[350].id];
    const { order } = await ask({ type: 'order', job: 4, dropped });
    const pairs = order ?? new Int32Array();
    const ordered: DirectoryEntry[] = [];
    for (let i = 0; i < pairs.length; i += 2) ordered.push(given.get(pairs[i])?.[pairs[i + 1]] as DirectoryEntry);
    const expected = persons.filter((e) => !dropped.includes(e.id)).sort(byName);
    expect(ordered.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(ordered.every((e, i) => e.searchText === expected[i].searchText)).toBe(true);

    const { index } = await ask({ type: 'index', job: 5 });
    expect(index).toEqual(buildSearchIndex(expected.map((e) => e.searchText)));
  });
});
