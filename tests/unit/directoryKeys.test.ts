/**
 * Each stored directory bucket's rows are encrypted under the bucket's own secret (directoryKeys,
 * directory/buckets.ts format 4). A bucket keeps its secret from flush to flush; erasing a person
 * deletes their bucket and its secret together; and a flush that read a secret before an erasure
 * deleted it stores neither that secret again nor the erased person: the bucket is written later,
 * from memory as it is then, under a new secret — so no copy of the bucket from before opens.
 */
import { describe, expect, it, vi } from 'vitest';
import { deletePerson, savePerson, type ConsentbookDB } from '../../src/data';
import { rawConnection } from '../../src/data/db';
import { directoryOf } from '../../src/data/directory';
import { SnapshotWriter } from '../../src/data/directory/snapshot';
import { bucketOf, DIRECTORY_BUCKETS, type DirectoryEntry } from '../../src/data/core/derived';
import { anna, CONTRACT, freshDb, readBuckets, storedDirectory } from './helpers';

/** Runs once just before the writer's next seal: after it read the secrets, before its transaction. */
const hooks = vi.hoisted(() => ({ beforeSeal: undefined as undefined | (() => Promise<void>) }));
vi.mock('../../src/data/directory/buckets', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/data/directory/buckets')>();
  return {
    ...actual,
    sealBuckets: async (...args: Parameters<typeof actual.sealBuckets>) => {
      const hook = hooks.beforeSeal;
      hooks.beforeSeal = undefined;
      await hook?.();
      return actual.sealBuckets(...args);
    },
  };
});

const ERASE = { purposeId: '', comment: 'Antrag nach Art. 17' };

async function book() {
  const { db, admin } = await freshDb();
  const erased = await savePerson(db, admin, anna(), CONTRACT);
  const other = await savePerson(db, admin, anna({ lastName: 'Nebenan', email: 'n@example.org' }), CONTRACT);
  // The first build stores every bucket, each under a secret of its own.
  await directoryOf(db).ready();
  return { db, admin, erased, other };
}

const secretOf = async (db: ConsentbookDB, bucket: number) =>
  (await rawConnection(db).directoryKeys.get(bucket))?.secret;

/** A writer over a fixed view of the entries, as a tab that has not yet heard of an erasure. */
function staleWriter(db: ConsentbookDB, entries: DirectoryEntry[]): SnapshotWriter {
  return new SnapshotWriter(
    db,
    () => entries,
    () => 0,
  );
}

