import { defineConfig } from 'vitest/config';

// Browser tests: Node drives the system Chromium (playwright-core) against the production build
// served by `vite preview` (started once in the global setup). Two files at a time: a file's browser
// keeps about two thirds of a core busy (the rest is waiting on IndexedDB, timers and the network),
// so on a 2-core machine one file at a time left a core mostly idle. Every file launches its own
// browser and every test its own context; servers, displays and profiles each take a free port or
// a temporary folder, so files do not meet.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/globalSetup.ts'],
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
