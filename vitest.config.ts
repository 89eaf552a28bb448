import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit and integration tests: Node with fake-indexeddb (loaded in tests/setup.ts).
export default defineConfig({
  // PouchDB's IndexedDB adapter does not run on fake-indexeddb: the sync tests keep the replica in memory.
  resolve: {
    alias: [
      { find: /^\.\/localAdapter$/, replacement: new URL('./tests/syncLocalAdapter.ts', import.meta.url).pathname },
    ],
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
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
  },
});
