/**
 * The one reader of the audit log: single entries (`auditLog`) and the import's segments
 * (`auditSegments`, domain/auditSegment.ts) read as one log, so no caller sees how an entry is
 * stored. Works on any connection: the raw one gives entries as stored (sealed), the app's opens
 * their text (sealing.ts opens a segment's entries as it opens single ones). Every function
 * returns entries in chain order (ascending seq) unless it says otherwise.
 */
import type Dexie from 'dexie';
import type { AuditEntry } from '../../domain/audit';
import { SEGMENT_MAX, mergeSegments, type AuditSegment } from '../../domain/auditSegment';
import { AUDIT_HEAD_KEY, type ChainHead } from '../../domain/auditChain';

type Entry = AuditEntry & { seq: number };

const log = (db: Dexie) => db.table<Entry, number>('auditLog');
const segments = (db: Dexie) => db.table<AuditSegment & { entries: Entry[] }, number>('auditSegments');

/** The head of this device's chain (count, last seq and hash, keyed), kept in the settings beside the log. */
export async function readAuditHead(db: Dexie): Promise<ChainHead | undefined> {
  return ((await db.table('settings').get(AUDIT_HEAD_KEY)) as { value?: ChainHead } | undefined)?.value;
}

/** The whole log. */
export async function allEntries<E extends AuditEntry = Entry>(db: Dexie): Promise<E[]> {
  const [single, segs] = await Promise.all([log(db).orderBy('seq').toArray(), segments(db).toArray()]);
  return mergeSegments(single, segs) as unknown as E[];
}

/** The entries after `seq`: the segments starting up to SEGMENT_MAX − 1 places before it may hold some. */
export function entriesAbove<E extends AuditEntry = Entry>(db: Dexie, seq: number): Promise<E[]> {
  return entriesBetween<E>(db, seq, Infinity);
}

/** The entries after `above` up to `upTo` (a run of the log, for reading a long one in turns). */
export async function entriesBetween<E extends AuditEntry = Entry>(
  db: Dexie,
  above: number,
  upTo: number,
): Promise<E[]> {
  const [single, segs] = await Promise.all([
    log(db).where('seq').between(above, upTo, false, true).toArray(),
    segments(db)
      .where('seq')
      .between(above - SEGMENT_MAX, upTo, false, true)
      .toArray(),
  ]);
  const inRun = segs.map((s) => ({ seq: s.seq, entries: s.entries.filter((e) => e.seq > above && e.seq <= upTo) }));
  return mergeSegments(single, inRun) as unknown as E[];
}

/** The entry with this seq, wherever it is stored. */
export async function entryAt<E extends AuditEntry = Entry>(db: Dexie, seq: number): Promise<E | undefined> {
  const [single, segs] = await Promise.all([
    log(db).get(seq),
    segments(db)
      .where('seq')
      .between(seq - SEGMENT_MAX + 1, seq, true, true)
      .toArray(),
  ]);
  return (single ?? segs.flatMap((s) => s.entries).find((e) => e.seq === seq)) as E | undefined;
}

/** The entries with these seqs (undefined where none is stored), in the order asked. */
export async function entriesAt<E extends AuditEntry = Entry>(
  db: Dexie,
  seqs: readonly number[],
): Promise<(E | undefined)[]> {
  const single = await log(db).bulkGet([...seqs]);
  const missing = seqs.filter((_s, i) => !single[i]);
  if (missing.length === 0) return single as (E | undefined)[];
  // Only the segments that can hold a missing seq (one starting up to SEGMENT_MAX − 1 before it),
  // not every segment between the lowest and the highest asked for.
  // One range query each (a getAll): Dexie's inAnyRange walks a cursor, and the app's connection
  // opens a cursor's records with every secret of the book loaded.
  const reads = startRanges(missing).map(([from, to]) =>
    segments(db).where('seq').between(from, to, true, true).toArray(),
  );
  const segs = (await Promise.all(reads)).flat();
  const found = new Map(segs.flatMap((s) => s.entries.map((e) => [e.seq, e] as const)));
  return seqs.map((s, i) => (single[i] ?? found.get(s)) as E | undefined);
}

