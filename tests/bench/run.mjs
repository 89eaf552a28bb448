#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --out results.json] [-- --scale 1000,10000,100000] [-- --only signin,save]`
 *
 * Builds the app plus the bench page (bench.html → src/bench/main.ts) into a private temporary
 * directory — not dist/, which other builds (npm test) may rewrite while the bench runs — serves
 * it with Vite's preview() on a free port, and drives the system Chromium in a fresh profile:
 * the bench page fills the app's own database and measures inside the page; the real app
 * (index.html, same origin and database) gives the list and cold-start figures. Every figure is
 * the median of several runs. Progress goes to stderr, one line per figure to stdout.
 *
 * Encryption's cost: the app's database is encrypted at rest. A second database gets the same
 * persons without the sealing layer, and the save and list figures are measured on both; the
 * `_unencrypted_ratio` rows are sealed ÷ unsealed (budget 1.2 ×).
 *
 * `--scale a,b,c` measures everything at each number of persons (10 audit entries per person), each
 * in a fresh browser profile, prints each figure at each size and writes docs/bench-growth.svg
 * (tests/bench/chart.mjs) — how each figure grows, and whether it stays flat.
 *
 * Sync (issue 19): the local sync server (tests/syncServer.mjs, its process ended after) and two
 * devices — two browser profiles. Device A fills the quick bench's book (10,000 persons, 100,000
 * audit entries) and pushes it; `sync_initial_10k_ms` is device B joining (the whole pull) plus
 * signing in until the first rows of its list show persons; `sync_change_ms` is a save on A until
 * B's open list shows it (median of 20).
 *
 * `--only a,b` measures some groups of figures alone (the full run, without it, measures all):
 * - `signin`: first_rows_after_signin_ms, list_after_signin_ms and its unencrypted twin,
 *   list_first_rows_ms, cold_start_offline_ms, search_ms, worklist_ms, and longest_task_ms while
 *   the directory loads and its image is written (the write before the figures: `settle`);
 * - `save`: save_overhead_ratio and save_ms_p95 with their unencrypted twins;
 * - `export`: export_all_json_ms and its heap peak, longest_task_ms while it runs;
 * - `import`: import_10k_vcards_ms, import_write_ratio, longest_task_ms while it writes;
 * - `pdf`: access_pdf_ms; `bundle`: initial_js_gzip_kb; `sync`: the two sync figures.
 * The book is filled as in a full run whenever a group other than bundle or sync is named (the
 * unencrypted comparison database only for signin and save).
 *
 * `--book DIR` (for working on one figure; never for the figures the README reports): the first run
 * at a size fills as usual — both databases — and keeps the filled browser profile and the fill's
 * result in DIR/<persons>/; later runs with the same DIR copy that profile instead of filling (the
 * copy is measured, so saves and imports never grow the kept book). IndexedDB belongs to an origin,
 * so the server's port is kept in DIR/port and reused (a bench on a copy of DIR waits while another
 * holds the port). Delete DIR when the stored format changes (a
 * schema or a sealed layout a new build would not read as the fill wrote it).
 *
 * `--trace DIR` (for finding where a figure's time goes; its figures are slower than untraced —
 * a save ~1.5 ×, the export ~2 × — so never for the figures the README reports): the sealed
 * book's save loop and the export's runs are each recorded in a Chromium trace of every process
 * and thread (IndexedDB's sequence in the browser, the page, the workers; with JavaScript's CPU
 * samples), written as DIR/save.trace.json and DIR/export.trace.json — open them in Perfetto or
 * DevTools' Performance panel. The bench page marks each save (`saveStart`/`saveEnd`) and each
 * export run (`exportStart`/`exportEnd`) in the page's user timing, so one can be found in them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { growth, growthChart } from './chart.mjs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { startSyncServer } from '../syncServer.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    scale: { type: 'string' },
    only: { type: 'string' },
    book: { type: 'string' },
    trace: { type: 'string' },
  },
});
/** `--trace DIR`: the save loop and the export recorded in Chromium traces there. */
const TRACE_DIR = args.trace ? resolve(args.trace) : null;
/** What a trace records: IndexedDB's own events, the tasks and messages between processes, JavaScript's samples. */
const TRACE_CATEGORIES = [
  'IndexedDB',
  'toplevel',
  'mojom',
  'devtools.timeline',
  'blink.user_timing',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
];
/** `--book DIR`: the filled profile of each size kept in DIR/<persons>/ and copied instead of filling anew. */
const BOOK = args.book ? resolve(args.book) : null;
/** `--only` groups → the figures each measures (a figure in no group is measured by the full run only). */
const GROUPS = {
  signin: [
    'first_rows_after_signin_ms',
    'list_after_signin_ms',
    'list_after_signin_ms_unencrypted',
    'list_first_rows_ms',
    'cold_start_offline_ms',
    'search_ms',
    'worklist_ms',
    'overview_clocks_after_signin_ms',
    'overview_after_signin_ms',
    'overview_audit_checked_ms',
    'register_shown_ms',
  ],
  save: [
    'save_overhead_ratio',
    'save_ms_p95',
    'save_idb_floor_ratio',
    'save_overhead_ratio_unencrypted',
    'save_ms_p95_unencrypted',
  ],
  export: ['export_all_json_ms', 'export_all_json_heap_mb'],
  import: ['import_10k_vcards_ms', 'import_write_ratio'],
  pdf: ['access_pdf_ms'],
  bundle: ['initial_js_gzip_kb'],
  sync: ['sync_initial_10k_ms', 'sync_change_ms'],
};
/** The longest-task phase each group measures, and what runs then (longest_task_ms: those of the groups measured). */
const TASK_PHASES = {
  signin: 'the directory loads and its image is written',
  import: 'an import writes',
  export: 'an export runs',
};
const ONLY = args.only?.split(',').map((g) => g.trim());
for (const g of ONLY ?? [])
  if (!(g in GROUPS)) throw new Error(`--only: "${g}" is none of ${Object.keys(GROUPS).join(', ')}`);
