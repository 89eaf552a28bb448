import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit and integration tests: Node with fake-indexeddb (loaded in tests/setup.ts).

/** The test files that need the modules loaded afresh: they change a module for everyone who loads it. */
const ISOLATED = [
  // They mock one of the app's modules (vi.mock).
  'tests/unit/takingTurns.test.ts',
  'tests/unit/directoryKeys.test.ts',
  'tests/unit/campaignLettersIssue.test.ts',
  // It registers PouchDB's replication on pouchdb-core's one class, as the app's sync code does
  // (src/data/sync/pouch.ts): a second registration on the same class throws.
  'tests/unit/syncServer.test.ts',
  // It loads the app's modules anew (vi.resetModules): a file after it would load src/data/sync/pouch.ts
  // a second time while pouchdb-core (from node_modules, never reloaded) keeps the first one's plugins.
  'tests/unit/i18n.test.ts',
];

export default defineConfig({
  // PouchDB's IndexedDB adapter does not run on fake-indexeddb: the sync tests keep the replica in memory.
  resolve: {
    alias: [
      { find: /^\.\/localAdapter$/, replacement: new URL('./tests/syncLocalAdapter.ts', import.meta.url).pathname },
    ],
  },
  test: {
    // The files are in the two projects below (their `include`; a root one would be added to each).
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    // Guards against a hang, not speed checks (the bench judges speed): beside four browser files on
    // 2 cores a test's wall time can triple — three tests of a few seconds alone ran past 30 s there.
    testTimeout: 120_000,
    // Starting the sync server (a Node process loading its modules) in a beforeAll took over the 10 s
    // default there.
    hookTimeout: 60_000,
    // Every core: Vitest's default leaves one free, which on a 2-core CI machine is half of it idle.
    maxWorkers: availableParallelism(),
    projects: [
      // One module graph for every file a worker runs: isolated, each of the ~100 files loaded the
      // app's modules anew (alone, one file at a time: 207 s, now 121 s). The files share no state:
      // each test gets a fresh IndexedDB (tests/setup.ts), databases have names of their own, and a
      // file's hooks are registered by the setup file, which runs before every file.
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: ISOLATED, isolate: false },
      },
      // Each of these files loads the modules afresh (see ISOLATED).
      { extends: true, test: { name: 'unit-isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
