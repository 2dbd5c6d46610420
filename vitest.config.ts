import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    // beforeAll hooks that analyse a whole simulated sequence need more than the 10 s default on two busy cores.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