/** Whether a group is measured: every group in a full run, the named ones with --only. */
const want = (group) => !ONLY || ONLY.includes(group);
const SYNC_ONLY = ONLY?.length === 1 && ONLY[0] === 'sync';
/** The book in the bench page is filled only for groups that measure on it. */
const NEEDS_BOOK = ['signin', 'save', 'export', 'import', 'pdf'].some(want);
const QUICK = args.quick || SYNC_ONLY;
const SIZES = args.scale
  ? args.scale.split(',').map((n) => {
      const persons = Number(n.replace(/_/g, ''));
      if (!Number.isInteger(persons) || persons < 100) throw new Error(`--scale: "${n}" is not a number of persons`);
      return persons;
    })
  : [QUICK ? 10_000 : 100_000];
const scaleOf = (persons) => ({ persons, auditEntries: 10 * persons });
const CHART = 'docs/bench-growth.svg';
const RUNS = QUICK
  ? { saves: 40, worklist: 5, search: 3, pdf: 3, export: 3, import: 1, list: 3, cold: 3 }
  : { saves: 100, worklist: 5, search: 5, pdf: 3, export: 2, import: 3, list: 5, cold: 5 };
/** Must match BENCH_ADMIN in src/bench/main.ts. Far-over-budget figures (export, import) stop after one run. */
const ADMIN = { name: 'bench', passphrase: 'bench-passphrase-2024' };
/** Figures measured on the unencrypted comparison database too: sealed ÷ unsealed ≤ 1.2 ×. */
const COMPARED = ['save_overhead_ratio', 'save_ms_p95', 'list_after_signin_ms'];
const ENCRYPTION_RATIO_BUDGET = 1.2;

/** name → [budget, unit]; the order is the order of the report. */
const BUDGETS = {
  save_overhead_ratio: [1.5, '×'],
  save_ms_p95: [15, 'ms'],
  worklist_ms: [250, 'ms'],
  list_first_rows_ms: [300, 'ms'],
  first_rows_after_signin_ms: [300, 'ms'],
  list_after_signin_ms: [1000, 'ms'],
  search_ms: [100, 'ms'],
  access_pdf_ms: [1500, 'ms'],
  export_all_json_ms: [8000, 'ms'],
  export_all_json_heap_mb: [300, 'MB'],
  import_10k_vcards_ms: [5000, 'ms'],
  import_write_ratio: [3, '×'],
  longest_task_ms: [200, 'ms'],
  cold_start_offline_ms: [1500, 'ms'],
  initial_js_gzip_kb: [180, 'KB'],
  sync_initial_10k_ms: [60000, 'ms'],
  sync_change_ms: [2000, 'ms'],
};
/**
 * name → [unit, what it is]: figures with no budget of their own, reported beside the budgets — the
 * physical limit a budgeted ratio is measured against, and what a user waits for that no budget
 * names yet (the Übersicht, where the app lands after a sign-in).
 */
