import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts'],
    // CI machines are shared and noisy: generous per-test limits, no timing assertions.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
