import { defineConfig } from 'vitest/config';

/**
 * The suite against the real upstream OpenStack servers of ../shared/oracles
 * (npm run test:real-servers; not part of npm test). Each file starts its own oracles.
 */
export default defineConfig({
  test: {
    include: ['suites/real-servers/**/*.test.ts'],
    // Starting an oracle takes seconds and a run tens of them; shared CI machines are slow. No timing assertions.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    setupFiles: ['suites/support/turn-between-tests.ts'],
  },
});
