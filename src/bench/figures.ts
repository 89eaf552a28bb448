/**
 * The in-page measurements. Each runs the app's own functions, timed with performance.now(),
 * and returns the median of several runs (p95 where the budget says so) plus the splits that
 * explain it, so a figure over budget points at its cause.
 */
import Dexie from 'dexie';
import { rawConnection, type ConsentbookDB, type StoredPerson } from '../data/db';
import { CURRENT_SCHEMA, SCHEMA_V2 } from '../data/core/schema';
import type { Session } from '../data/core/session';
import { savePerson } from '../data/commands/persons';
import { noReasonPersonIds } from '../data/queries/worklist';
import { checkWorklistFlags } from '../data/commands/worklistCheck';
import { importPersons } from '../data/commands/importPersons';
import { collectAccessReport } from '../data/queries/reports';
import { allPortabilityJson } from '../data/queries/databaseExport';
import { accessReportInput } from '../documents/accessReport';
import { renderPdf } from '../documents/offThread';
import { parseImportFileOffThread } from '../formats/import/offThread';
import { directoryOf, searchPersonIds } from '../data/directory';
import { SEARCH_QUERIES, vcardFile } from './generate';
import { nextTask } from '../data/core/nextTask';
import { lastEntry } from '../data/core/auditEntries';
import { watchLongTasks } from './longTasks';
import { rawSaves } from './saveFloor';

export interface Measured {
  value: number | null;
  unit: string;
  /** Why a figure is n/a, or what exactly was measured. */
  note?: string;
  details?: Record<string, number | string>;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const result = await fn();
  return [result, performance.now() - t];
}

