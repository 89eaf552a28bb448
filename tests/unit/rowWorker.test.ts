/**
 * The directory's row worker (src/data/directory/rowWorker.ts), run in this thread: given reads of
 * buckets as stored, each with its secret, it gives each read's rows at once — none of a bucket
 * given with another secret than its rows are under —, and what it read and was given comes back
 * in name order as (job, place) pairs naming the very entries the main thread holds, without the
 * persons read again; its search index is of that order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, entryOf, type DirectoryEntry } from '../../src/data/core/derived';
import { byName } from '../../src/data/directory/bucketRows';
import { encodeBucket, sealBuckets } from '../../src/data/directory/buckets';
import { buildSearchIndex, type PackedIndex } from '../../src/data/directory/searchIndex';
import type { RowWorkerMessage } from '../../src/data/directory/rowWorker';
import type { BucketsHeld } from '../../src/data/directory/bucketLoad';
import { unpackRows, type PackedRows } from '../../src/data/directory/packedRows';
import { loadCipher } from '../../src/data/core/crypto/seal';
import { Keyring } from '../../src/data/core/crypto/keyring';
import { personOf, traitsOf } from '../../src/bench/generate';

type Reply = {
  job: number;
  held?: BucketsHeld;
  /** Packed as posted (packedRows.ts); ask gives them unpacked, as the main thread takes them. */
  rows?: DirectoryEntry[];
  order?: Int32Array;
  index?: PackedIndex;
  error?: string;
};
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

/** Every field of an entry, read (a packed entry decodes its row when read). */
const fields = (e: DirectoryEntry | undefined) =>
  e && {
    ...{ id: e.id, sortName: e.sortName, searchText: e.searchText, name: e.name, email: e.email, phone: e.phone },
    ...{ city: e.city, kind: e.kind, locked: e.locked, firstName: e.firstName, lastName: e.lastName },
    ...{ organisation: e.organisation, furtherPhones: e.furtherPhones },
  };

async function ask(msg: RowWorkerMessage): Promise<Reply> {
  await handle(msg);
  const reply = replies.pop();
  if (!reply || reply.job !== msg.job) throw new Error('no reply');
  if (reply.error) throw new Error(reply.error);
  if (reply.rows) reply.rows = unpackRows(reply.rows as unknown as PackedRows);
  return reply;
}

describe('the row worker', () => {
  it('reads each read’s rows at once with their buckets’ secrets, none under another secret, and gives the name order of what it read and was given, then the index of that order', async () => {
    const persons = Array.from({ length: 400 }, (_, i) => entryOf(personOf(i, traitsOf(i))));
    const byBucket = new Map<number, DirectoryEntry[]>();
    for (const e of persons.slice(0, 300)) byBucket.set(bucketOf(e.id), [...(byBucket.get(bucketOf(e.id)) ?? []), e]);
    const secrets = new Map([...byBucket.keys()].map((b) => [b, crypto.getRandomValues(new Uint8Array(32))]));
    const keyring = new Keyring();
    keyring.unlock(crypto.getRandomValues(new Uint8Array(32)));
    const savedAt = '2026-01-01T00:00:00.000Z';
    const sealed = await sealBuckets(
      keyring,
      [...byBucket].map(([bucket, entries]) => ({
        bucket,
        content: encodeBucket(entries, secrets.get(bucket) as Uint8Array, savedAt),
      })),
    );
    // One bucket written anew under a new secret since its secret was read: given the old one, it is not read.
    const stale = sealed[3].bucket;
    const keyed = sealed.map((b) => ({
      ...b,
      secret: b.bucket === stale ? crypto.getRandomValues(new Uint8Array(32)) : (secrets.get(b.bucket) as Uint8Array),
    }));
    // The buckets in two reads, as the main thread reads them.
    const half = Math.floor(keyed.length / 2);
    const first = await ask({ type: 'read', job: 1, recordKey: keyring.recordKey(), buckets: keyed.slice(0, half) });
    const second = await ask({ type: 'read', job: 2, recordKey: keyring.recordKey(), buckets: keyed.slice(half) });
    expect(first.held).toEqual({ savedAt, current: true });
    // Each read's rows: the persons of its buckets, bucket after bucket, each bucket's in name order
    // (as written: a worker's sort then finds runs in order), the stale bucket's left out.
    const idsOf = (buckets: typeof keyed) =>
      buckets.flatMap((b) =>
        b.bucket === stale ? [] : [...(byBucket.get(b.bucket) ?? [])].sort(byName).map((e) => e.id),
      );
    expect(first.rows?.map((e) => e.id)).toEqual(idsOf(keyed.slice(0, half)));
    expect(second.rows?.map((e) => e.id)).toEqual(idsOf(keyed.slice(half)));
    const readable = persons.slice(0, 300).filter((e) => bucketOf(e.id) !== stale);
    expect(readable.length).toBeLessThan(300);
    // Each packed entry reads as the entry derived from the person (every field, decoded when read).
    const byId = new Map(persons.map((e) => [e.id, e]));
    for (const e of [...(first.rows ?? []), ...(second.rows ?? [])]) expect(fields(e)).toEqual(fields(byId.get(e.id)));

    const elsewhere = persons.slice(300);
    await ask({ type: 'add', job: 3, entries: elsewhere });
    const given = new Map<number, readonly DirectoryEntry[]>([
      [1, first.rows ?? []],
      [2, second.rows ?? []],
      [3, elsewhere],
    ]);

    // Read again since the snapshot: left out (the directory holds their current entries).
    const dropped = [persons[5].id, persons[350].id];
    const { order } = await ask({ type: 'order', job: 4, dropped });
    const pairs = order ?? new Int32Array();
    const ordered: DirectoryEntry[] = [];
    for (let i = 0; i < pairs.length; i += 2) ordered.push(given.get(pairs[i])?.[pairs[i + 1]] as DirectoryEntry);
    const expected = [...readable, ...elsewhere].filter((e) => !dropped.includes(e.id)).sort(byName);
    expect(ordered.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(ordered.every((e, i) => e.searchText === expected[i].searchText)).toBe(true);

    const { index } = await ask({ type: 'index', job: 5 });
    expect(index).toEqual(buildSearchIndex(expected.map((e) => e.searchText)));
  });
});