const LIMITS = {
  save_idb_floor_ratio: ['×', "save_overhead_ratio's floor: the save's writes in raw IndexedDB, no app code"],
  overview_clocks_after_signin_ms: [
    'ms',
    'the Übersicht after a sign-in: its clocks shown (open requests, breach clocks, backup), the persons still counted',
  ],
  overview_after_signin_ms: [
    'ms',
    "the Übersicht after a sign-in: the persons' figures shown, the audit log checked apart",
  ],
  overview_audit_checked_ms: [
    'ms',
    'the Übersicht after a sign-in: the whole audit log checked (in its worker, runs read side by side)',
  ],
  register_shown_ms: [
    'ms',
    'the Verzeichnis from its link, after the Übersicht: the register shown (every person and record read, the log checked apart)',
  ],
};
/** The sync figures' book (the quick bench's, whatever the size measured) and saves. */
const SYNC_BOOK = { persons: 10_000, auditEntries: 100_000 };
const SYNC_CHANGES = 20;

const progress = (m) => process.stderr.write(`${m}\n`);
/** The figures of the size being measured (name → measurement); one map per size. */
let figures = new Map();
function record(name, m) {
  figures.set(name, m);
  progress(
    `  ${name}: ${m.value ?? 'n/a'} ${m.unit ?? ''}${m.note ? `  — ${m.note}` : ''}${m.details ? `  ${JSON.stringify(m.details)}` : ''}`,
  );
}
/** A figure that fails to run is reported n/a with the error, and the bench goes on. */
async function attempt(names, fn) {
  try {
    await fn();
  } catch (e) {
    const reason = `failed: ${String(e?.message ?? e)
      .split('\n')[0]
      .slice(0, 200)}`;
    for (const n of names) record(n, { value: null, unit: BUDGETS[n]?.[1], note: reason });
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
/** A figure in milliseconds: the median of its runs, each run kept in the details. */
const recordMedianMs = (name, times, note, details = {}) =>
  record(name, {
    value: round1(median(times)),
    unit: 'ms',
    note,
    details: { runs: times.map(round1).join(' '), ...details },
  });

const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'consentbook-bench-'));
const outDir = join(work, 'dist');
let server;
let context;
const bySize = new Map();
let fill;
let chromiumVersion;
try {
  // --- build -------------------------------------------------------------------------------
  progress(
    `bench: ${QUICK ? 'quick' : 'full'} — ${SIZES.map((n) => n.toLocaleString('en')).join(', ')} persons, 10 audit entries each`,
  );
  // The app alone first, to learn its start chunk's modules: with the bench page beside it, the
  // start group (vite.config.ts) would also take in what the bench page imports at once, and the
  // app measured here would load more than the app users get.
  const appStart = new Set();
  await build({
    logLevel: 'warn',
    build: { outDir: join(work, 'app-alone'), emptyOutDir: true },
    plugins: [
      {
        name: 'bench-app-start',
        generateBundle(_, bundle) {
          for (const chunk of Object.values(bundle))
            if (chunk.type === 'chunk' && chunk.name === 'start')
              for (const id of Object.keys(chunk.modules)) appStart.add(id);
        },
      },
    ],
  });
  globalThis.consentbookAppStart = appStart;
  await build({
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { index: resolve('index.html'), bench: resolve('bench.html') } },
    },
  });
  delete globalThis.consentbookAppStart;

  // The JavaScript the app loads at start: the entry script and its modulepreloads, gzipped as served.
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const gz = initial.map((f) => gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length);
  const initialJs = {
    value: round1(gz.reduce((a, b) => a + b, 0) / 1024),
    unit: 'KB',
    details: Object.fromEntries(initial.map((f, i) => [f, round1(gz[i] / 1024)])),
  };

  const keptPort = BOOK && existsSync(join(BOOK, 'port')) ? Number(readFileSync(join(BOOK, 'port'), 'utf8')) : 0;
  // A kept book's port may be another bench's (a copy of the same book): wait for it, up to 20 minutes.
  for (let waited = 0; ; waited += 15) {
    try {
      server = await preview({
        logLevel: 'warn',
        build: { outDir },
        preview: { host: '127.0.0.1', port: keptPort, strictPort: keptPort !== 0, open: false },
      });
      break;
    } catch (e) {
      if (!keptPort || waited >= 20 * 60) throw e;
      progress(`port ${keptPort} is in use (another bench on a copy of this book?): waiting …`);
      await new Promise((r) => setTimeout(r, 15_000));
    }
  }
  const port = server.httpServer.address().port;
  if (BOOK && !keptPort) {
    mkdirSync(BOOK, { recursive: true });
    writeFileSync(join(BOOK, 'port'), String(port));
  }
  const base = `http://127.0.0.1:${port}/`;
  for (const persons of SIZES) {
    figures = new Map();
    progress(`— ${persons.toLocaleString('en')} persons —`);
    if (want('bundle')) record('initial_js_gzip_kb', initialJs);
    if (NEEDS_BOOK) {
      await measureAt(base, scaleOf(persons));
      await context.close();
      context = undefined;
    }
    // Measured on their own book, once: reported with the first size.
    if (persons === SIZES[0] && want('sync')) await measureSync(base);
    bySize.set(persons, figures);
  }

  // --- report ------------------------------------------------------------------------------------
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown';
  const machine = { nproc: availableParallelism(), cpu, chromium: chromiumVersion, node: process.version };
  // With --only: the rows of the groups measured (longest_task_ms when a group has a phase of it).
  const reported = (name) =>
    !ONLY ||
    ONLY.some((g) => GROUPS[g].includes(name)) ||
    (name === 'longest_task_ms' && ONLY.some((g) => g in TASK_PHASES));
  const rowsAt = (figs) =>
    [
      ...Object.entries(BUDGETS).map(([name, [budget, unit]]) => row(figs, name, unit, budget)),
      ...COMPARED.map((name) => row(figs, `${name}_unencrypted_ratio`, '×', ENCRYPTION_RATIO_BUDGET)),
      ...Object.entries(LIMITS).map(([name, [unit, what]]) => ({ ...row(figs, name, unit, null), what })),
    ].filter((r) => reported(r.name) || reported(r.name.replace(/_ratio$/, '')));
  const sizes = [...bySize.keys()];
  const rowsBySize = new Map(sizes.map((n) => [n, rowsAt(bySize.get(n))]));
  if (sizes.length === 1) {
    for (const r of rowsBySize.get(sizes[0])) {
      const budget =
        r.budget === null ? `(${r.what}; no budget)` : `(budget ≤ ${r.budget.toLocaleString('en')} ${r.unit})`;
      if (r.value === null) console.log(`${r.name}: n/a (${r.note}) ${budget}`);
      else console.log(`${r.name}: ${r.value.toLocaleString('en')} ${r.unit} ${budget}${r.over ? ' OVER BUDGET' : ''}`);
    }
  } else {
    const series = rowsBySize.get(sizes[0]).map((r, i) => ({
      name: r.name,
      unit: r.unit,
      budget: r.budget,
      points: sizes.map((persons) => ({ persons, value: rowsBySize.get(persons)[i].value })),
    }));
    console.log(`figure: ${sizes.map((n) => `${n.toLocaleString('en')} persons`).join(' | ')} (budget) growth`);
    for (const s of series) {
      const values = s.points.map((p) => (p.value === null ? 'n/a' : `${p.value.toLocaleString('en')} ${s.unit}`));
      console.log(
        `${s.name}: ${values.join(' | ')} (${s.budget === null ? 'no budget' : `≤ ${s.budget.toLocaleString('en')} ${s.unit}`}) ${growth(s.points)}`,
      );
    }
    const drawn = series.filter((s) => s.name !== 'initial_js_gzip_kb' && s.points.some((p) => p.value !== null));
    writeFileSync(
      CHART,
      growthChart(drawn, {
        title: `Consentbook bench: figures by number of persons (${machine.nproc} cores, Chromium ${chromiumVersion})`,
      }),
    );
    progress(`chart: ${CHART}`);
  }
  const result = {
    mode: SYNC_ONLY ? 'sync' : QUICK ? 'quick' : 'full',
    only: ONLY ?? null,
    sizes: sizes.map(scaleOf),
    runs: RUNS,
    machine,
    fill,
    seconds: Math.round((Date.now() - started) / 1000),
    figures: sizes.length === 1 ? rowsBySize.get(sizes[0]) : Object.fromEntries(rowsBySize),
  };
  if (args.out) writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
  progress(`bench done in ${result.seconds} s on ${machine.nproc} × ${cpu}, Chromium ${chromiumVersion}`);
} finally {
  await context?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
}