interface MemoryInfo {
  usedJSHeapSize: number;
}
const heapBytes = () => (performance as Performance & { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? NaN;
/** Present when Chromium runs with --js-flags=--expose-gc; lets the heap figures start from a collected heap. */
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * Saves with reason against a plain Dexie put of the same record: a database of its own with the
 * persons table's schema, no middleware, the same 'strict' durability. The baseline table is
 * small; at this size the B-tree depth changes a put by microseconds, the commit's flush is what counts.
 *
 * Saved as in the app, where the person list is open: the directory loaded (and its search
 * index built) first, so each save's time includes the list taking the change, and `--only save`
 * measures the state of a full run (whose sign-in figures leave it loaded).
 *
 * Beside each save, its floor (`floor`): what IndexedDB alone needs for the least a save must
 * store together — the sealed person, its sealed audit entry and the chain's head — in one
 * transaction of the baseline database, with no app code and no reads, its commit requested
 * with the writes (IDBTransaction.commit(): no round trip back to the page before it). No
 * design of the save can go below it; `same requests` is the app's own request set
 * (the two checking reads, the three writes, committed when they are answered), raw. A failure
 * of either leaves the floor n/a with its reason, never the save figures themselves.
 */
export async function saveFigures(
  db: ConsentbookDB,
  session: Session,
  runs: number,
): Promise<{ ratio: Measured; p95: Measured; floor: Measured }> {
  const baseline = new Dexie('consentbook-bench-baseline', { chromeTransactionDurability: 'strict' });
  baseline.version(1).stores({ persons: SCHEMA_V2.persons, auditLog: CURRENT_SCHEMA.auditLog, settings: 'key' });
  const plain = baseline.table<StoredPerson, string>('persons');
  await baseline.open();
  const raw = rawConnection(db);
  const directory = directoryOf(db);
  await directory.searchReady();
  // Its image written too, as an earlier session leaves the book: the one-time write in idle time
  // would otherwise land among the saves (it did, for the comparison database's under --only save).
  await directory.writeImage();
  const warmup = 5;
  const persons = (
    await db.persons
      .where('[natural+purposeId]')
      .equals([1, 'purpose-contract'])
      .limit(runs + warmup + 1)
      .toArray()
  ).slice(1); // [0] may be the report target
  const save: number[] = [];
  const put: number[] = [];
  const floor: number[] = [];
  const sameRequests: number[] = [];
  let floorFailed: string | undefined;
  for (const [i, p] of persons.entries()) {
    const changed = { ...p, phone: `0711 ${String(100000 + i * 37)}` };
    performance.mark('saveStart'); // for a trace (run.mjs --trace); outside what is timed
    const [stored, ms] = await timed(() =>
      // As the person form saves: with the stored version it was loaded from.
      savePerson(db, session, changed, { purposeId: p.purposeId, comment: 'Telefonnummer telefonisch mitgeteilt' }, p),
    );
    performance.mark('saveEnd');
    const [, putMs] = await timed(() => plain.put(stored));
    const raws = floorFailed ? undefined : await rawSaves(raw, baseline.backendDB(), stored.id).catch(failed);
    if (i < warmup) continue;
    save.push(ms);
    put.push(putMs);
    if (raws) {
      floor.push(raws.floorMs);
      sameRequests.push(raws.sameMs);
    }
  }
  baseline.close();
  await Dexie.delete('consentbook-bench-baseline');
  const details = {
    saves: save.length,
    directory_persons: directory.size,
    save_median_ms: round(median(save), 2),
    put_median_ms: round(median(put), 2),
    put_p95_ms: round(percentile(put, 95), 2),
    ...(floorFailed
      ? {}
      : {
          floor_median_ms: round(median(floor), 2),
          same_requests_median_ms: round(median(sameRequests), 2),
          same_requests_ratio: round(median(sameRequests) / median(put), 2),
        }),
  };
  return {
    ratio: {
      value: round(median(save) / median(put), 2),
      unit: '×',
      details,
      note: 'median savePerson (update of a watched field, with reason) ÷ median plain put',
    },
    p95: { value: round(percentile(save, 95), 1), unit: 'ms', details },
    floor: floorFailed
      ? { value: null, unit: '×', note: `failed: ${floorFailed}` }
      : {
          value: round(median(floor) / median(put), 2),
          unit: '×',
          details,
          note: 'median raw IndexedDB save (sealed person put, audit entry add, head put; commit with the writes; no app code, no reads) ÷ median plain put',
        },
  };

  function failed(e: unknown): undefined {
    floorFailed = String(e instanceof Error ? e.message : e).slice(0, 200);
    return undefined;
  }
}

/**
 * The person list after sign-in: the directory opened (its stored buckets reconciled, or every
 * person opened when there are none) and the first screen's 50 rows. Median of `runs`. Each run
 * follows a sign-out and a sign-in (`signInAgain`, not timed), as a user's: nothing of the unlock
 * before is in memory (rebuilt in one unlock, a build found every person's secret held already).
 */
export async function listFigure(
  db: ConsentbookDB,
  runs: number,
  signInAgain: () => Promise<unknown>,
): Promise<Measured> {
  const directory = directoryOf(db);
  // As a session before this sign-in leaves the book: its directory image written (directory/image.ts;
  // the app writes it in idle time once the directory is complete). Where the browser has no
  // origin private file system, none is: the buckets are read.
  await directory.searchReady();
  const imageWritten = await directory.writeImage();
  const builds: number[] = [];
  const searchable: number[] = [];
  const rows: number[] = [];
  const sources = new Set<string>();
  for (let i = 0; i < runs; i++) {
    await signInAgain();
    const start = performance.now();
    await directory.ready();
    builds.push(performance.now() - start);
    await directory.searchReady();
    searchable.push(performance.now() - start);
    sources.add(directory.builtFrom ?? 'none');
    // The list's rows come from the directory itself (PersonList.tsx): no record is read.
    const [, rowsMs] = await timed(() =>
      directory
        .orderedIds()
        .slice(0, 50)
        .map((id) => directory.entry(id)),
    );
    rows.push(rowsMs);
  }
  const total = searchable.map((b, i) => b + rows[i]);
  return {
    value: round(median(total)),
    unit: 'ms',
    details: {
      persons: directory.size,
      built_from: [...sources].join(', '),
      image_written: imageWritten ? 'yes' : 'no',
      directory_build_ms: round(median(builds)),
      search_ready_ms: round(median(searchable)),
      first_50_rows_ms: round(median(rows), 2),
    },
    note: 'a fresh sign-in until the directory is complete and its search index ready (from its image, else its stored buckets, else every person) + the first 50 rows',
  };
}

export async function worklistFigure(
  db: ConsentbookDB,
  session: Session,
  runs: number,
  expected: number,
): Promise<Measured> {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const [ids, ms] = await timed(() => noReasonPersonIds(db));
    times.push(ms);
    count = ids.length;
  }
  // The flag the worklist reads, against the three-table join it replaced (for comparison).
  const [candidates, candidatesMs] = await timed(() =>
    db.persons.where('[natural+purposeId]').equals([1, '']).primaryKeys(),
  );
  const [linked, transactionsMs] = await timed(() => db.transactions.orderBy('personIds').uniqueKeys());
  const [consented, consentsMs] = await timed(() =>
    db.consents.where('[status+personId]').between(['given', Dexie.minKey], ['given', Dexie.maxKey]).keys(),
  );
  // The session's background check of the flags against the records (commands/worklistCheck.ts):
  // a filled book's flags agree, so it repairs nothing.
  const [check, checkMs] = await timed(() => checkWorklistFlags(db, session));
  const note =
    count !== expected
      ? `WRONG RESULT: ${count} persons, expected ${expected}`
      : check.repaired > 0
        ? `WRONG RESULT: the flags' check repaired ${check.repaired}`
        : undefined;
  return {
    value: round(median(times)),
    unit: 'ms',
    note,
    details: {
      persons_on_worklist: count,
      expected,
      [`candidates_${candidates.length}_ms`]: round(candidatesMs),
      [`transaction_links_${linked.length}_ms`]: round(transactionsMs),
      [`given_consents_${consented.length}_ms`]: round(consentsMs),
      [`flags_check_${check.checked}_ms`]: round(checkMs),
    },
  };
}

/** The worst query's median: a budget for searching holds for every query, not for the average. */
export async function searchFigure(db: ConsentbookDB, runs: number): Promise<Measured> {
  const details: Record<string, number> = {};
  for (const q of SEARCH_QUERIES) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < runs; i++) {
      const [result, ms] = await timed(() => searchPersonIds(db, q));
      times.push(ms);
      hits = result.ids.length;
    }
    details[`"${q}" ms`] = round(median(times));
    details[`"${q}" hits`] = hits;
  }
  const worst = Math.max(...SEARCH_QUERIES.map((q) => details[`"${q}" ms`]));
  return {
    value: worst,
    unit: 'ms',
    details,
    note: `searchPersonIds from src/data/directory/search.ts; slowest of ${SEARCH_QUERIES.length} queries (median of ${runs} runs each)`,
  };
}

