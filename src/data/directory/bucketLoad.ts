/**
 * What a row worker needs to read its buckets (rowWorker.ts), and the reading: the persons' key
 * secrets come in runs as the main thread reads them from `personKeys` — each run packed into one
 * string of ids and one buffer of secrets (packRun), not 10,000 objects to clone —, the buckets as
 * stored (their outer seal opened here, with the record key). So the main thread neither opens the
 * buckets nor holds and packs each bucket's secrets through the keyring; a bucket's persons whose
 * secret is not among the runs (erased, or written since) stay unread.
 */
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { entriesOf, packSecrets } from './bucketRows';
import { openBuckets } from './buckets';

const SECRET = 32;

/** A run of secrets as posted to a worker: ids joined by newline, their secrets in turn. */
export interface SecretRun {
  ids: string;
  secrets: Uint8Array;
}

/** Records of `personKeys` packed for a worker; those of `erased` persons (a tombstone) left out. */
export function packRun(
  records: readonly { personId: string; secret: Uint8Array }[],
  erased: ReadonlySet<string>,
): SecretRun {
  const kept = erased.size ? records.filter((r) => !erased.has(r.personId)) : records;
  const secrets = new Uint8Array(SECRET * kept.length);
  kept.forEach((r, i) => secrets.set(r.secret, SECRET * i));
  return { ids: kept.map((r) => r.personId).join('\n'), secrets };
}

/** The secrets a worker was given, by person. */
export class SecretTable {
  private readonly byId = new Map<string, Uint8Array>();

  add({ ids, secrets }: SecretRun): void {
    if (!ids) return;
    ids.split('\n').forEach((id, i) => this.byId.set(id, secrets.subarray(SECRET * i, SECRET * (i + 1))));
  }

  get(id: string): Uint8Array | undefined {
    return this.byId.get(id);
  }
}

export interface BucketsRead {
  entries: DirectoryEntry[];
  /** The earliest write of the buckets read; '9999' when none was read. */
  savedAt: string;
  /** False when a bucket of an earlier format was found (the directory is derived from the persons). */
  current: boolean;
}

/** Opens stored buckets and reads the rows of the persons whose secret is known. */
export async function readBuckets(
  recordKey: Uint8Array,
  stored: readonly DirectoryBucket[],
  secretOf: (id: string) => Uint8Array | undefined,
): Promise<BucketsRead> {
  const read: BucketsRead = { entries: [], savedAt: '9999', current: true };
  for (const { content, header } of await openBuckets(recordKey, stored)) {
    if (!header) return { ...read, entries: [], current: false };
    if (header.savedAt < read.savedAt) read.savedAt = header.savedAt;
    read.entries.push(...entriesOf({ content, ...packSecrets(header.ids, secretOf) }, header));
  }
  return read;
}
