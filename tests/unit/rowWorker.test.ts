/**
 * The directory's row worker (src/data/directory/rowWorker.ts), run in this thread: given buckets
 * as stored, then the persons' secrets in runs — given, or read from `personKeys` by itself range
 * by range —, it reads at each run the rows of that run's persons — never an erased person's —, and what it read and was given comes back in name order as (job, place) pairs
 * naming the very entries the main thread holds, without the persons read again; its search index
 * is of that order.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketOf, entryOf, type DirectoryEntry } from '../../src/data/core/derived';
import { byName } from '../../src/data/directory/bucketRows';
import { encodeBucket, sealBuckets } from '../../src/data/directory/buckets';
import { buildSearchIndex, type PackedIndex } from '../../src/data/directory/searchIndex';
import type { RowWorkerMessage } from '../../src/data/directory/rowWorker';
import { holderOf, packRun, type BucketsHeld, type SecretRun } from '../../src/data/directory/bucketLoad';
import { SECRET_RANGES } from '../../src/data/directory/secretRanges';
import { unpackRows, type PackedRows } from '../../src/data/directory/packedRows';
import { loadCipher } from '../../src/data/core/crypto/seal';
import { Keyring } from '../../src/data/core/crypto/keyring';
import { personOf, traitsOf } from '../../src/bench/generate';

type Reply = {
  job: number;
  held?: BucketsHeld;
  /** Packed as posted (packedRows.ts); ask gives them unpacked, as the main thread takes them. */
  rows?: DirectoryEntry[];
  runs?: SecretRun[];
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

/** A database with `personKeys` holding these records, as the app stores them (the worker opens it by name). */
function storeSecrets(name: string, records: { personId: string; secret: Uint8Array }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('personKeys', { keyPath: 'personId' });
    open.onerror = () => reject(open.error ?? new Error('not opened'));
    open.onsuccess = () => {
      const tx = open.result.transaction('personKeys', 'readwrite');
      for (const record of records) tx.objectStore('personKeys').put(record);
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
    };
  });
}

describe('the row worker', () => {
  it('reads at each run of secrets the rows of its persons among the buckets it holds, never an erased person’s, and gives the name order of what it read and was given, then the index of that order', async () => {
    const persons = Array.from({ length: 400 }, (_, i) => entryOf(personOf(i, traitsOf(i))));
    const secrets = new Map(persons.map((e) => [e.id, crypto.getRandomValues(new Uint8Array(32))]));
    const byBucket = new Map<number, DirectoryEntry[]>();
    for (const e of persons.slice(0, 300)) byBucket.set(bucketOf(e.id), [...(byBucket.get(bucketOf(e.id)) ?? []), e]);
    const keyring = new Keyring();
    keyring.unlock(crypto.getRandomValues(new Uint8Array(32)));
    const savedAt = '2026-01-01T00:00:00.000Z';
    const sealed = await sealBuckets(
      keyring,
      [...byBucket].map(([bucket, entries]) => ({
        bucket,
        content: encodeBucket(entries, (id) => secrets.get(id), savedAt),
      })),
    );
    // Erased since the buckets were written: one's secret is gone, one left a tombstone beside a secret still stored.
    const [shredded, tombstoned] = [persons[8], persons[7]];
    secrets.delete(shredded.id);
    const records = [...secrets].map(([personId, secret]) => ({ personId, secret }));
    // The buckets in two parts, as the main thread reads them; then the secrets in two runs.
    const half = Math.floor(sealed.length / 2);
    const firstHeld = await ask({
      type: 'hold',
      job: 1,
      recordKey: keyring.recordKey(),
      buckets: sealed.slice(0, half),
    });
    await ask({ type: 'hold', job: 2, recordKey: keyring.recordKey(), buckets: sealed.slice(half) });
    expect(firstHeld.held).toEqual({ savedAt, current: true });
    await ask({ type: 'held', job: 9 });
    // The first half of the secrets given as a run (as from the keyring), the rest read by the
    // worker itself from personKeys, range by range (a first build).
    const run = packRun(records.slice(0, 150), new Set([tombstoned.id]));
    const first = await ask({ type: 'rows', job: 10, run });
    // Each run's rows: only its persons'.
    const inRun = new Set(run.ids.split('\n'));
    expect(first.rows?.length).toBeGreaterThan(0);
    expect(first.rows?.every((e) => inRun.has(e.id))).toBe(true);
    const dbName = `rowWorker-${Math.random()}`;
    await storeSecrets(dbName, records.slice(150));
    // As worker 0 of 2: it reads the rows of its part of each range; the other part (here given
    // to it as a run, as the other worker would be) holds the rest.
    const ranges: Reply[] = [];
    for (let range = 0; range < SECRET_RANGES; range++) {
      const reply = await ask({
        type: 'range',
        job: 20 + range,
        dbName,
        range,
        erased: [tombstoned.id],
        worker: 0,
        workers: 2,
      });
      const [own, other] = reply.runs ?? [];
      const ownIds = new Set(own.ids ? own.ids.split('\n') : []);
      expect(reply.rows?.every((e) => ownIds.has(e.id))).toBe(true);
      ranges.push(reply, await ask({ type: 'rows', job: 40 + range, run: other }));
    }
    // Every stored secret comes back packed, a tombstoned person's not; each in the part of the
    // worker holding the person's bucket.
    const parts = ranges.flatMap((r) => r.runs ?? []);
    const idsOf = (run: SecretRun) => (run.ids ? run.ids.split('\n') : []);
    parts.forEach((run, i) => expect(idsOf(run).every((id) => holderOf(bucketOf(id), 2) === i % 2)).toBe(true));
    expect(parts.flatMap(idsOf).sort()).toEqual(
      records
        .slice(150)
        .map((r) => r.personId)
        .filter((id) => id !== tombstoned.id)
        .sort(),
    );
    const second = { rows: ranges.flatMap((r) => r.rows ?? []) };
    const elsewhere = persons.slice(300);
    await ask({ type: 'add', job: 3, entries: elsewhere });
    const given = new Map<number, readonly DirectoryEntry[]>([
      [10, first.rows ?? []],
      ...ranges.map((r): [number, DirectoryEntry[]] => [r.job, r.rows ?? []]),
      [3, elsewhere],
    ]);
    const read = [...(first.rows ?? []), ...second.rows].map((e) => e.id);
    const readable = persons.slice(0, 300).filter((e) => e !== shredded && e !== tombstoned);
    expect(read.sort()).toEqual(readable.map((e) => e.id).sort());
    // Each packed entry reads as the entry derived from the person (every field, decoded when read).
    const byId = new Map(persons.map((e) => [e.id, e]));
    for (const e of [...(first.rows ?? []), ...second.rows]) expect(fields(e)).toEqual(fields(byId.get(e.id)));

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