export async function accessPdfFigure(
  db: ConsentbookDB,
  session: Session,
  personId: string,
  runs: number,
): Promise<Measured> {
  const totals: number[] = [];
  const collects: number[] = [];
  const renders: number[] = [];
  let entries = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const issuedAt = new Date().toISOString();
    const [data, collectMs] = await timed(() => collectAccessReport(db, session, personId));
    // As the app makes it (ui/rights/documents.ts): the same input, rendered in the PDF worker.
    const input = accessReportInput(data, 'de', issuedAt);
    const [pdf, renderMs] = await timed(() => renderPdf({ kind: 'accessReport', input }));
    collects.push(collectMs);
    renders.push(renderMs);
    totals.push(collectMs + renderMs);
    entries = data.auditEntries.length;
    bytes = pdf.byteLength;
  }
  return {
    value: round(median(totals)),
    unit: 'ms',
    details: {
      audit_entries: entries,
      collect_ms: round(median(collects)),
      render_ms: round(median(renders)),
      pdf_kb: round(bytes / 1024),
    },
  };
}

/**
 * The whole-database export into a Blob, the way a download would be built (ui/rights/documents.ts):
 * each page's bytes into a Blob part as they come. The heap is sampled after every page and by a
 * timer, and the peak is reported.
 *
 * Each run follows a sign-out and a sign-in (`signInAgain`, not timed), as a user's export does:
 * no person's key secret is in memory yet (until session 28 the figures before had loaded them
 * all, and a fresh session's export — each page's secrets read one by one — went unmeasured).
 */
export async function exportFigure(
  db: ConsentbookDB,
  signInAgain: () => Promise<Session>,
  runs: number,
  stopAboveMs: number,
): Promise<{ time: Measured; heap: Measured }> {
  const times: number[] = [];
  let peak = 0;
  let baseline = 0;
  let size = 0;
  let persons = 0;
  for (let run = 0; run < runs; run++) {
    const session = await signInAgain();
    // As in a user's day: the directory the sign-in started is complete. Alone (`--only export`) on
    // a kept book whose first sign-in builds it from every person, the export shared the cores
    // with that build (18.8 s against 12.1 s).
    await directoryOf(db).ready();
    gc();
    await nextTask(); // ends the task: the collection's long task is not the export's
    baseline = heapBytes();
    let runPeak = baseline;
    const sample = () => (runPeak = Math.max(runPeak, heapBytes()));
    const timer = setInterval(sample, 25);
    performance.mark('exportStart'); // for a trace (run.mjs --trace)
    const t0 = performance.now();
    // Long tasks are watched over what the user waits for only (not the gc() before).
    const blob = await watchLongTasks('export', async () => {
      const blobs: Blob[] = [];
      persons = 0;
      for await (const part of allPortabilityJson(db, session)) {
        blobs.push(new Blob(part.parts));
        persons += part.persons;
        sample();
      }
      const whole = new Blob(blobs, { type: 'application/json' });
      times.push(performance.now() - t0);
      performance.mark('exportEnd');
      return whole;
    });
    clearInterval(timer);
    sample();
    size = blob.size;
    peak = Math.max(peak, runPeak);
    if (times[0] > stopAboveMs) break; // far over budget: more runs would only cost minutes
  }
  const mb = (b: number) => round(b / 1024 / 1024);
  const details = { runs: times.length, persons, json_mb: mb(size), heap_before_mb: mb(baseline) };
  return {
    time: { value: round(median(times)), unit: 'ms', details },
    heap: {
      value: mb(peak),
      unit: 'MB',
      details,
      note: 'peak performance.memory.usedJSHeapSize during the export (precise memory info)',
    },
  };
}

