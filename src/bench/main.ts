/**
 * The bench page (bench.html): the app's own modules on the app's own origin and database, driven
 * by tests/bench/run.mjs through `window.__bench`. Not linked from the app; run.mjs adds it to the
 * build it makes for the bench only.
 */
import { ConsentbookDB, DEFAULT_DB_NAME, openDatabase } from '../data/db';
import { hasUsers, setupAdministrator, signIn, signOut } from '../data/auth';
import type { Session } from '../data/core/session';
import { fillDatabase, type FillOptions, type FillResult } from './fill';
import { longestTasks, watchLongTasks } from './longTasks';
import { directoryOf } from '../data/directory';
import { connectAndPush, joinBook, renameOne } from './sync';
import type { SyncConfig } from '../data/sync';
import { loadLaterMessages } from '../i18n/messages';
import {
  accessPdfFigure,
  exportFigure,
  importFigure,
  listFigure,
  saveFigures,
  searchFigure,
  worklistFigure,
  type Measured,
} from './figures';

/** The comparison database: the same data without the sealing layer (encryption's cost = the difference). */
const UNENCRYPTED_DB_NAME = 'consentbook-bench-unencrypted';

/** Known to run.mjs, which signs in to the real app with it. */
export const BENCH_ADMIN = { name: 'bench', staffNumber: 'B-0001', passphrase: 'bench-passphrase-2024' } as const;

let db: ConsentbookDB | undefined;
let session: Session | undefined;
let plain: { db: ConsentbookDB; session: Session } | undefined;
const log = (m: string) => console.log(`[bench] ${m}`);

function ready(): { db: ConsentbookDB; session: Session } {
  if (!db || !session) throw new Error('Call fill() or signIn() first');
  return { db, session };
}

/** A sign-out and a sign-in as the bench's user: nothing of the unlock before is in memory. */
async function signInAgain(): Promise<Session> {
  signOut(ready().db);
  session = await signIn(ready().db, BENCH_ADMIN.name, BENCH_ADMIN.passphrase);
  return session;
}

function comparison(): { db: ConsentbookDB; session: Session } {
  if (!plain) throw new Error('Call fillUnencrypted() or signInUnencrypted() first');
  return plain;
}

const bench = {
  /** Creates the administrator in the app's database (it must be empty) and fills it. */
  async fill(opts: FillOptions): Promise<FillResult> {
    db = openDatabase(DEFAULT_DB_NAME);
    if (await hasUsers(db))
      throw new Error(`Database ${DEFAULT_DB_NAME} is not empty: the bench needs a fresh browser profile`);
    session = await setupAdministrator(db, BENCH_ADMIN);
    const filled = await fillDatabase(db, session, opts, log);
    // Signing in again loads the key secrets the fill made, as the app's sign-in does.
    session = await signIn(db, BENCH_ADMIN.name, BENCH_ADMIN.passphrase);
    return filled;
  },
  /** For a later bench page in the same profile. */
  async signIn(): Promise<void> {
    db = openDatabase(DEFAULT_DB_NAME);
    session = await signIn(db, BENCH_ADMIN.name, BENCH_ADMIN.passphrase);
  },
  /** A kept book's comparison database (run.mjs --book), as fillUnencrypted left it. */
  async signInUnencrypted(): Promise<void> {
    const plainDb = new ConsentbookDB(UNENCRYPTED_DB_NAME, { sealing: false });
    plain = { db: plainDb, session: await signIn(plainDb, BENCH_ADMIN.name, BENCH_ADMIN.passphrase) };
  },
  /** The same fill in a database of its own without encryption, for the save and list comparison. */
  async fillUnencrypted(opts: FillOptions): Promise<FillResult> {
    const plainDb = new ConsentbookDB(UNENCRYPTED_DB_NAME, { sealing: false });
    plain = { db: plainDb, session: await setupAdministrator(plainDb, BENCH_ADMIN) };
    return fillDatabase(plain.db, plain.session, opts, log);
  },
  save: (runs: number) => saveFigures(ready().db, ready().session, runs),
  list: (runs: number): Promise<Measured> =>
    watchLongTasks('directory', () => listFigure(ready().db, runs, signInAgain)),
  saveUnencrypted: (runs: number) => saveFigures(comparison().db, comparison().session, runs),
  listUnencrypted: (runs: number): Promise<Measured> =>
    listFigure(comparison().db, runs, async () => {
      signOut(comparison().db);
      plain = { db: comparison().db, session: await signIn(comparison().db, BENCH_ADMIN.name, BENCH_ADMIN.passphrase) };
    }),
  worklist: (runs: number, expected: number): Promise<Measured> =>
    worklistFigure(ready().db, ready().session, runs, expected),
  search: (runs: number): Promise<Measured> => searchFigure(ready().db, runs),
  accessPdf: (personId: string, runs: number): Promise<Measured> =>
    accessPdfFigure(ready().db, ready().session, personId, runs),
  // Both watch their long tasks themselves, over the user's wait only (figures.ts).
  exportAll: (runs: number, stopAboveMs: number) => exportFigure(ready().db, signInAgain, runs, stopAboveMs),
  importVcards: (runs: number, cards: number, stopAboveMs: number) =>
    importFigure(ready().db, ready().session, runs, cards, stopAboveMs),
  /** Device A of the sync figures: connects the filled book and waits until it is on the server. */
  syncConnect: (config: SyncConfig) => connectAndPush(ready().db, ready().session, config, log),
  /** Device B of the sync figures (a fresh profile): pulls the book; the pull's milliseconds. */
  syncJoin(config: SyncConfig, key: string): Promise<number> {
    db = openDatabase(DEFAULT_DB_NAME);
    return joinBook(db, config, key, log);
  },
  /** Device A: one save, renaming the index-th person; Date.now() just before it. */
  syncRename: (index: number, lastName: string) => renameOne(ready().db, ready().session, index, lastName),
  /** Phase → the longest main-thread task while it ran (longTasks.ts). */
  longestTasks,
  /**
   * The book as an earlier session leaves it (before any figure): its directory built and its
   * image written (directory/image.ts) — a write a device does once after its first build, in idle
   * time, which would otherwise land inside whichever figure runs then. The comparison database's
   * directory is not loaded here (the export's heap would hold it): its list figure writes its image first.
   */
  async settle(): Promise<{ imageWritten: boolean }> {
    const directory = directoryOf(ready().db);
    await directory.searchReady();
    // The write's own long tasks: it runs in idle time in the app, beside whatever the user does.
    return { imageWritten: await watchLongTasks('image', () => directory.writeImage()) };
  },
  /** For ad-hoc profiling from run.mjs or a console: the app's database and session. */
  handles: () => ready(),
  close(): void {
    db?.close();
    plain?.db.close();
  },
};

export type BenchApi = typeof bench;

declare global {
  interface Window {
    __bench?: BenchApi;
  }
}

// The documents and exports measured here are made from lazy screens in the app, which have
// German's later messages loaded before they render (ui/lazyWithMessages).
await loadLaterMessages();
window.__bench = bench;
