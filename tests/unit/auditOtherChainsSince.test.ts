/**
 * The Übersicht's check (auditCheck/logCheck.ts checkSince) goes on with the other devices' chains
 * from the heads it verified before. A chain that does not go on from its head — its entries came
 * out of order, a link is broken, or a second entry stands at a place verified already (rewritten,
 * replayed) — is read again whole by its own indexes, not the whole log (a million entries at
 * 100,000 persons), and named exactly as the whole check names it; the other chains go on as they
 * were. The chains are built here as sync stores them (sync/apply.ts): runs of a device's chain
 * appended after the log's end, keyed with the book's audit key.
 */
import { describe, expect, it } from 'vitest';
import { logEvent, verifyAuditLog } from '../../src/data';
import { ConsentbookDB, rawConnection } from '../../src/data/db';
import { checkSince, type VerifiedRun } from '../../src/data/auditCheck/logCheck';
import { verifyAuditLogSinceLastCheck } from '../../src/data/queries/auditIntegrity';
import { lastEntry, readAuditHead } from '../../src/data/core/auditEntries';
import { originOf, SEGMENT_MAX, segmentOf, splitOrigin } from '../../src/domain/auditSegment';
import {
  chainEntries,
  EMPTY_HEAD,
  entryHash,
  type ChainedEntry,
  type ChainHead,
  type ChainVerdict,
} from '../../src/domain/auditChain';
import { freshDb, tableSpy } from './helpers';
import { auditEntries } from './sample-data';

type Stored = ChainedEntry & { origin: string };

/** A book of this device with the chains of two others, `tablet` and `laptop`, arriving as sync stores them. */
async function teamBook() {
  const { db, admin } = await freshDb();
  const raw = rawConnection(db);
  const key = db.keyring.auditKey();
  const heads = new Map<string, ChainHead>();
  /** The next `n` entries of `device`'s chain, chained on from its head (not stored yet). */
  const written = (device: string, n: number): ChainedEntry[] => {
    const entries = auditEntries(n).map((e) => ({ ...e, userName: `Nutzerin am ${device}` }));
    const { chained, head } = chainEntries(heads.get(device) ?? EMPTY_HEAD, entries, key);
    heads.set(device, head);
    return chained;
  };
  /** Entries of `device`'s chain stored after the log's end, as runs of its chain (`chain` index) or else as given. */
  const arrive = async (device: string, entries: ChainedEntry[], as: 'runs' | 'single' | 'unindexed' = 'runs') => {
    let after = Math.max((await lastEntry(raw))?.seq ?? 0, (await readAuditHead(raw))?.lastSeq ?? 0);
    const rows = entries.map((e) => ({ ...e, seq: (after += 2 ** -10), origin: originOf(device, e.seq) }));
    if (as === 'single') return raw.auditLog.bulkAdd(rows);
    const runs = [];
    for (let i = 0; i < rows.length; i += SEGMENT_MAX) {
      const run = rows.slice(i, i + SEGMENT_MAX);
      const [first, last] = [run[0], run.at(-1)!].map((r) => splitOrigin(r.origin).seq);
      runs.push(segmentOf(run, as === 'runs' ? [device, first, last] : undefined));
    }
    return raw.auditSegments.bulkAdd(runs);
  };
  const own = async (n: number) => {
    for (let i = 0; i < n; i++) await logEvent(db, admin, 'settingsChanged', '', `Einstellung ${i}`);
  };
  /** The entry of `device`'s chain with its own number `seq`, as stored here (`seq` its place here). */
  const stored = async (device: string, seq: number): Promise<Stored> => {
    const segments = await raw.auditSegments.toArray();
    const all = segments.flatMap((s) => s.entries) as Stored[];
    return all.find((e) => e.origin === originOf(device, seq))!;
  };
  /** That entry as its chain holds it, to be stored again. */
  const asWritten = async (device: string, seq: number): Promise<ChainedEntry> => {
    const { origin: _o, ...entry } = await stored(device, seq);
    return { ...entry, seq };
  };
  await own(2);
  await arrive('tablet', written('tablet', 6));
  await arrive('laptop', written('laptop', 4));
  await own(1);
  await arrive('tablet', written('tablet', 4));
  await arrive('laptop', written('laptop', 3));
  return { db, raw, key, written, arrive, own, stored, asWritten };
}

