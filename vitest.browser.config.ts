import { defineConfig } from 'vitest/config';

// Browser tests: Node drives the system Chromium (playwright-core) against the production build
// served by `vite preview` (started once in the global setup). Four files at a time: a file keeps
// about half a core busy over its run (sync.test.ts 58 s of CPU in 120 s, persons.test.ts 30 s in
// 62 s, keptDrafts.test.ts 32 s in 65 s — the rest is waiting on IndexedDB, timers and the
// network), so two at a time left a 2-core machine about half idle; three, with the unit tests
// beside, kept the workers 97 % of the run busy with their files while CPU was still to spare
// (README, Tests). Every file launches its own browser and every test its own context; servers,
// displays and profiles each take a free port or a temporary folder, so files do not meet.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/globalSetup.ts'],
    fileParallelism: true,
    maxWorkers: 4,
    // A worker runs file after file in one process: isolated, every file paid a new process and a
    // fresh import of playwright-core and axe-core, about 1 s of CPU and 4 s of a loaded file's
    // wall (the import was 160–226 s of the files' summed time). The files share no state but
    // what the helpers hand out per call: each launches and closes its own browser.
    isolate: false,
    // A guard against a hang, not a speed check: every step waits up to 15 s on its own (helpers.ts),
    // and several files at a time beside the unit tests stretch the longest tests (overview.test.ts's
    // one test took 36 s on CI two at a time; on a shared machine at a load of 24, three ran past 60 s).
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
