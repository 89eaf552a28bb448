import { defineConfig } from 'vitest/config';

// Browser tests: Node drives the system Chromium (playwright-core) against the production build
// served by `vite preview` (started once in the global setup). Files run one after another: the
// machine has two cores and every file launches a browser.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