/** A check as the Übersicht's first: from the start, in runs of `run`; what it verified. */
async function firstCheck(raw: ConsentbookDB, key: Uint8Array, run = 3): Promise<VerifiedRun> {
  let verified: VerifiedRun | undefined;
  const verdict = await checkSince(raw, EMPTY_HEAD, key, { run, onRun: (v) => (verified = v) });
  expect(verdict.ok).toBe(true);
  return verified!;
}

interface LogRead {
  table: string;
  /** The index read by (none: by place in the log). */
  index: string | null;
  lower: unknown;
  /** The entries it gave: their chain's device (or 'own'). */
  devices: string[];
}

/** A raw connection of its own that records what each read of the log gave. */
function countingConnection(name: string, reads: LogRead[]): ConsentbookDB {
  const deviceOf = (e: { origin?: string }) => (e.origin ? splitOrigin(e.origin).device : 'own');
  return new ConsentbookDB(name, { raw: true }).use(
    tableSpy('count-log-reads', -10, (table, tableName) =>
      tableName !== 'auditLog' && tableName !== 'auditSegments'
        ? {}
        : {
            query: async (req) => {
              const res = await table.query(req);
              if (!req.values) return res;
              const records = res.result as { origin?: string; entries?: { origin?: string }[] }[];
              const entries = records.flatMap((r) => (tableName === 'auditSegments' ? r.entries! : [r]));
              const index = req.query.index.isPrimaryKey ? null : req.query.index.name;
              reads.push({ table: tableName, index, lower: req.query.range.lower, devices: entries.map(deviceOf) });
              return res;
            },
          },
    ),
  );
}

/** A verdict as the screens name it: all but the count of entries verified. */
const named = (v: ChainVerdict) => {
  const { count: _c, ...rest } = v;
  return rest;
};

