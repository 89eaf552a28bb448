import { defineConfig } from 'vitest/config';

// Unit and integration tests: Node with fake-indexeddb (loaded in tests/setup.ts).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
