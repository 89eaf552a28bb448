import { loadPersonSecrets } from './bulkRead';
import { packSecrets, type BucketHeader, type RowsJob } from './bucketRows';
import type { ConsentbookDB } from '../db';

/**
 * Each bucket's content with its persons' secrets; those not in the keyring (written since
 * sign-in elsewhere, or erased) are looked for and the buckets packed again when any is found —
 * so when all are there, one lookup per person.
 */
export async function rowsJobs(
  db: ConsentbookDB,
  buckets: { content: Uint8Array; header: BucketHeader }[],
): Promise<RowsJob[]> {
  const pack = () =>
    buckets.map(({ content, header }) => ({
      content,
      ...packSecrets(header.ids, (id) => db.keyring.personSecret(id)),
    }));
  const jobs = pack();
  const unknown = jobs.flatMap((job, b) => buckets[b].header.ids.filter((_, i) => job.known[i] === 0));
  if (unknown.length === 0) return jobs;
  await loadPersonSecrets(db, unknown);
  return unknown.some((id) => db.keyring.hasPerson(id)) ? pack() : jobs;
}
