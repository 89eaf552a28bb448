/** The snapshot write's sorting of entries into buckets (directory/bucketEntries.ts), done in idle slices. */
import { describe, expect, it } from 'vitest';
import { bucketOf, type DirectoryEntry } from '../../src/data/core/derived';
import { entriesByBucket } from '../../src/data/directory/bucketEntries';

const entry = (id: string) => ({ id }) as DirectoryEntry;

describe('entries by bucket', () => {
  const entries = Array.from({ length: 3_000 }, (_, i) => entry(`person-${i}`));

  it('gives every bucket asked for, empty ones too, with exactly its entries but the skipped, and the count of all but the skipped', async () => {
    const wanted = [bucketOf('person-1'), bucketOf('person-2'), 1_023];
    const skipped = new Set(['person-1']);
    const got = (await entriesByBucket(entries, wanted, skipped, () => true))!;
    expect(got.persons).toBe(entries.length - 1);
    expect([...got.buckets.keys()]).toEqual(wanted);
    for (const b of wanted)
      expect(got.buckets.get(b)!.map((e) => e.id)).toEqual(
        entries.filter((e) => bucketOf(e.id) === b && !skipped.has(e.id)).map((e) => e.id),
      );
  });

  it('gives nothing once its directory is dropped meanwhile (a sign-out)', async () => {
    let signedIn = true;
    const pending = entriesByBucket(entries, [0], new Set(), () => signedIn);
    signedIn = false;
    expect(await pending).toBeNull();
  });
});