function row(figs, name, unit, budget) {
  const m = figs.get(name) ?? { value: null, note: 'not measured' };
  const over = m.value !== null && budget !== null && m.value > budget;
  return { name, value: m.value, unit, budget, over, note: m.note, details: m.details };
}

function profileDir(name) {
  return join(work, `profile-${name}`);
}

/** `fn` run while Chromium traces every process (with --trace; otherwise just run), the trace kept as DIR/<name>.trace.json. */
async function traced(page, name, fn) {
  if (!TRACE_DIR) return fn();
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES },
  });
  try {
    return await fn();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    mkdirSync(TRACE_DIR, { recursive: true });
    const file = join(TRACE_DIR, `${name}.trace.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    progress(`  trace: ${file} (${events.length.toLocaleString('en')} events)`);
  }
}

/** A browser on a fresh profile of its own (a device). */
function launchProfile(name) {
  return chromium.launchPersistentContext(profileDir(name), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // performance.memory in whole bytes (not bucketed), and gc() so heap figures start from a collected heap.
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
}

/** The bench page (window.__bench) in a browser. */
async function openBenchPage(browserContext, base) {
  const page = await browserContext.newPage();
  // The user agent says 156.0.0.0 (reduced); the DevTools protocol gives the full version (also
  // when only the sync figures run, with no page of measureAt's).
  chromiumVersion ??= (await (await browserContext.newCDPSession(page)).send('Browser.getVersion')).product.replace(
    /^\D*\//,
    '',
  );
  page.on('console', (m) => m.text().startsWith('[bench]') && progress(`  ${m.text()}`));
  page.on('pageerror', (e) => progress(`  page error: ${e.message}`));
  await page.goto(`${base}bench.html`);
  await page.waitForFunction(() => !!window.__bench);
  return page;
}

/** Everything measured at one size, in a fresh browser profile (figures go to `figures`). */
async function measureAt(base, SCALE) {
  const kept = BOOK && join(BOOK, String(SCALE.persons));
  const benchPage = () => openBenchPage(context, base);
  let page;
  if (kept && existsSync(join(kept, 'fill.json'))) {
    progress(`the kept book ${kept} …`);
    cpSync(join(kept, 'profile'), profileDir(SCALE.persons), { recursive: true });
    // A service worker kept from an earlier run would serve that run's build, not this one.
    rmSync(join(profileDir(SCALE.persons), 'Default', 'Service Worker'), { recursive: true, force: true });
    context = await launchProfile(SCALE.persons);
    page = await benchPage();
    fill = JSON.parse(readFileSync(join(kept, 'fill.json'), 'utf8'));
    await page.evaluate(() => window.__bench.signIn());
    if (want('signin') || want('save')) await page.evaluate(() => window.__bench.signInUnencrypted());
  } else {
    context = await launchProfile(SCALE.persons);
    page = await benchPage();
    // --- fill and the data-layer figures, in the bench page ----------------------------------------
    progress('fill …');
    fill = await page.evaluate((o) => window.__bench.fill(o), SCALE);
    progress(`  filled in ${(fill.ms.total / 1000).toFixed(1)} s: ${JSON.stringify(fill)}`);
    // The twins of the sign-in and save figures need the comparison database (a kept book has it always).
    if (kept || want('signin') || want('save')) {
      progress('fill the unencrypted comparison database …');
      // The same persons; only the audit entries the fill's story needs (they do not change save or list).
      const plainFill = await page.evaluate((o) => window.__bench.fillUnencrypted(o), {
        persons: SCALE.persons,
        auditEntries: 'fewest',
      });
      progress(`  filled in ${(plainFill.ms.total / 1000).toFixed(1)} s`);
    }
    if (kept) {
      // A closed browser's profile is consistent on disk; the figures are measured in the profile
      // as it was, signed in again.
      await context.close();
      rmSync(kept, { recursive: true, force: true });
      mkdirSync(kept, { recursive: true });
      cpSync(profileDir(SCALE.persons), join(kept, 'profile'), { recursive: true });
      writeFileSync(join(kept, 'fill.json'), JSON.stringify(fill));
      progress(`  kept in ${kept}`);
      context = await launchProfile(SCALE.persons);
      page = await benchPage();
      await page.evaluate(() => window.__bench.signIn());
      if (want('signin') || want('save')) await page.evaluate(() => window.__bench.signInUnencrypted());
    }
  }

  // Each directory built and its image written first, as an earlier session leaves the book: the
  // one-time write would otherwise run in idle time inside the next figures (it did, in the export's).
  progress(`settled: ${JSON.stringify(await page.evaluate(() => window.__bench.settle()))}`);
  if (want('signin')) {
    await attempt(['worklist_ms'], async () =>
      record(
        'worklist_ms',
        await page.evaluate(([r, e]) => window.__bench.worklist(r, e), [RUNS.worklist, fill.expectedWorklist]),
      ),
    );
    await attempt(['search_ms'], async () =>
      record('search_ms', await page.evaluate((r) => window.__bench.search(r), RUNS.search)),
    );
  }
  if (want('pdf'))
    await attempt(['access_pdf_ms'], async () =>
      record(
        'access_pdf_ms',
        await page.evaluate(([id, r]) => window.__bench.accessPdf(id, r), [fill.targetPersonId, RUNS.pdf]),
      ),
    );
  if (want('export'))
    await attempt(['export_all_json_ms', 'export_all_json_heap_mb'], async () => {
      const { time, heap } = await traced(page, 'export', () =>
        page.evaluate(
          ([r, stop]) => window.__bench.exportAll(r, stop),
          [RUNS.export, 2 * BUDGETS.export_all_json_ms[0]],
        ),
      );
      record('export_all_json_ms', time);
      record('export_all_json_heap_mb', heap);
    });
  if (want('signin')) {
    await attempt(['list_after_signin_ms'], async () =>
      record('list_after_signin_ms', await page.evaluate((r) => window.__bench.list(r), RUNS.list)),
    );
    await attempt(['list_after_signin_ms_unencrypted'], async () =>
      record(
        'list_after_signin_ms_unencrypted',
        await page.evaluate((r) => window.__bench.listUnencrypted(r), RUNS.list),
      ),
    );
  }
  // Saves add audit entries; after the read figures, so those see exactly the filled database.
  if (want('save')) {
    await attempt(['save_overhead_ratio', 'save_ms_p95', 'save_idb_floor_ratio'], async () => {
      const { ratio, p95, floor } = await traced(page, 'save', () =>
        page.evaluate((r) => window.__bench.save(r), RUNS.saves),
      );
      record('save_overhead_ratio', ratio);
      record('save_ms_p95', p95);
      record('save_idb_floor_ratio', floor);
    });
    await attempt(['save_overhead_ratio_unencrypted', 'save_ms_p95_unencrypted'], async () => {
      const { ratio, p95 } = await page.evaluate((r) => window.__bench.saveUnencrypted(r), RUNS.saves);
      record('save_overhead_ratio_unencrypted', ratio);
      record('save_ms_p95_unencrypted', p95);
    });
  }
  const longest = await page.evaluate(() => window.__bench.longestTasks());
  await page.evaluate(() => window.__bench.close());
  await page.close();

  // --- the real app: sign in, the person list, cold start offline -------------------------------
  if (want('signin')) {
    const app = await context.newPage();
    app.on('pageerror', (e) => progress(`  app error: ${e.message}`));
    // Land on the person list (the bare address opens the Übersicht).
    await app.goto(`${base}#/personen`);
    await attempt(['first_rows_after_signin_ms'], async () => {
      // The app installed, as on any device whose book holds 100,000 persons: this page is the
      // profile's first visit, whose service worker precaches ~3.7 MB meanwhile (3.5–6 s here),
      // and the sign-ins it overlapped took 300–725 ms against ~200 after.
      const installing = performance.now();
      await app.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      const installMs = performance.now() - installing;
      // A reload drops the keys: each run signs in anew, the directory loading from its stored buckets.
      const times = [];
      for (let i = 0; i < RUNS.list; i++) {
        if (i > 0) await app.reload();
        times.push(await signInToList(app));
      }
      recordMedianMs(
        'first_rows_after_signin_ms',
        times,
        'real app, installed: click "Anmelden" → the first screen of rows shows persons (the directory may still be loading; PBKDF2 included)',
        { service_worker_installed_after_ms: Math.round(installMs) },
      );
    });
    await attempt(
      ['overview_clocks_after_signin_ms', 'overview_after_signin_ms', 'overview_audit_checked_ms'],
      async () => {
        // The bare address lands on the Übersicht; one run (its audit check reads the whole log).
        await app.goto(`${base}#/`);
        await app.reload();
        await app.getByLabel('Benutzer').fill(ADMIN.name);
        await app.getByLabel('Passphrase').fill(ADMIN.passphrase);
        const [clocksMs, figuresMs, checkedMs] = await app.evaluate(async () => {
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Anmelden');
          const t0 = performance.now();
          const when = (found) =>
            new Promise((resolve, reject) => {
              const deadline = t0 + 600_000;
              const check = () => {
                if (found()) return resolve(performance.now() - t0);
                if (performance.now() > deadline) return reject(new Error('not shown within 10 minutes'));
                requestAnimationFrame(check);
              };
              check();
            });
          button.click();
          // The clocks (requests, breaches, backup) show first; the persons' figures when counted.
          const clocks = await when(() => document.querySelector('.overview-grid'));
          const figures = await when(() =>
            document.querySelector('#ov-persons')?.parentElement?.querySelector('.figures'),
          );
          const audit = () => document.querySelector('#ov-audit')?.parentElement;
          const checked = await when(() => audit()?.querySelector('.status-ok, .status-danger'));
          return [clocks, figures, checked];
        });
        record('overview_clocks_after_signin_ms', { value: Math.round(clocksMs), unit: 'ms' });
        record('overview_after_signin_ms', { value: Math.round(figuresMs), unit: 'ms' });
        record('overview_audit_checked_ms', { value: Math.round(checkedMs), unit: 'ms' });
      },
    );
    await attempt(['register_shown_ms'], async () => {
      // From the Übersicht, its check done: the register's persons tallied, its records looked at.
      const t0 = await app.evaluate(() => {
        const t = performance.now();
        location.hash = '#/verzeichnis';
        return t;
      });
      await app.waitForSelector('.register-form', { timeout: 600_000 });
      const shown = await app.evaluate(() => performance.now());
      record('register_shown_ms', { value: Math.round(shown - t0), unit: 'ms' });
    });
    await app.goto(`${base}#/personen`);
    await installFirstRows(app); // the reload above dropped it
    await attempt(['list_first_rows_ms'], async () => {
      const times = [];
      for (let i = 0; i < RUNS.list; i++) {
        await app.evaluate(() => (location.hash = '#/einstellungen'));
        await app.waitForFunction(() => !document.querySelector('main li[aria-posinset]'));
        await app.waitForTimeout(300);
        times.push(
          await app.evaluate(async () => {
            const t0 = performance.now();
            location.hash = '#/personen';
            return (await window.__firstRows()) - t0;
          }),
        );
      }
      recordMedianMs(
        'list_first_rows_ms',
        times,
        'real app: hash change #/einstellungen → #/personen until every row of the first screen shows a person',
      );
    });

    await attempt(['cold_start_offline_ms'], async () => {
      // Offline start needs the service worker in control: installed on the first visit, it controls the next load.
      await app.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await app.reload();
      if (!(await app.evaluate(() => !!navigator.serviceWorker.controller)))
        throw new Error('service worker does not control the page');
      await app.close();
      await context.setOffline(true);
      const forms = [];
      const lists = [];
      for (let i = 0; i < RUNS.cold; i++) {
        const p = await context.newPage();
        await p.goto(`${base}#/personen`, { waitUntil: 'commit' });
        // performance.now() counts from the navigation's start (the page's time origin).
        const formAt = await (await p.waitForFunction(signInFormReady, undefined, { polling: 'raf' })).jsonValue();
        // navigator.onLine may lag behind setOffline in some Chromium builds: ask the network itself.
        const state = await p.evaluate(async () => ({
          controlled: !!navigator.serviceWorker.controller,
          network: await fetch(`/offline-probe-${Date.now()}`, { cache: 'no-store' }).then(
            () => true,
            () => false,
          ),
        }));
        if (!state.controlled || state.network) throw new Error(`not an offline start: ${JSON.stringify(state)}`);
        forms.push(formAt);
        lists.push(await signInToList(p));
        await p.close();
      }
      await context.setOffline(false);
      const total = forms.map((f, i) => f + lists[i]);
      record('cold_start_offline_ms', {
        value: round1(median(total)),
        unit: 'ms',
        note: 'offline, service worker controlled: navigation → sign-in form interactive, plus click "Anmelden" → first rows of the list (typing excluded; PBKDF2 included)',
        details: { navigation_to_signin_form_ms: round1(median(forms)), signin_to_list_ms: round1(median(lists)) },
      });
    });
  }

  // --- import last: it adds persons, which would change the figures above ------------------------
  if (want('import')) {
    page = await benchPage();
    await attempt(['import_10k_vcards_ms', 'import_write_ratio'], async () => {
      await page.evaluate(() => window.__bench.signIn());
      const { time, writeRatio } = await page.evaluate(
        ([r, stop]) => window.__bench.importVcards(r, 10_000, stop),
        [RUNS.import, 2 * BUDGETS.import_10k_vcards_ms[0]],
      );
      record('import_10k_vcards_ms', time);
      record('import_write_ratio', writeRatio);
    });
    Object.assign(longest, await page.evaluate(() => window.__bench.longestTasks()));
    await page.close();
  }
  const [phase, worst] = Object.entries(longest).reduce((a, b) => (b[1] > a[1] ? b : a), ['none', 0]);
  record('longest_task_ms', {
    value: Object.keys(longest).length ? worst : null,
    unit: 'ms',
    note: `longest main-thread task (PerformanceObserver longtask) while ${Object.entries(TASK_PHASES)
      .filter(([group]) => want(group))
      .map(([, what]) => what)
      .join(', ')}; longest in: ${phase}`,
    details: longest,
  });
  for (const name of COMPARED) {
    const sealed = figures.get(name)?.value;
    const plain = figures.get(`${name}_unencrypted`)?.value;
    record(`${name}_unencrypted_ratio`, {
      value: sealed && plain ? Math.round((sealed / plain) * 100) / 100 : null,
      unit: '×',
      note: sealed && plain ? 'sealed ÷ the same figure without encryption at rest, same run' : 'not measured',
      details: { sealed, unencrypted: plain },
    });
  }
}