describe('the Übersicht’s check goes on with the other devices’ chains', () => {
  it('reads a broken chain again by its indexes, not the whole log, and names it as the whole check does', async () => {
    const book = await teamBook();
    const before = await firstCheck(book.raw, book.key);
    await book.own(2);
    await book.arrive('laptop', book.written('laptop', 3));
    await book.arrive('tablet', book.written('tablet', 5));
    await book.own(1);
    // Tablet's entry 13 changed after it arrived, below the app.
    const changed = await book.stored('tablet', 13);
    const segment = (await book.raw.auditSegments.toArray()).find((s) =>
      s.entries.some((e) => e.hash === changed.hash),
    )!;
    await book.raw.auditSegments.put({
      ...segment,
      entries: segment.entries.map((e) => (e.hash === changed.hash ? { ...e, purposeName: 'geändert' } : e)),
    });
    const whole = await verifyAuditLog(book.db);
    expect(whole).toMatchObject({ ok: false, problem: 'changed', device: 'tablet', chainSeq: 13 });

    const reads: LogRead[] = [];
    const counting = countingConnection(book.db.name, reads);
    const since = await checkSince(counting, before.head, book.key, {
      run: 1_000,
      others: before.others,
      through: before.through,
    });
    counting.close();
    expect(named(since)).toEqual(named(whole));
    // The log is read from where the check began (segments reaching into it), never from its start…
    const byPlace = reads.filter((r) => !r.index);
    expect(byPlace.every((r) => (r.lower as number) >= before.head.lastSeq - SEGMENT_MAX)).toBe(true);
    // …and tablet's chain once more, whole, by its own indexes: nothing of laptop's or this device's.
    const again = reads.filter((r) => r.index).flatMap((r) => r.devices);
    expect(again).toEqual(Array(15).fill('tablet'));
  });

  it('reads a chain whose entries came out of order again once, and goes on with it and the others', async () => {
    const book = await teamBook();
    const before = await firstCheck(book.raw, book.key);
    await book.own(1);
    const [earlier, later] = [book.written('tablet', 4), book.written('tablet', 4)];
    // Tablet's 15–18 arrive before its 11–14, runs apart.
    await book.arrive('tablet', later);
    await book.own(3);
    await book.arrive('laptop', book.written('laptop', 2));
    await book.arrive('tablet', earlier);
    await book.own(1);
    const whole = await verifyAuditLog(book.db);
    expect(whole.ok).toBe(true);

    const reads: LogRead[] = [];
    const counting = countingConnection(book.db.name, reads);
    const since = await checkSince(counting, before.head, book.key, {
      run: 2,
      others: before.others,
      through: before.through,
    });
    counting.close();
    expect(since).toEqual(whole);
    const byPlace = reads.filter((r) => !r.index);
    expect(byPlace.every((r) => (r.lower as number) >= before.head.lastSeq - SEGMENT_MAX)).toBe(true);
    // Tablet's chain read once (its 11–14, reached later, were verified with it), laptop's never.
    expect(reads.filter((r) => r.index).flatMap((r) => r.devices)).toEqual(Array(18).fill('tablet'));
  });

  it('reads no chain again when nothing changed: the entries read before pass, new ones go on from their head', async () => {
    const book = await teamBook();
    const before = await firstCheck(book.raw, book.key);
    const reads: LogRead[] = [];
    const counting = countingConnection(book.db.name, reads);
    const options = { run: 2, others: before.others, through: before.through };
    let again: VerifiedRun | undefined;
    expect(await checkSince(counting, before.head, book.key, { ...options, onRun: (v) => (again = v) })).toEqual(
      await verifyAuditLog(book.db),
    );
    await book.arrive('laptop', book.written('laptop', 2));
    const { others, through } = again!;
    expect(await checkSince(counting, again!.head, book.key, { run: 2, others, through })).toEqual(
      await verifyAuditLog(book.db),
    );
    counting.close();
    expect(reads.filter((r) => r.index)).toEqual([]);
  });

  // A second entry at a place of a chain verified before, put into the log past sync (the feed
  // refuses another version of an entry held and skips one held already).
  const taken: [string, number, (book: Awaited<ReturnType<typeof teamBook>>) => Promise<unknown>][] = [
    ['a copy of a verified entry, appended', 3, async (b) => b.arrive('tablet', [await b.asWritten('tablet', 3)])],
    ['a copy of the verified head, appended', 10, async (b) => b.arrive('tablet', [await b.asWritten('tablet', 10)])],
    [
      'another version of a verified entry, keyed, appended',
      3,
      async (b) => {
        const { hash: _h, ...entry } = await b.asWritten('tablet', 3);
        const other = { ...entry, purposeName: 'umgeschrieben' };
        return b.arrive('tablet', [{ ...other, hash: entryHash(other, b.key) }]);
      },
    ],
    ['a copy as a single record', 3, async (b) => b.arrive('tablet', [await b.asWritten('tablet', 3)], 'single')],
    [
      'a copy in a segment not in the chain’s index',
      3,
      async (b) => b.arrive('tablet', [await b.asWritten('tablet', 3)], 'unindexed'),
    ],
  ];
  for (const [what, at, put] of taken)
    it(`names ${what} as the whole check does`, async () => {
      const book = await teamBook();
      for (const run of [2, 100])
        expect(await verifyAuditLogSinceLastCheck(book.db, { run })).toMatchObject({ ok: true });
      await book.arrive('laptop', book.written('laptop', 2));
      await put(book);
      const whole = await verifyAuditLog(book.db);
      // Named at the place it doubles: what stands between the entry there and its copy was put in.
      expect(whole).toMatchObject({ ok: false, problem: 'inserted', device: 'tablet', chainSeq: at });
      expect(named(await verifyAuditLogSinceLastCheck(book.db, { run: 2 }))).toEqual(named(whole));
    });
});
