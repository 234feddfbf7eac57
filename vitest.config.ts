import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts'],
    // The runs against the real upstream servers have their own project: npm run test:real-servers.
    exclude: [...configDefaults.exclude, 'suites/real-servers/**'],
    // CI machines are shared and noisy: generous per-test limits, no timing assertions.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['suites/support/turn-between-tests.ts'],
  },
});