/**
 * 10,000 new vCards per run (a file of its own each run, so nothing is a duplicate), and what
 * writing them would cost at least: the same sealed records, key groups and audit entries, as stored, put again
 * in one raw transaction (no layers) into the same tables — the physical limit of the write.
 */
export async function importFigure(
  db: ConsentbookDB,
  session: Session,
  runs: number,
  cards: number,
  stopAboveMs: number,
): Promise<{ time: Measured; writeRatio: Measured }> {
  const totals: number[] = [];
  const parses: number[] = [];
  const imports: number[] = [];
  const raws: number[] = [];
  let candidates = 0;
  let problems = 0;
  let fileBytes = 0;
  const raw = rawConnection(db);
  for (let run = 0; run < runs; run++) {
    const bytes = new TextEncoder().encode(vcardFile(cards, run + 1));
    fileBytes = bytes.byteLength;
    await nextTask(); // making the file is not the import's task
    // Long tasks are watched over the parse and the import (what the user waits for), not over
    // making the file or the raw baseline write.
    const [preview, parseMs] = await watchLongTasks('import', () =>
      timed(() => parseImportFileOffThread(`kontakte-${run + 1}.vcf`, bytes)),
    );
    candidates = preview.candidates.length;
    problems = preview.problems.length;
    const before = (await lastEntry(raw))?.seq ?? 0;
    // Marks for a trace of the figure (/work/prof): the import's window and the raw write's.
    performance.mark('importStart');
    const [, importMs] = await watchLongTasks('import', () =>
      timed(() =>
        importPersons(
          db,
          session,
          { fileName: `kontakte-${run + 1}.vcf`, persons: preview.candidates.map((c) => c.person) },
          { purposeId: 'purpose-contract', comment: 'Messekontakte 2024' },
        ),
      ),
    );
    performance.mark('importEnd');
    // What the import wrote, as it wrote it: single entries (none but merges') and segments.
    const [entries, segments] = await Promise.all([
      raw.auditLog.where('seq').above(before).toArray(),
      raw.auditSegments.where('seq').above(before).toArray(),
    ]);
    const ids = [...entries, ...segments.flatMap((s) => s.entries)].map((e) => e.personId);
    // …and the persons' key secrets, a chunk a record (core/personSecrets.ts; a group's id is its first person's).
    const [persons, groups] = await Promise.all([raw.persons.bulkGet(ids), raw.personKeyGroups.bulkGet(ids)]);
    performance.mark('rawStart');
    const [, rawMs] = await timed(() =>
      raw.transaction('rw', [raw.persons, raw.auditLog, raw.auditSegments, raw.personKeyGroups], async () => {
        await raw.persons.bulkPut(persons.filter((p) => !!p));
        if (entries.length) await raw.auditLog.bulkPut(entries);
        await raw.auditSegments.bulkPut(segments);
        await raw.personKeyGroups.bulkPut(groups.filter((g) => !!g));
      }),
    );
    performance.mark('rawEnd');
    parses.push(parseMs);
    imports.push(importMs);
    raws.push(rawMs);
    totals.push(parseMs + importMs);
    if (totals[0] > stopAboveMs) break; // far over budget: more runs would only cost minutes
  }
  const note =
    candidates === cards ? undefined : `only ${candidates} of ${cards} cards became candidates (${problems} problems)`;
  const details = {
    runs: totals.length,
    cards,
    candidates,
    problems,
    parse_ms: round(median(parses)),
    import_ms: round(median(imports)),
    raw_bulk_put_ms: round(median(raws)),
    file_mb: round(fileBytes / 1024 / 1024, 2),
  };
  return {
    time: { value: round(median(totals)), unit: 'ms', note, details },
    writeRatio: {
      value: round(median(imports.map((ms, i) => ms / raws[i])), 2),
      unit: '×',
      details,
      note: 'importPersons ÷ a raw bulkPut of the same sealed persons and audit entries, same run',
    },
  };
}