/** The two sync figures: two devices (profiles) and the local sync server, all ended afterwards. */
async function measureSync(base) {
  progress('sync: the local sync server, two devices …');
  const server = await startSyncServer();
  const devices = [];
  try {
    const config = { serverUrl: server.url, database: 'bench-book', ...server.admin };
    const { username, password } = server.admin;
    const made = await fetch(`${server.url}bench-book`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    });
    if (!made.ok) throw new Error(`sync server: the book's database was not created (${made.status})`);
    const device = async (name) => {
      const browserContext = await launchProfile(`sync-${name}`);
      devices.push(browserContext);
      return browserContext;
    };
    const deviceA = await device('a');
    const pageA = await openBenchPage(deviceA, base);
    progress('sync: fill device A …');
    await pageA.evaluate((o) => window.__bench.fill(o), SYNC_BOOK);
    progress('sync: device A connects and pushes the book …');
    const pushed = await pageA.evaluate((c) => window.__bench.syncConnect(c), config);
    progress(`  pushed in ${(pushed.ms / 1000).toFixed(1)} s`);

    const deviceB = await device('b');
    let appB;
    await attempt(['sync_initial_10k_ms'], async () => {
      const pageB = await openBenchPage(deviceB, base);
      const pullMs = await pageB.evaluate(([c, k]) => window.__bench.syncJoin(c, k), [config, pushed.key]);
      await pageB.close();
      appB = await deviceB.newPage();
      appB.on('pageerror', (e) => progress(`  app error: ${e.message}`));
      await appB.goto(`${base}#/personen`);
      const listMs = await signInToList(appB);
      record('sync_initial_10k_ms', {
        value: round1(pullMs + listMs),
        unit: 'ms',
        note: 'device B joins: the whole pull (replication and applying, in the bench page), then the real app: click "Anmelden" → first rows of its list',
        details: {
          pull_ms: round1(pullMs),
          signin_to_list_ms: round1(listMs),
          first_push_ms_device_a: round1(pushed.ms),
        },
      });
    });
    await attempt(['sync_change_ms'], async () => {
      if (!appB) throw new Error('device B did not join');
      const warmup = 2;
      const times = [];
      for (let i = 0; i < SYNC_CHANGES + warmup; i++) {
        // Sorts before every generated name, the newest first: on top of B's list.
        const name = `Aaaa${99 - i}`;
        const savedAt = await pageA.evaluate(([n, last]) => window.__bench.syncRename(n, last), [i, name]);
        const seen = await appB.waitForFunction(
          (last) =>
            [...document.querySelectorAll('main a[href^="#/personen/"]')].some((a) => a.textContent?.includes(last))
              ? Date.now()
              : false,
          name,
          { polling: 'raf', timeout: 60_000 },
        );
        if (i >= warmup) times.push((await seen.jsonValue()) - savedAt);
      }
      recordMedianMs(
        'sync_change_ms',
        times,
        `a save on device A (a person renamed, with its reason) until device B's open list shows it; median of ${SYNC_CHANGES}`,
      );
    });
  } finally {
    for (const d of devices) await d.close();
    await server.stop();
  }
}

