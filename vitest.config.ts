import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // Heavy setups in beforeAll (the 61-frame SXRD analysis) get a test's budget, not vitest's 10 s: on a shared,
    // loaded machine that setup alone took 35 s.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