describe('the directory buckets’ own secrets', () => {
  it('every bucket is stored with a secret of its own, kept from flush to flush', async () => {
    const { db, erased } = await book();
    const raw = rawConnection(db);
    const keys = await raw.directoryKeys.toArray();
    expect(keys).toHaveLength(DIRECTORY_BUCKETS);
    expect(new Set(keys.map((k) => k.secret.join())).size).toBe(DIRECTORY_BUCKETS);
    const bucket = bucketOf(erased.id);
    const before = await secretOf(db, bucket);
    const writer = staleWriter(db, [...directoryOrder(db)]);
    await writer.write(new Set([bucket]));
    expect(await secretOf(db, bucket)).toEqual(before);
    const read = await storedDirectory(db);
    expect(read.find((b) => b.bucket === bucket)?.entries.map((e) => e.id)).toContain(erased.id);
  });

  it('an erasure deletes the bucket and its secret; the next flush writes it under a new secret, without the person', async () => {
    const { db, admin, erased } = await book();
    const raw = rawConnection(db);
    const bucket = bucketOf(erased.id);
    const old = await secretOf(db, bucket);
    const copy = await raw.directory.get(bucket);
    await deletePerson(db, admin, erased.id, ERASE);
    expect(await raw.directory.get(bucket)).toBeUndefined();
    expect(await secretOf(db, bucket)).toBeUndefined();
    await staleWriter(db, [...directoryOrder(db)]).write(new Set([bucket]));
    const renewed = await secretOf(db, bucket);
    expect(renewed).toBeDefined();
    expect(renewed).not.toEqual(old);
    const [written] = await readBuckets(db, [(await raw.directory.get(bucket))!]);
    expect(written.format).toBe(4);
    expect(written.entries.map((e) => e.id)).not.toContain(erased.id);
    // The copy from before opens to nothing with the secret stored now.
    const [before] = await readBuckets(db, [copy!]);
    expect(before.entries).toEqual([]);
  });

  it('a flush whose secret an erasure deleted meanwhile stores neither that secret nor the person, and writes the bucket afterwards', async () => {
    const { db, admin, erased, other } = await book();
    const raw = rawConnection(db);
    const bucket = bucketOf(erased.id);
    const old = await secretOf(db, bucket);
    // This view still holds the person: the erasure comes after the writer read the secrets.
    const writer = staleWriter(db, [...directoryOrder(db)]);
    hooks.beforeSeal = () => deletePerson(db, admin, erased.id, ERASE);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await writer.write(new Set([bucket, bucketOf(other.id)]));
      expect(hooks.beforeSeal).toBeUndefined();
      expect(await raw.directory.get(bucket)).toBeUndefined();
      expect(await secretOf(db, bucket)).toBeUndefined();
      expect(await raw.directory.get(bucketOf(other.id))).toBeDefined();
      // Written again a moment later: the tombstone keeps the person out, a new secret the rows.
      await vi.runOnlyPendingTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => expect(await raw.directory.get(bucket)).toBeDefined(), { timeout: 10_000 });
    const renewed = await secretOf(db, bucket);
    expect(renewed).not.toEqual(old);
    const [written] = await readBuckets(db, [(await raw.directory.get(bucket))!]);
    expect(written.entries.map((e) => e.id)).not.toContain(erased.id);
    writer.drop();
  });

  it('a flush never writes a bucket under a secret deleted meanwhile, even from a view without the erased person', async () => {
    const { db, admin, erased } = await book();
    const raw = rawConnection(db);
    const bucket = bucketOf(erased.id);
    const old = await secretOf(db, bucket);
    const writer = staleWriter(
      db,
      directoryOrder(db).filter((e) => e.id !== erased.id),
    );
    hooks.beforeSeal = () => deletePerson(db, admin, erased.id, ERASE);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await writer.write(new Set([bucket]));
      // Not under the deleted secret (no copy under it may be written, nor the secret stored again).
      expect(await raw.directory.get(bucket)).toBeUndefined();
      expect(await secretOf(db, bucket)).toBeUndefined();
      await vi.runOnlyPendingTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => expect(await raw.directory.get(bucket)).toBeDefined(), { timeout: 10_000 });
    expect(await secretOf(db, bucket)).not.toEqual(old);
    writer.drop();
  });

  it('the whole snapshot written while a person is erased leaves out their bucket, then writes it without them', async () => {
    const { db, admin, erased } = await book();
    const raw = rawConnection(db);
    const bucket = bucketOf(erased.id);
    const old = await secretOf(db, bucket);
    const writer = staleWriter(db, [...directoryOrder(db)]);
    hooks.beforeSeal = () => deletePerson(db, admin, erased.id, ERASE);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await writer.write(null);
      expect(await raw.directory.get(bucket)).toBeUndefined();
      expect(await secretOf(db, bucket)).toBeUndefined();
      expect(await raw.directory.count()).toBe(DIRECTORY_BUCKETS - 1);
      // Every other bucket under a new secret: the whole snapshot keeps none of the old ones.
      expect(await raw.directoryKeys.count()).toBe(DIRECTORY_BUCKETS - 1);
      await vi.runOnlyPendingTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await vi.waitFor(async () => expect(await raw.directory.get(bucket)).toBeDefined(), { timeout: 10_000 });
    expect(await secretOf(db, bucket)).not.toEqual(old);
    const [written] = await readBuckets(db, [(await raw.directory.get(bucket))!]);
    expect(written.entries.map((e) => e.id)).not.toContain(erased.id);
    writer.drop();
  });
});

/** The entries the directory holds now, in name order. */
function directoryOrder(db: ConsentbookDB): DirectoryEntry[] {
  const directory = directoryOf(db);
  return directory.orderedIds().map((id) => directory.entry(id) as DirectoryEntry);
}
