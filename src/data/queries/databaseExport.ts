/**
 * The whole database as the export's file (consentbook-export.schema.json), a page at a time, so
 * a whole-database export never holds everything at once.
 *
 * Every person's id is read (keys only, a run of pages ahead), and pages are runs of them. A page
 * goes to the open pool's workers (bulk/openPool.ts) in one share per worker — ids, key secrets,
 * consents and transactions as stored — and each worker reads its share's persons by key range,
 * opens and formats them, and gives back the text as UTF-8: this thread never holds a person, as
 * stored or opened, nor their text. Several pages are under way at once, so the workers' reads go
 * side by side with each other and with the formatting.
 */
import type { Purpose } from '../../domain/purpose';
import type { ConsentbookDB } from '../db';
import { LinkedRecords, pageLinks, storedPersonIds } from './exportPages';
import type { FormattedBlob, RecordOpener } from '../bulk/openPool';
import type { PortabilityJob } from '../bulk/openRows';
import { loadEveryPersonSecret, loadPersonSecrets } from '../directory/bulkRead';
import { databaseExportHead, DATABASE_EXPORT_TAIL } from '../../formats/portability';
import { requirePermission, type Session } from '../core/session';
import { PersonKeyMissingError } from '../core/errors';

/** A part of the whole-database export's file, in order: its text as UTF-8 Blobs, and how many persons they hold. */
export interface ExportPart {
  parts: Blob[];
  persons: number;
}

/** Pages handed out before the first is put into the file: each worker holds a share of each. */
const PAGES_UNDER_WAY = 3;

/** Pages of ids read at once (storedPersonIds). */
const PAGES_PER_RUN = 10;

/** The runs of ids as pages of `pageSize` (a run holds whole pages but for the last). */
async function* pagesOf(runs: AsyncIterable<string[]>, pageSize: number): AsyncGenerator<string[]> {
  for await (const ids of runs) for (let at = 0; at < ids.length; at += pageSize) yield ids.slice(at, at + pageSize);
}

/**
 * A page's persons (ids in key order) handed to the open pool in one share per worker, each with
 * its persons' key secrets, consents and transactions (in the page's order; a transaction of
 * persons in two shares in both). Each share comes back formatted, every entry with its separator.
 */
async function formatPage(
  db: ConsentbookDB,
  opener: RecordOpener,
  ids: readonly string[],
  linked: LinkedRecords | undefined,
  purposes: readonly Purpose[],
): Promise<FormattedBlob[]> {
  // Each person's records taken out of `linked` (once: no later page holds them), else read by range.
  const { consents, transactions } = await pageLinks(db, ids, linked);
  const size = Math.ceil(ids.length / Math.min(opener.lanes, ids.length));
  const shares = (): PortabilityJob[] => {
    const out: PortabilityJob[] = [];
    for (let at = 0; at < ids.length; at += size) {
      const share = ids.slice(at, at + size);
      const inShare = new Set(share);
      out.push({
        ids: share,
        secrets: share.map((id) => db.keyring.secretOf(id)),
        consents: consents.filter((c) => inShare.has(c.personId)) as unknown as Record<string, unknown>[],
        transactions: transactions.filter((t) => t.personIds.some((id) => inShare.has(id))) as unknown as Record<
          string,
          unknown
        >[],
        purposes,
      });
    }
    return out;
  };
  try {
    return await opener.portability(shares());
  } catch (e) {
    // A person whose secret came after every one was read (stored by sync meanwhile): the page's
    // missing secrets read, and the page once more. Asked for before, every person stored in plain
    // (from before encryption: none to find) would cost each page a lookup per person.
    if (!(e instanceof PersonKeyMissingError) || db.keyring.hasPerson(e.personId)) throw e;
    await loadPersonSecrets(
      db,
      ids.filter((id) => !db.keyring.hasPerson(id)),
    );
    if (!db.keyring.hasPerson(e.personId)) throw e;
    return opener.portability(shares());
  }
}

/**
 * The export's file in parts, in order; ends early, without the file's end, when cancelled. The
 * first entry has no separator before it: the workers format every entry with one (`,\n`), and
 * the comma is cut from the first share that holds a person (a Blob's slice copies nothing).
 */
export async function* allPortabilityJson(
  db: ConsentbookDB,
  session: Session,
  {
    pageSize = 1000,
    signal,
    exportedAt = new Date().toISOString(),
    linkedInMemory,
  }: {
    pageSize?: number;
    signal?: AbortSignal;
    exportedAt?: string;
    /** Consents and transactions held as stored at most (exportPages.ts; tests set it low). */
    linkedInMemory?: number;
  } = {},
): AsyncGenerator<ExportPart> {
  requirePermission(session, 'issueReports');
  // A cancel ends any wait — for the secrets, the ids or a page — at once (the workers are ended below).
  const cancelled = new Promise<null>((resolve) => {
    if (signal?.aborted) resolve(null);
    signal?.addEventListener('abort', () => resolve(null), { once: true });
  });
  /** What `step` gives, or null once cancelled — a cancel ends any wait at once (a later failure of `step` is dropped). */
  const untilCancelled = <T>(step: Promise<T>): Promise<T | null> => {
    step.catch(() => undefined);
    return Promise.race([step, cancelled]);
  };
  const purposes = await db.purposes.toArray();
  // Every person's secret once, not each page's one by one (bulkRead.ts), and the consents and
  // transactions in primary-key order when they fit (exportPages.ts); a cancel leaves the reads to
  // finish on their own (the keyring keeps what it read).
  const before = Promise.all([loadEveryPersonSecret(db), LinkedRecords.read(db, linkedInMemory)]);
  const pageIds = pagesOf(storedPersonIds(db, pageSize * PAGES_PER_RUN), pageSize);
  const read = await untilCancelled(before);
  if (read === null) return;
  const linked = read[1];
  const { openPool } = await import('../bulk/openPool');
  const opener = openPool(db);
  const underWay: Promise<FormattedBlob[]>[] = [];
  /** The next page handed out (none left: nothing to do); true, to tell it from a cancel. */
  const startNext = async (): Promise<true> => {
    const ids = await pageIds.next();
    if (ids.done) return true;
    const formatted = formatPage(db, opener, ids.value, linked, purposes);
    // Awaited in turn, or not at all when stopped early: an error surfaces where it is awaited.
    formatted.catch(() => undefined);
    underWay.push(formatted);
    return true;
  };
  let firstEntry = true;
  try {
    yield { parts: [new Blob([databaseExportHead(exportedAt)])], persons: 0 };
    for (let page = 0; page < PAGES_UNDER_WAY; page++) if (!(await untilCancelled(startNext()))) return;
    for (let next = underWay.shift(); next; next = underWay.shift()) {
      const shares = await untilCancelled(next);
      if (!shares || !(await untilCancelled(startNext()))) return;
      const parts = shares.map(({ blob, persons }) => {
        if (persons === 0 || !firstEntry) return blob;
        firstEntry = false;
        return blob.slice(1);
      });
      yield { parts, persons: shares.reduce((sum, s) => sum + s.persons, 0) };
    }
    yield { parts: [new Blob([DATABASE_EXPORT_TAIL])], persons: 0 };
  } finally {
    opener.close();
    // Not awaited: after a cancel during a read of ids it ends once that read is in.
    void pageIds.return(undefined).catch(() => undefined);
  }
}
