import { defineConfig } from 'vitest/config';

// Browser tests: Node drives the system Chromium (playwright-core) against the production build
// served by `vite preview` (started once in the global setup). Three files at a time: a file keeps
// about half a core busy over its run (sync.test.ts 58 s of CPU in 120 s, persons.test.ts 30 s in
// 62 s, keptDrafts.test.ts 32 s in 65 s — the rest is waiting on IndexedDB, timers and the
// network), so two at a time left a 2-core machine about half idle. Every file launches its own
// browser and every test its own context; servers, displays and profiles each take a free port or
// a temporary folder, so files do not meet.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/globalSetup.ts'],
    fileParallelism: true,
    maxWorkers: 3,
    // A guard against a hang, not a speed check: every step waits up to 15 s on its own (helpers.ts),
    // and three files at a time beside lint stretch the longest tests (overview.test.ts's one test
    // took 36 s on CI two at a time; on a shared machine at a load of 24, three tests ran past 60 s).
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
