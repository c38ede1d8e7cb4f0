import { defineConfig } from 'vitest/config';

// Each e2e file launches its own Chromium; two cores: run files one after another.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    retry: 0,
  },
});
