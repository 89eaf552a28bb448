import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Browser tests: Node drives the system Chromium (playwright-core) against the production build
// served by `vite preview` (started once in the global setup). As many files at a time as the machine
// has cores: one file alone keeps 1.3–1.5 cores busy (permissions.test.ts: 45 s of CPU in 33 s of
// wall — the app's renderer, Chromium's browser process and playwright's client), so on CI's 2 cores
// four files at a time beside the unit tests and lint only queued them (a load of 20) until steps
// waiting 15 s timed out. Every worker shares one browser across its files and every test gets its
// own context; servers, displays and profiles each take a free port or a temporary folder, so files
// do not meet.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/globalSetup.ts'],
    fileParallelism: true,
    maxWorkers: availableParallelism(),
    // A worker runs file after file in one process: isolated, every file paid a new process and a
    // fresh import of playwright-core and axe-core, about 1 s of CPU a file, and could not keep the
    // worker's browser (helpers.ts, sharedBrowser). The files share nothing else.
    isolate: false,
    // A guard against a hang, not a speed check: every step waits up to 30 s on its own (helpers.ts),
    // and several files at a time beside the unit tests stretch the longest tests (overview.test.ts's
    // one test took 36 s on CI two at a time; on a shared machine at a load of 24, three ran past 60 s).
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
