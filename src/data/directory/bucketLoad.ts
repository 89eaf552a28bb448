/**
 * What a row worker needs to read its buckets (rowWorker.ts), and the reading: the persons' key
 * secrets come in runs as the main thread reads them from `personKeys` — each run packed into one
 * string of ids and one buffer of secrets (packRun), not 10,000 objects to clone —, the buckets as
 * stored (their outer seal opened here, with the record key). So the main thread neither opens the
 * buckets nor holds and packs each bucket's secrets through the keyring; a bucket's persons whose
 * secret is not among the runs (erased, or written since) stay unread.
 */
import type { DirectoryBucket, DirectoryEntry } from '../core/derived';
import { entriesOf } from './bucketRows';
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

/**
 * The secrets a worker was given, by person: where each is in the runs, not a view each (100,000
 * small arrays were a large part of a worker's time and garbage).
 */
export class SecretTable {
  private readonly runs: Uint8Array[] = [];
  /** run × RUN_PLACES + place in the run. */
  private readonly at = new Map<string, number>();

  add({ ids, secrets }: SecretRun): void {
    if (!ids) return;
    const run = this.runs.push(secrets) - 1;
    ids.split('\n').forEach((id, i) => this.at.set(id, run * RUN_PLACES + i));
  }

  /** The secrets of these persons packed for a bucket's rows (bucketRows.ts packSecrets), copied straight from the runs. */
  pack(ids: readonly string[]): { secrets: Uint8Array; known: Uint8Array } {
    const secrets = new Uint8Array(SECRET * ids.length);
    const known = new Uint8Array(ids.length);
    ids.forEach((id, i) => {
      const at = this.at.get(id);
      if (at === undefined) return;
      const place = at % RUN_PLACES;
      const run = this.runs[(at - place) / RUN_PLACES];
      // Byte by byte: no view to allocate per person.
      for (let k = 0; k < SECRET; k++) secrets[SECRET * i + k] = run[SECRET * place + k];
      known[i] = 1;
    });
    return { secrets, known };
  }
}

/** More places than any run holds (a run is a range of personKeys, about 6,000 of 100,000). */
const RUN_PLACES = 2 ** 24;

export interface BucketsRead {
  entries: DirectoryEntry[];
  /** The earliest write of the buckets read; '9999' when none was read. */
  savedAt: string;
  /** False when a bucket of an earlier format was found (the directory is derived from the persons). */
  current: boolean;
}

/** Opens stored buckets and reads the rows of the persons whose secret is known (`pack`: theirs, as packSecrets packs them). */
export async function readBuckets(
  recordKey: Uint8Array,
  stored: readonly DirectoryBucket[],
  pack: (ids: readonly string[]) => { secrets: Uint8Array; known: Uint8Array },
): Promise<BucketsRead> {
  const read: BucketsRead = { entries: [], savedAt: '9999', current: true };
  for (const { content, header } of await openBuckets(recordKey, stored)) {
    if (!header) return { ...read, entries: [], current: false };
    if (header.savedAt < read.savedAt) read.savedAt = header.savedAt;
    read.entries.push(...entriesOf({ content, ...pack(header.ids) }, header));
  }
  return read;
}
