import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // Some suites analyse a whole simulated study once in beforeAll; on a loaded 2-core machine that can pass 10 s.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