/** In the page: the time (performance.now()) when the sign-in form can be used, or false to keep polling. */
function signInFormReady() {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Anmelden');
  return button && !button.disabled && document.querySelector('input[type="password"]') ? performance.now() : false;
}

/**
 * Fills the sign-in form (typing is not timed), then clicks "Anmelden" inside the page and waits
 * until the first screen of the person list shows persons; returns the milliseconds in between.
 */
async function signInToList(page) {
  await page.getByLabel('Benutzer').fill(ADMIN.name);
  await page.getByLabel('Passphrase').fill(ADMIN.passphrase);
  await page.getByRole('button', { name: 'Anmelden' }).waitFor();
  await installFirstRows(page);
  return page.evaluate(async () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Anmelden');
    const t0 = performance.now();
    button.click();
    return (await window.__firstRows()) - t0;
  });
}

/**
 * window.__firstRows(): resolves with performance.now() at the first animation frame in which the
 * list shows rows and every row in view holds a person (a link), not the "…" placeholder.
 */
async function installFirstRows(page) {
  await page.evaluate(() => {
    window.__firstRows = () =>
      new Promise((resolve, reject) => {
        const deadline = performance.now() + 30_000;
        const check = () => {
          const rows = [...document.querySelectorAll('main li[aria-posinset]')];
          if (rows.length > 0 && rows.every((li) => li.querySelector('a[href^="#/personen/"]')))
            return resolve(performance.now());
          if (performance.now() > deadline) return reject(new Error('no person rows within 30 s'));
          requestAnimationFrame(check);
        };
        check();
      });
  });
}