/** The ranges of segment starts that can hold these seqs, overlapping ones joined. */
function startRanges(seqs: readonly number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const seq of [...seqs].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && seq - SEGMENT_MAX + 1 <= last[1] + 1) last[1] = seq;
    else ranges.push([seq - SEGMENT_MAX + 1, seq]);
  }
  return ranges;
}

/** The log's last entry (highest seq). */
export async function lastEntry<E extends AuditEntry = Entry>(db: Dexie): Promise<E | undefined> {
  const [single, seg] = await Promise.all([log(db).orderBy('seq').last(), segments(db).orderBy('seq').last()]);
  const inSegment = seg?.entries.at(-1);
  if (!inSegment) return single as E | undefined;
  return (single && single.seq > inSegment.seq ? single : inSegment) as E;
}

/** A person's entries: their index range and the segments naming them. */
export async function personEntries<E extends AuditEntry = Entry>(db: Dexie, personId: string): Promise<E[]> {
  const [single, segs] = await Promise.all([
    log(db).where('[personId+seq]').between([personId, 0], [personId, Infinity]).toArray(),
    segments(db).where('personIds').equals(personId).toArray(),
  ]);
  const theirs = segs.map((s) => ({ seq: s.seq, entries: s.entries.filter((e) => e.personId === personId) }));
  return mergeSegments(single, theirs) as unknown as E[];
}

export interface EntryQuery {
  personId?: string;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
  /** Further condition (the action). */
  filter?: (e: AuditEntry) => boolean;
  limit: number;
}

/**
 * The newest `limit` entries matching, newest first, without reading the whole log: the newest
 * matching single entries (by the person or time index, or seq) and the newest matching entries of
 * the segments (read newest first until enough), merged. The newest overall are among those.
 */
export async function newestEntries<E extends AuditEntry = Entry>(db: Dexie, q: EntryQuery): Promise<E[]> {
  const matches = (e: Entry) =>
    (!q.personId || e.personId === q.personId) &&
    (!q.from || e.at >= q.from) &&
    (!q.to || e.at <= q.to) &&
    (!q.filter || q.filter(e));
  const single = q.personId
    ? log(db).where('[personId+seq]').between([q.personId, 0], [q.personId, Infinity]).reverse()
    : q.from || q.to
      ? log(db)
          .where('at')
          .between(q.from ?? '', q.to ?? '\uffff', true, true)
          .reverse()
      : log(db).orderBy('seq').reverse();
  const [newestSingle, newestInSegments] = await Promise.all([
    single.filter(matches).limit(q.limit).toArray(),
    // A person's segments, and those reaching into a time range, are few: read whole. Else the
    // newest first, a page at a time, until enough match.
    q.personId || q.from
      ? (q.personId
          ? segments(db).where('personIds').equals(q.personId)
          : segments(db)
              .where('lastAt')
              .aboveOrEqual(q.from ?? '')
        )
          .toArray()
          .then((segs) =>
            segs
              .flatMap((s) => s.entries)
              .filter(matches)
              .sort((x, y) => y.seq - x.seq),
          )
      : newestOfSegments(db, matches, q.limit),
  ]);
  // Both newest first: merged by seq, descending.
  const out: Entry[] = [];
  let a = 0;
  let b = 0;
  while (out.length < q.limit && (a < newestSingle.length || b < newestInSegments.length)) {
    const fromSingle =
      b >= newestInSegments.length || (a < newestSingle.length && newestSingle[a].seq > newestInSegments[b].seq);
    out.push(fromSingle ? newestSingle[a++] : newestInSegments[b++]);
  }
  return out as unknown as E[];
}

/**
 * Segments read a page at a time, newest first, until `limit` entries match; newest first. Each
 * page starts below the last one read (by key, not by offset: an offset re-walks every page before).
 */
async function newestOfSegments(db: Dexie, matches: (e: Entry) => boolean, limit: number): Promise<Entry[]> {
  const page = 20;
  const found: Entry[] = [];
  let below = Infinity;
  while (found.length < limit) {
    const read = await segments(db).where('seq').below(below).reverse().limit(page).toArray();
    for (const s of read)
      for (let i = s.entries.length - 1; i >= 0; i--) if (matches(s.entries[i])) found.push(s.entries[i]);
    if (read.length < page) break;
    below = read[read.length - 1].seq;
  }
  return found;
}
